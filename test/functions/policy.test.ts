import { CONTRACT, FUNCTION_NAMES, ROLES, type Role } from '../../types'
import { ROUTERS } from '../../cloudfunctions/routers'
import { POLICY, callerFrom, hasCommunityRole, isAllowed, type Rule } from '../../cloudfunctions/shared/policy'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { TEST_NOW } from '../support/clock'

/** A valid request for every action, so the walk below reaches the policy check with good input. */
const VALID_REQUESTS: Record<string, Record<string, unknown>> = {
  'account.me': {},
  'services.nearbyStations': { location: { lat: 30.3196, lng: 120.1416 } },
}

/** One caller per role, plus a visitor with none. */
const CALLERS: Array<[Role | 'visitor', string]> = [
  ['visitor', 'o6_visitor_never_seen_000001'],
  ['courier', 'demo-courier'],
  ['guard', 'demo-guard'],
  ['manager', 'demo-manager'],
  ['secretary', 'demo-secretary'],
  ['admin', 'demo-admin'],
]

const allActions = FUNCTION_NAMES.flatMap((fn) => Object.keys(CONTRACT[fn]).map((action) => [fn, action] as const))

describe('the role policy table', () => {
  it('has a rule for exactly the actions in the contract, and every router implements exactly those', () => {
    for (const fn of FUNCTION_NAMES) {
      expect(Object.keys(POLICY[fn]).sort()).toEqual(Object.keys(CONTRACT[fn]).sort())
      expect([...ROUTERS[fn].actions].sort()).toEqual(Object.keys(CONTRACT[fn]).sort())
    }
  })

  it('has a valid sample request for every action (so the walk covers them all)', () => {
    expect(Object.keys(VALID_REQUESTS).sort()).toEqual(allActions.map(([fn, a]) => `${fn}.${a}`).sort())
  })

  describe('walked with every role', () => {
    let cloud: LocalCloud
    beforeAll(async () => {
      cloud = await createLocalCloud({ dataDir: ':memory:', now: () => TEST_NOW })
    })
    afterAll(() => cloud.close())

    it.each(allActions)('%s.%s lets in exactly the roles its rule allows', async (fn, action) => {
      const rule = (POLICY[fn] as Record<string, Rule>)[action]
      for (const [role, openid] of CALLERS) {
        const allowed = rule.allow.includes('anyone') || (role !== 'visitor' && rule.allow.includes(role))
        const reply = await cloud.call(fn, { action, ...VALID_REQUESTS[`${fn}.${action}`] }, openid)
        if (allowed) expect({ role, reply }).toMatchObject({ role, reply: { ok: true } })
        else expect({ role, reply }).toMatchObject({ role, reply: { ok: false, error: { code: 'FORBIDDEN' } } })
      }
    })
  })
})

describe('rules', () => {
  const guardOfA = callerFrom('g', { _id: 'g', nickname: '门岗', roles: [{ role: 'guard', communityId: 'a' }], createdAt: 0 }, new Set())
  const visitor = callerFrom('v', null, new Set())

  it('admits a role only if the rule lists it, and anyone only with "anyone"', () => {
    expect(isAllowed({ allow: ['guard'] }, guardOfA)).toBe(true)
    expect(isAllowed({ allow: ['secretary'] }, guardOfA)).toBe(false)
    expect(isAllowed({ allow: ['courier'] }, visitor)).toBe(false)
    expect(isAllowed({ allow: ['anyone'] }, visitor)).toBe(true)
    for (const role of ROLES) expect(isAllowed({ allow: [role] }, visitor)).toBe(false)
  })

  it('binds staff to their own community, while admins act everywhere', () => {
    expect(hasCommunityRole(guardOfA, ['guard'], 'a')).toBe(true)
    expect(hasCommunityRole(guardOfA, ['guard'], 'b')).toBe(false)
    expect(hasCommunityRole(guardOfA, ['secretary'], 'a')).toBe(false)
    const admin = callerFrom('root', null, new Set(['root']))
    expect(hasCommunityRole(admin, ['secretary'], 'b')).toBe(true)
  })
})
