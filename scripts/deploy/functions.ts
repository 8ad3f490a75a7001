import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type CloudBase from '@cloudbase/manager-node'
import type { FunctionPlan } from './plan'

/**
 * The functions step of the deploy. A function is created when missing; its code is uploaded only when the
 * built bundle changed (its hash rides in the function's description); its configuration is updated only when
 * it differs. So a second run with the same build and variables changes nothing. A variable that holds a value
 * on CloudBase but would be deployed empty is refused unless named in `--allow-clear`: a redeploy never wipes
 * a value that was set on purpose.
 */

export interface Trigger {
  name: string
  type: string
  config: string
}

/** A deployed function as the deploy compares it. */
export interface DeployedFunction {
  runtime: string
  timeout: number
  memorySize: number
  description: string
  variables: Record<string, string>
  triggers: Trigger[]
}

export interface FunctionAdmin {
  /** null when the function does not exist. */
  describe(name: string): Promise<DeployedFunction | null>
  create(plan: FunctionPlan, description: string): Promise<void>
  updateCode(plan: FunctionPlan): Promise<void>
  updateConfig(plan: FunctionPlan, description: string): Promise<void>
  setTriggers(plan: FunctionPlan): Promise<void>
}

export type FunctionAction = 'create' | 'code' | 'config' | 'triggers'

const MARK = 'xiaoge bundle sha256:'

/** What the description of a deployed bundle says: the mark carries the bundle's hash. */
export function descriptionFor(bundleHash: string): string {
  return `小哥友好 ${MARK}${bundleHash}`
}

/** SHA-256 over a built function folder (index.js, package.json, config.json): what changes when code does. */
export function bundleHash(dir: string): string {
  const hash = createHash('sha256')
  for (const file of ['index.js', 'package.json', 'config.json']) {
    const full = path.join(dir, file)
    hash.update(`${file}\0`)
    if (fs.existsSync(full)) hash.update(fs.readFileSync(full))
  }
  return hash.digest('hex').slice(0, 32)
}

const sameTriggers = (a: readonly Trigger[], b: readonly Trigger[]) =>
  JSON.stringify([...a].sort((x, y) => (x.name < y.name ? -1 : 1))) ===
  JSON.stringify([...b].sort((x, y) => (x.name < y.name ? -1 : 1)))

const sameVariables = (a: Record<string, string>, b: Record<string, string>) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''))
}

/** Decides, with no I/O, what a function needs; `refusal` explains why it must not be deployed as planned. */
export function functionActions(
  plan: FunctionPlan,
  hash: string,
  current: DeployedFunction | null,
  allowClear: ReadonlySet<string> = new Set(),
): { actions: FunctionAction[]; refusal?: string } {
  if (!current) return { actions: ['create'] }
  const { entry, variables } = plan
  if (current.runtime !== entry.runtime) {
    return {
      actions: [],
      refusal: `${entry.name}: runs ${current.runtime}, cloudbaserc.json says ${entry.runtime}; a runtime is set only when a function is created`,
    }
  }
  const wiped = Object.keys(current.variables).filter(
    (name) => current.variables[name] !== '' && (variables[name] ?? '') === '' && !allowClear.has(name),
  )
  if (wiped.length > 0) {
    return {
      actions: [],
      refusal: `${entry.name}: ${wiped.join(', ')} ${wiped.length > 1 ? 'are' : 'is'} set on CloudBase but would be deployed empty; set ${wiped.length > 1 ? 'them' : 'it'} in .env.local (or pass --allow-clear=${wiped.join(',')})`,
    }
  }
  const actions: FunctionAction[] = []
  const codeChanged = !current.description.includes(`${MARK}${hash}`)
  if (codeChanged) actions.push('code')
  if (
    codeChanged ||
    current.timeout !== entry.timeout ||
    current.memorySize !== entry.memorySize ||
    !sameVariables(current.variables, variables)
  ) {
    actions.push('config')
  }
  if (!sameTriggers(current.triggers, entry.triggers)) actions.push('triggers')
  return { actions }
}

