import { loadConfig, verifyKeysOf } from '../../cloudfunctions/shared/config'
import { INDEXES } from '../../cloudfunctions/shared/store/collections'
import { templateName, type CloudBaseRc, type FunctionEntry } from './cloudbaserc'

/**
 * What `npm run deploy` sets, worked out from cloudbaserc.json, the store's INDEXES and the deploying
 * environment, with no I/O: the dry run prints it, the deploy applies it, and the go-live test configures the
 * built bundles from it exactly as CloudBase will run them.
 */

/** Every collection the functions own is closed to clients: all access goes through the functions. */
export const COLLECTION_ACL = 'ADMINONLY'

/** Template variables a function may be deployed without (an empty value is meaningful). */
const OPTIONAL_VARIABLES: ReadonlySet<string> = new Set([
  'ADMIN_OPENIDS',
  'MINI_PROGRAM_ENV_VERSION',
  'SUBSCRIBE_TEMPLATE_IDS',
])

/**
 * Which functions hold 小哥码 keys and how: `pass` alone signs; `points` verifies attendance codes with public
 * keys only. Checked before deploying, so a function never starts without the keys it needs or with a private
 * key it must not hold.
 */
export const KEY_HOLDERS: Readonly<Record<string, 'sign' | 'verify'>> = { pass: 'sign', points: 'verify' }

export interface IndexPlan {
  name: string
  fields: string[]
}

export interface CollectionPlan {
  name: string
  indexes: IndexPlan[]
  acl: typeof COLLECTION_ACL
}

export interface FunctionPlan {
  entry: FunctionEntry
  /** The environment variables exactly as the function will get them. */
  variables: Record<string, string>
  /** Variables whose value comes from the deploying environment (secrets among them): never printed. */
  fromEnvironment: string[]
}

export interface DeployPlan {
  envId: string | null
  collections: CollectionPlan[]
  functions: FunctionPlan[]
  /** Missing or malformed variables, each naming the function and the variable: the deploy refuses them. */
  problems: string[]
}

/** A CloudBase index name for fields (letters, digits and `_`): `idx_location_lat_location_lng`. */
export function indexName(fields: readonly string[]): string {
  return `idx_${fields.map((f) => f.replace(/\./g, '_')).join('_')}`
}

export function planCollections(indexes: Readonly<Record<string, string[][]>> = INDEXES): CollectionPlan[] {
  return Object.entries(indexes)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, list]) => ({
      name,
      indexes: list.map((fields) => ({ name: indexName(fields), fields })),
      acl: COLLECTION_ACL,
    }))
}

function planFunction(entry: FunctionEntry, env: Readonly<Record<string, string>>, problems: string[]): FunctionPlan {
  const variables: Record<string, string> = {}
  const fromEnvironment: string[] = []
  for (const [name, value] of Object.entries(entry.envVariables)) {
    const source = templateName(value)
    if (source === null) {
      variables[name] = value
      continue
    }
    fromEnvironment.push(name)
    const given = env[source]?.trim() ?? ''
    if (given === '' && !OPTIONAL_VARIABLES.has(source)) {
      problems.push(`${entry.name}: ${name} is not set (put ${source}=… in .env.local or the environment)`)
    }
    variables[name] = given
  }
  checkFunctionConfig(entry.name, variables, problems)
  return { entry, variables, fromEnvironment }
}

/** The function's own cold-start check, run before deploying, plus who may hold which key. */
function checkFunctionConfig(name: string, variables: Record<string, string>, problems: string[]): void {
  let config
  try {
    config = loadConfig(variables)
  } catch (error) {
    problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`)
    return
  }
  const role = KEY_HOLDERS[name]
  if (role !== 'sign' && config.passKeys) problems.push(`${name}: must not hold PASS_PRIVATE_KEY (only pass signs)`)
  if (role === 'sign' && !config.passKeys) problems.push(`${name}: needs PASS_ACTIVE_KID and PASS_PRIVATE_KEY`)
  if (role === 'verify' && !verifyKeysOf(config)) problems.push(`${name}: needs PASS_PUBLIC_KEYS`)
}

export function planDeploy(rc: CloudBaseRc, env: Readonly<Record<string, string>>): DeployPlan {
  const problems: string[] = []
  const envId = env.CLOUD_ENV?.trim() || null
  const functions = rc.functions.map((entry) => planFunction(entry, env, problems))
  return { envId, collections: planCollections(), functions, problems }
}

/** The plan as a person reads it. Values from the environment are never shown, only whether they are set. */
export function describePlan(plan: DeployPlan): string[] {
  const lines = [`environment: ${plan.envId ?? '(CLOUD_ENV not set)'}`, '', `collections (${plan.collections.length}):`]
  for (const c of plan.collections) {
    const indexes = c.indexes.map((i) => `${i.name}(${i.fields.join(', ')})`).join(', ') || 'no index but _id'
    lines.push(`  ${c.name.padEnd(15)} ${c.acl}  ${indexes}`)
  }
  lines.push('', `functions (${plan.functions.length}):`)
  for (const f of plan.functions) {
    const { entry } = f
    const triggers = entry.triggers.map((t) => ` timer ${t.name} "${t.config}"`).join('')
    lines.push(`  ${entry.name}: ${entry.runtime}, ${entry.timeout} s, ${entry.memorySize} MB${triggers}`)
    for (const [name, value] of Object.entries(f.variables)) {
      const shown = f.fromEnvironment.includes(name) ? (value === '' ? '(empty)' : '(set)') : `= ${value}`
      lines.push(`    ${name} ${shown}`)
    }
  }
  if (plan.problems.length > 0) lines.push('', 'problems:', ...plan.problems.map((p) => `  - ${p}`))
  return lines
}
