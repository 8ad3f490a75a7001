import { readFileSync } from 'node:fs'
import { CONTRACT, FUNCTION_NAMES, ROLES, type Role } from '../../types'
import { ROUTERS } from '../../cloudfunctions/routers'
import { POLICY, callerFrom, holdsRoleIn, isAllowed, type Rule } from '../../cloudfunctions/shared/policy'
import { formattedPolicyTable, POLICY_DOC } from '../../scripts/policy-table'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { TEST_NOW } from '../support/clock'
import { ALLOWED_DOMAIN_ERRORS, VALID_REQUESTS } from '../support/policy-requests'

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
    it.each(allActions)('%s.%s lets in exactly the roles its rule allows', async (fn, action) => {
      const rule = (POLICY[fn] as Record<string, Rule>)[action]
      const key = `${fn}.${action}`
      for (const [role, openid] of CALLERS) {
        // a fresh database per caller, so one caller's write never changes the next one's answer
        const cloud: LocalCloud = await createLocalCloud({ dataDir: ':memory:', now: () => TEST_NOW })
        const reply = await cloud.call(fn, { action, ...VALID_REQUESTS[key] }, openid)
        await cloud.close()
        const allowed = rule.allow.includes('anyone') || (role !== 'visitor' && rule.allow.includes(role))
        if (!allowed) {
          expect({ role, reply }).toMatchObject({ role, reply: { ok: false, error: { code: 'FORBIDDEN' } } })
        } else if (!reply.ok) {
          const acceptable = ALLOWED_DOMAIN_ERRORS[key] ?? []
          if (!acceptable.includes(reply.error.code))
            throw new Error(`${key} refused ${role}: ${reply.error.code} ${reply.error.message}`)
        }
      }
    })
  })
})

describe('rules', () => {
  const guardOfA = callerFrom(
    'g',
    { _id: 'g', nickname: '门岗', roles: [{ role: 'guard', communityId: 'a' }], createdAt: 0 },
    new Set(),
  )
  const visitor = callerFrom('v', null, new Set())

  it('admits a role only if the rule lists it, and anyone only with "anyone"', () => {
    expect(isAllowed({ allow: ['guard'] }, guardOfA)).toBe(true)
    expect(isAllowed({ allow: ['secretary'] }, guardOfA)).toBe(false)
    expect(isAllowed({ allow: ['courier'] }, visitor)).toBe(false)
    expect(isAllowed({ allow: ['anyone'] }, visitor)).toBe(true)
    for (const role of ROLES) expect(isAllowed({ allow: [role] }, visitor)).toBe(false)
  })

  it('binds staff to their own community, while admins act everywhere', () => {
    expect(holdsRoleIn(guardOfA, ['guard'], 'a')).toBe(true)
    expect(holdsRoleIn(guardOfA, ['guard'], 'b')).toBe(false)
    expect(holdsRoleIn(guardOfA, ['secretary'], 'a')).toBe(false)
    const admin = callerFrom('root', null, new Set(['root']))
    expect(holdsRoleIn(admin, ['secretary', 'admin'], 'b')).toBe(true)
    // an admin counts only where the rule lists admin
    expect(holdsRoleIn(admin, ['secretary'], 'b')).toBe(false)
    // a courier binding names no community and never counts as staff
    const courier = callerFrom(
      'c',
      { _id: 'c', nickname: '小哥', roles: [{ role: 'courier' }], createdAt: 0 },
      new Set(),
    )
    expect(holdsRoleIn(courier, ['courier', 'secretary'], 'a')).toBe(false)
  })
})

describe('docs/POLICY.md', () => {
  it('is the table the policy generates today (npm run docs:policy)', () => {
    expect(readFileSync(POLICY_DOC, 'utf8')).toBe(formattedPolicyTable())
  })

  it('names every action of every function once, with who may call it', () => {
    const doc = formattedPolicyTable()
    for (const fn of FUNCTION_NAMES) {
      for (const action of Object.keys(CONTRACT[fn])) expect(doc).toMatch(new RegExp(`^\\| ${action} +\\|`, 'm'))
    }
  })
})