/** Deploys every planned function; resolves the changes made (none on a second run). Refuses before writing. */
export async function applyFunctions(
  admin: FunctionAdmin,
  plans: readonly FunctionPlan[],
  hashOf: (name: string) => string,
  options: { allowClear?: ReadonlySet<string>; log?: (line: string) => void } = {},
): Promise<string[]> {
  const log = options.log ?? (() => {})
  const decided: Array<{ plan: FunctionPlan; hash: string; actions: FunctionAction[] }> = []
  const refusals: string[] = []
  for (const plan of plans) {
    const hash = hashOf(plan.entry.name)
    const { actions, refusal } = functionActions(plan, hash, await admin.describe(plan.entry.name), options.allowClear)
    if (refusal) refusals.push(refusal)
    decided.push({ plan, hash, actions })
  }
  if (refusals.length > 0) throw new Error(`refusing to deploy:\n${refusals.map((r) => `  - ${r}`).join('\n')}`)
  const changes: string[] = []
  for (const { plan, hash, actions } of decided) {
    const name = plan.entry.name
    for (const action of actions) {
      if (action === 'create') await admin.create(plan, descriptionFor(hash))
      if (action === 'code') await admin.updateCode(plan)
      if (action === 'config') await admin.updateConfig(plan, descriptionFor(hash))
      if (action === 'triggers') await admin.setTriggers(plan)
      const line = `${name}: ${action === 'create' ? 'created' : `updated ${action}`}`
      changes.push(line)
      log(line)
    }
  }
  return changes
}

interface ScfFunction {
  Runtime?: string
  Timeout?: number
  MemorySize?: number
  Description?: string
  Environment?: { Variables?: Array<{ Key?: string; Value?: string }> }
  Triggers?: Array<{ TriggerName?: string; Type?: string; TriggerDesc?: string }>
}

/** FunctionAdmin over @cloudbase/manager-node's function service; code comes from `functionRoot`. */
export function managerFunctions(manager: CloudBase, functionRoot: string): FunctionAdmin {
  const functions = manager.functions
  const func = (plan: FunctionPlan, description?: string) => ({
    name: plan.entry.name,
    runtime: plan.entry.runtime,
    timeout: plan.entry.timeout,
    memorySize: plan.entry.memorySize,
    installDependency: plan.entry.installDependency,
    envVariables: plan.variables,
    triggers: plan.entry.triggers,
    ...(description ? { description } : {}),
  })
  return {
    describe: async (name) => {
      let detail: ScfFunction
      try {
        detail = await functions.getFunctionDetail(name)
      } catch (error) {
        const code = (error as { code?: unknown }).code
        if (typeof code === 'string' && code.startsWith('ResourceNotFound')) return null
        throw error
      }
      return {
        runtime: detail.Runtime ?? '',
        timeout: detail.Timeout ?? 0,
        memorySize: detail.MemorySize ?? 0,
        description: detail.Description ?? '',
        variables: Object.fromEntries((detail.Environment?.Variables ?? []).map((v) => [v.Key ?? '', v.Value ?? ''])),
        triggers: (detail.Triggers ?? []).map((t) => ({
          name: t.TriggerName ?? '',
          type: t.Type ?? '',
          config: t.TriggerDesc ?? '',
        })),
      }
    },
    create: async (plan, description) => {
      await functions.createFunction({ func: func(plan, description), functionRootPath: functionRoot, force: false })
    },
    updateCode: async (plan) => {
      await functions.updateFunctionCode({ func: func(plan), functionRootPath: functionRoot })
    },
    updateConfig: async (plan, description) => {
      await functions.updateFunctionConfig(func(plan, description))
    },
    setTriggers: async (plan) => {
      // A trigger cannot be changed in place: each planned one is deleted (when there) and created anew.
      for (const trigger of plan.entry.triggers) {
        await functions.deleteFunctionTrigger(plan.entry.name, trigger.name).catch(() => undefined)
      }
      await functions.createFunctionTriggers(plan.entry.name, plan.entry.triggers)
    },
  }
}
