import { generateKeyringSpec, keyringFrom, formatPublicKeyList } from '../../cloudfunctions/shared/pass-keys'
import { INDEXES } from '../../cloudfunctions/shared/store/collections'
import { readCloudBaseRc, templateName, type CloudBaseRc } from '../../scripts/deploy/cloudbaserc'
import { describePlan, planCollections, planDeploy } from '../../scripts/deploy/plan'
import { DEPLOYED_FUNCTIONS } from '../../scripts/sizes'

const spec = generateKeyringSpec(3)
const publicKeys = formatPublicKeyList({ '3': keyringFrom(spec).active.publicRaw })
const ENV = {
  CLOUD_ENV: 'xiaoge-prod-1a2b',
  ADMIN_OPENIDS: 'o_admin_0000000000000001',
  PASS_ACTIVE_KID: '3',
  PASS_PRIVATE_KEY: spec.privateKey,
  PASS_PUBLIC_KEYS: publicKeys,
}
const rc = readCloudBaseRc()
const variablesOf = (plan: ReturnType<typeof planDeploy>, fn: string) =>
  plan.functions.find((f) => f.entry.name === fn)?.variables

describe('cloudbaserc.json', () => {
  it('deploys exactly the function folders the build makes', () => {
    expect(rc.functions.map((f) => f.name)).toEqual([...DEPLOYED_FUNCTIONS])
  })

  it('holds no secret: keys and OPENIDs are templates filled at deploy time, plain values are settings', () => {
    for (const fn of rc.functions) {
      for (const [name, value] of Object.entries(fn.envVariables)) {
        if (/KEY|SECRET|OPENID|TOKEN/.test(name))
          expect({ fn: fn.name, name, template: templateName(value) }).toEqual({ fn: fn.name, name, template: name })
        else if (templateName(value) === null)
          expect({ name, value }).toEqual({ name, value: expect.stringMatching(/^[\w.-]{1,20}$/) })
      }
    }
    expect(JSON.stringify(rc)).not.toMatch(/[A-Za-z0-9_-]{43}/) // nothing shaped like a key
  })
})

describe('planDeploy', () => {
  it('gives each function only its variables: the private key to pass alone, public keys to points', () => {
    const plan = planDeploy(rc, ENV)
    expect(plan.problems).toEqual([])
    expect(plan.envId).toBe('xiaoge-prod-1a2b')
    expect(variablesOf(plan, 'pass')).toEqual({
      ADMIN_OPENIDS: ENV.ADMIN_OPENIDS,
      PASS_ACTIVE_KID: '3',
      PASS_PRIVATE_KEY: spec.privateKey,
      PASS_PUBLIC_KEYS: publicKeys,
      MINI_PROGRAM_ENV_VERSION: '',
    })
    expect(variablesOf(plan, 'points')).toEqual({
      ADMIN_OPENIDS: ENV.ADMIN_OPENIDS,
      PASS_PUBLIC_KEYS: publicKeys,
      SUBSCRIBE_TEMPLATE_IDS: '',
      MINI_PROGRAM_ENV_VERSION: '',
    })
    expect(variablesOf(plan, 'account')).toEqual({
      ADMIN_OPENIDS: ENV.ADMIN_OPENIDS,
      SUBSCRIBE_TEMPLATE_IDS: '',
      MINI_PROGRAM_ENV_VERSION: '',
    })
    expect(variablesOf(plan, 'purge')).toEqual({ ACCESS_LOG_RETENTION_DAYS: '180' })
    expect(variablesOf(plan, 'reconcile')).toEqual({ SUBSCRIBE_TEMPLATE_IDS: '', MINI_PROGRAM_ENV_VERSION: '' })
  })

  it('names the function and the variable of everything missing', () => {
    const { problems } = planDeploy(rc, { CLOUD_ENV: 'x' })
    expect(problems).toContain(
      'pass: PASS_PRIVATE_KEY is not set (put PASS_PRIVATE_KEY=… in .env.local or the environment)',
    )
    expect(problems).toContain(
      'points: PASS_PUBLIC_KEYS is not set (put PASS_PUBLIC_KEYS=… in .env.local or the environment)',
    )
    expect(problems.some((p) => p.includes('ADMIN_OPENIDS'))).toBe(false) // may be deployed empty
  })

  it.each([
    ['PASS_PRIVATE_KEY', { PASS_PRIVATE_KEY: 'too-short' }],
    ['PASS_ACTIVE_KID', { PASS_ACTIVE_KID: '256' }],
    ['SUBSCRIBE_TEMPLATE_IDS', { SUBSCRIBE_TEMPLATE_IDS: 'review=abc' }],
    ['PASS_PUBLIC_KEYS', { PASS_PUBLIC_KEYS: '{"3":"abc"}' }],
    ['PASS_PUBLIC_KEYS', { PASS_PUBLIC_KEYS: `3:${keyringFrom(generateKeyringSpec(3)).active.publicRaw}` }],
  ])('refuses a malformed %s before deploying, naming it', (variable, change) => {
    const { problems } = planDeploy(rc, { ...ENV, ...change })
    expect(problems.length).toBeGreaterThan(0)
    expect(problems.every((p) => p.includes(variable))).toBe(true)
  })

  it('refuses a configuration that would give a verifier the private key', () => {
    const leaky: CloudBaseRc = {
      ...rc,
      functions: rc.functions.map((f) =>
        f.name === 'points'
          ? {
              ...f,
              envVariables: {
                ...f.envVariables,
                PASS_ACTIVE_KID: '{{env.PASS_ACTIVE_KID}}',
                PASS_PRIVATE_KEY: '{{env.PASS_PRIVATE_KEY}}',
              },
            }
          : f,
      ),
    }
    expect(planDeploy(leaky, ENV).problems).toEqual(['points: must not hold PASS_PRIVATE_KEY (only pass signs)'])
  })

  it('prints the plan without any secret value', () => {
    const text = describePlan(planDeploy(rc, ENV)).join('\n')
    expect(text).toContain('PASS_PRIVATE_KEY (set)')
    expect(text).toContain('ACCESS_LOG_RETENTION_DAYS = 180')
    for (const secret of [spec.privateKey, ENV.ADMIN_OPENIDS, publicKeys]) expect(text).not.toContain(secret)
  })
})

describe('planCollections', () => {
  it('closes every collection of the store to clients and indexes what the store queries', () => {
    const plan = planCollections()
    expect(plan.map((c) => c.name).sort()).toEqual(Object.keys(INDEXES).sort())
    expect(new Set(plan.map((c) => c.acl))).toEqual(new Set(['ADMINONLY']))
    const accessLogs = plan.find((c) => c.name === 'accessLogs')!
    expect(accessLogs.indexes.map((i) => i.fields)).toEqual(INDEXES.accessLogs)
    for (const c of plan) {
      const names = c.indexes.map((i) => i.name)
      expect(new Set(names).size).toBe(names.length)
      for (const name of names) expect(name).toMatch(/^idx_[A-Za-z0-9_]+$/)
    }
  })
})
