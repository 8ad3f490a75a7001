import { spawnSync } from 'node:child_process'
import path from 'node:path'
import CloudBase from '@cloudbase/manager-node'
import { FUNCTIONS_DIR, ROOT } from '../sizes'
import { readCloudBaseRc } from './cloudbaserc'
import { applyDatabase, managerDatabase } from './database'
import { ENV_FILE, readDeployEnv } from './env'
import { applyFunctions, bundleHash, managerFunctions } from './functions'
import { describePlan, planDeploy } from './plan'
import { applyStorage, managerStorage } from './storage'

/**
 * `npm run deploy`: builds the weapp and the functions, sets up the database (collections, indexes,
 * admin-only) and the storage (private: photos only through the functions' temp URLs) and deploys the functions with their configuration, from cloudbaserc.json and the variables of
 * the shell or `.env.local`. `--dry-run` prints the plan and needs no credentials. Running it twice changes
 * nothing the second time.
 *
 *   npm run deploy -- --dry-run
 *   npm run deploy [-- --skip-build] [-- --allow-clear=ADMIN_OPENIDS]
 */
interface Options {
  dryRun: boolean
  skipBuild: boolean
  allowClear: Set<string>
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { dryRun: false, skipBuild: false, allowClear: new Set() }
  for (const arg of argv) {
    if (arg === '--dry-run') options.dryRun = true
    else if (arg === '--skip-build') options.skipBuild = true
    else if (arg.startsWith('--allow-clear=')) for (const v of arg.slice(14).split(',')) options.allowClear.add(v)
    else throw new Error(`unknown option ${arg} (use --dry-run, --skip-build, --allow-clear=NAME,…)`)
  }
  return options
}

function run(command: string, args: string[], env: Record<string, string>): void {
  console.log(`\n$ ${command} ${args.join(' ')}`)
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? 'signal'})`)
}

async function main() {
  const options = parseArgs(process.argv.slice(2))
  const env = readDeployEnv()
  const plan = planDeploy(readCloudBaseRc(), env)
  console.log(
    `${options.dryRun ? 'Dry run: nothing is changed.' : 'Deploy plan'} (variables from the shell and ${path.relative(ROOT, ENV_FILE)})\n`,
  )
  for (const line of describePlan(plan)) console.log(line)
  if (options.dryRun) {
    if (plan.problems.length > 0) console.log('\nA real deploy would refuse until the problems above are fixed.')
    return
  }

  const missing = ['CLOUD_ENV', 'TENCENTCLOUD_SECRETID', 'TENCENTCLOUD_SECRETKEY'].filter((name) => !env[name])
  if (missing.length > 0) throw new Error(`set ${missing.join(', ')} (in .env.local or the environment) to deploy`)
  if (plan.problems.length > 0) throw new Error('fix the problems above first (npm run keys:new makes the PASS_* keys)')
  const envId = env.CLOUD_ENV

  if (!options.skipBuild) {
    run('npm', ['run', 'build:weapp', '--', '--release'], {
      CLOUD_ENV: envId,
      // the mini-program asks WeChat for the same templates the functions send (docs/GO-LIVE.md 3.6)
      SUBSCRIBE_TEMPLATE_IDS: env.SUBSCRIBE_TEMPLATE_IDS ?? '',
    })
    run('npm', ['run', 'build:functions'], {})
  }
  const manager = new CloudBase({ secretId: env.TENCENTCLOUD_SECRETID, secretKey: env.TENCENTCLOUD_SECRETKEY, envId })
  console.log('\ndatabase:')
  const log = (line: string) => console.log(`  ${line}`)
  const dbChanges = await applyDatabase(managerDatabase(manager, envId), plan.collections, log)
  console.log('storage:')
  const storageChanges = await applyStorage(managerStorage(manager), log)
  console.log('functions:')
  const fnChanges = await applyFunctions(
    managerFunctions(manager, FUNCTIONS_DIR),
    plan.functions,
    (name) => bundleHash(path.join(FUNCTIONS_DIR, name)),
    { allowClear: options.allowClear, log },
  )
  const total = dbChanges.length + storageChanges.length + fnChanges.length
  console.log(`\n${total === 0 ? 'Nothing to change: everything was already in place.' : `${total} change(s) made.`}`)
  console.log('Next: open the project root in WeChat DevTools and upload dist/weapp (docs/GO-LIVE.md).')
}

main().catch((error: unknown) => {
  console.error(`\ndeploy failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
