import { readCloudBaseRc } from '../../scripts/deploy/cloudbaserc'
import {
  applyFunctions,
  descriptionFor,
  functionActions,
  type DeployedFunction,
  type FunctionAdmin,
} from '../../scripts/deploy/functions'
import { planDeploy, type FunctionPlan } from '../../scripts/deploy/plan'

const plan = planDeploy(readCloudBaseRc(), { ADMIN_OPENIDS: 'o_admin_1', PASS_PUBLIC_KEYS: '' })
const account = plan.functions.find((f) => f.entry.name === 'account')!
const purge = plan.functions.find((f) => f.entry.name === 'purge')!

/** CloudBase's functions, in memory: what the deploy reads back is what it wrote. */
function memoryFunctions(): FunctionAdmin & { deployed: Map<string, DeployedFunction>; writes: string[] } {
  const deployed = new Map<string, DeployedFunction>()
  const writes: string[] = []
  const configOf = (p: FunctionPlan) => ({
    timeout: p.entry.timeout,
    memorySize: p.entry.memorySize,
    variables: { ...p.variables },
  })
  return {
    deployed,
    writes,
    describe: (name) => Promise.resolve(deployed.get(name) ?? null),
    create: (p, description) => {
      writes.push(`create ${p.entry.name}`)
      deployed.set(p.entry.name, {
        runtime: p.entry.runtime,
        description,
        triggers: [...p.entry.triggers],
        ...configOf(p),
      })
      return Promise.resolve()
    },
    updateCode: (p) => {
      writes.push(`code ${p.entry.name}`)
      return Promise.resolve()
    },
    updateConfig: (p, description) => {
      writes.push(`config ${p.entry.name}`)
      deployed.set(p.entry.name, { ...deployed.get(p.entry.name)!, description, ...configOf(p) })
      return Promise.resolve()
    },
    setTriggers: (p) => {
      writes.push(`triggers ${p.entry.name}`)
      deployed.set(p.entry.name, { ...deployed.get(p.entry.name)!, triggers: [...p.entry.triggers] })
      return Promise.resolve()
    },
  }
}

const hash = (name: string) => `hash-of-${name}`

describe('deploying the functions', () => {
  it('creates them all the first time and changes nothing the second time', async () => {
    const admin = memoryFunctions()
    const first = await applyFunctions(admin, [account, purge], hash)
    expect(first).toEqual(['account: created', 'purge: created'])
    expect(admin.deployed.get('purge')?.triggers).toEqual([
      { name: 'purge-expired-records', type: 'timer', config: '0 30 3 * * * *' },
    ])
    admin.writes.length = 0
    expect(await applyFunctions(admin, [account, purge], hash)).toEqual([])
    expect(admin.writes).toEqual([])
  })

  it('uploads code (and the description carrying its hash) only when the bundle changed', async () => {
    const admin = memoryFunctions()
    await applyFunctions(admin, [account], hash)
    expect(await applyFunctions(admin, [account], () => 'a-new-build')).toEqual([
      'account: updated code',
      'account: updated config',
    ])
    expect(admin.deployed.get('account')?.description).toBe(descriptionFor('a-new-build'))
  })

  it('updates only the configuration when only a setting changed', () => {
    const current: DeployedFunction = {
      runtime: account.entry.runtime,
      timeout: 3,
      memorySize: account.entry.memorySize,
      description: descriptionFor('h'),
      variables: account.variables,
      triggers: [],
    }
    expect(functionActions(account, 'h', current)).toEqual({ actions: ['config'] })
    expect(functionActions(account, 'h', { ...current, timeout: account.entry.timeout })).toEqual({ actions: [] })
    expect(
      functionActions(purge, 'h', { ...current, variables: purge.variables, timeout: purge.entry.timeout }),
    ).toEqual({
      actions: ['triggers'],
    })
  })

  it('never wipes a value set on CloudBase that the deployer did not give, unless told to', async () => {
    const admin = memoryFunctions()
    await applyFunctions(admin, [account], hash)
    const unset: FunctionPlan = { ...account, variables: { ADMIN_OPENIDS: '' } }
    await expect(applyFunctions(admin, [unset], () => 'a-new-build')).rejects.toThrow(
      'account: ADMIN_OPENIDS is set on CloudBase but would be deployed empty',
    )
    expect(admin.deployed.get('account')?.variables.ADMIN_OPENIDS).toBe('o_admin_1')
    expect(admin.deployed.get('account')?.description).toBe(descriptionFor(hash('account'))) // nothing was written
    await applyFunctions(admin, [unset], hash, { allowClear: new Set(['ADMIN_OPENIDS']) })
    expect(admin.deployed.get('account')?.variables.ADMIN_OPENIDS).toBe('')
  })

  it('refuses to redeploy onto another runtime, before writing anything', async () => {
    const admin = memoryFunctions()
    await applyFunctions(admin, [account, purge], hash)
    admin.deployed.set('purge', { ...admin.deployed.get('purge')!, runtime: 'Nodejs16.13' })
    admin.writes.length = 0
    await expect(applyFunctions(admin, [account, purge], () => 'a-new-build')).rejects.toThrow(/runs Nodejs16\.13/)
    expect(admin.writes).toEqual([])
  })
})
