import { randomBytes } from 'node:crypto'
import { INVITATION_TTL_MS, type Envelope, type User } from '../../types'
import { FUNCTION_ADAPTERS, type FunctionHarness } from '../support/function-harness'
import { TEST_NOW } from '../support/clock'

const NEW_PERSON = 'o6_staff_invitee_00000001'
const OTHER_PERSON = 'o6_staff_invitee_00000002'
const OTHER_MANAGER = 'o6_other_manager_0000001'

type Created = { code: string; path: string; invitation: { id: string; role: string; state: string } }

describe.each(FUNCTION_ADAPTERS)('communities and staff — %s', (_name, open) => {
  let h: FunctionHarness
  beforeAll(async () => {
    h = await open()
  })
  afterAll(() => h.close())
  beforeEach(async () => {
    await h.reset()
    await h
      .store()
      .collection('communities')
      .put({
        _id: 'other-community',
        name: '别的社区',
        street: '和睦街道',
        district: '拱墅区',
        city: '杭州市',
        location: { lat: 30.3, lng: 120.13 },
      })
    await h
      .store()
      .collection('gates')
      .put({ _id: 'gate-other', communityId: 'other-community', name: '东门', createdAt: TEST_NOW })
    const other: User = {
      _id: OTHER_MANAGER,
      nickname: '钱经理',
      roles: [{ role: 'manager', communityId: 'other-community' }],
      createdAt: TEST_NOW,
    }
    await h.store().collection('users').put(other)
  })

  const call = (action: string, body: Record<string, unknown>, openid: string) =>
    h.call('account', { action, ...body }, openid)
  const code = (reply: Envelope<unknown>) => (reply.ok ? 'OK' : reply.error.code)
  async function ok<T>(action: string, body: Record<string, unknown>, openid: string): Promise<T> {
    const reply = await call(action, body, openid)
    if (!reply.ok) throw new Error(`account.${action} as ${openid}: ${reply.error.code} ${reply.error.message}`)
    return reply.data as T
  }
  const invite = (openid: string, body: Record<string, unknown>) =>
    ok<Created>('createInvitation', { communityId: 'ruanjiaqiao', ...body }, openid)
  const rolesOf = async (openid: string) => (await h.store().collection('users').get(openid))?.roles ?? []

  it('lets an admin create and edit a community, and no one else', async () => {
    const fields = {
      name: '新华社区',
      street: '米市巷街道',
      district: '拱墅区',
      city: '杭州市',
      location: { lat: 30.29, lng: 120.16 },
    }
    const { community } = await ok<{ community: { id: string } }>('saveCommunity', fields, 'demo-admin')
    expect(community).toMatchObject({ id: expect.stringMatching(/^c-/), name: '新华社区' })
    await ok('saveCommunity', { ...fields, communityId: community.id, name: '新华社区（东区）' }, 'demo-admin')
    expect((await h.store().collection('communities').get(community.id))?.name).toBe('新华社区（东区）')
    const before = await h.dump()
    for (const openid of ['demo-secretary', 'demo-manager', 'demo-courier', 'o6_visitor_never_seen_000001']) {
      expect(code(await call('saveCommunity', fields, openid))).toBe('FORBIDDEN')
    }
    expect(code(await call('saveCommunity', { ...fields, location: { lat: 0, lng: 0 } }, 'demo-admin'))).toBe(
      'BAD_REQUEST',
    )
    expect(await h.dump()).toEqual(before)
  })

  it('invites a secretary, who accepts on their own identity and is listed by name, with no OPENID shown', async () => {
    const created = await invite('demo-admin', { role: 'secretary', note: '周书记' })
    expect(created.code).toMatch(/^XGI1\.[A-Za-z0-9_-]{22}$/)
    expect(created.path).toMatch(/^staff\/pages\/invite\/index\?code=[A-Za-z0-9_-]{22}$/)
    const info = await ok<{ invitation: Record<string, unknown> }>('invitationInfo', { code: created.code }, NEW_PERSON)
    expect(info.invitation).toMatchObject({
      communityName: '阮家桥社区',
      role: 'secretary',
      createdByName: '系统管理员',
      state: 'open',
    })
    // the stored invitation holds the code's hash, never the code
    expect(JSON.stringify(await h.dump())).not.toContain(created.code.slice(5))
    h.clock.advance(60_000)

    expect(await ok('acceptInvitation', { code: created.code, name: '周新华' }, NEW_PERSON)).toEqual({
      role: 'secretary',
      communityId: 'ruanjiaqiao',
      communityName: '阮家桥社区',
    })
    expect(await rolesOf(NEW_PERSON)).toEqual([{ role: 'secretary', communityId: 'ruanjiaqiao' }])
    const roster = await ok<{ staff: Array<{ name: string; role: string }>; log: Array<{ event: string }> }>(
      'listStaff',
      { communityId: 'ruanjiaqiao' },
      NEW_PERSON,
    )
    expect(roster.staff.map((s) => [s.role, s.name])).toEqual([
      ['secretary', '陈书记'],
      ['secretary', '周新华'],
      ['manager', '赵经理'],
      ['guard', '王师傅'],
    ])
    expect(roster.log.map((e) => e.event)).toEqual(['accepted', 'invited'])
    const everything = JSON.stringify([roster, info])
    for (const openid of [NEW_PERSON, 'demo-admin', 'demo-secretary', 'demo-guard'])
      expect(everything).not.toContain(openid)
    // the new secretary can do a secretary's work at once
    expect(code(await h.call('account', { action: 'reviewQueue', communityId: 'ruanjiaqiao' }, NEW_PERSON))).toBe('OK')
  })

  it('refuses an invitation used twice, expired, revoked or forged, each with its own code, writing nothing', async () => {
    const used = await invite('demo-secretary', { role: 'manager' })
    await ok('acceptInvitation', { code: used.code, name: '孙经理' }, NEW_PERSON)
    const expired = await invite('demo-secretary', { role: 'manager' })
    const revoked = await invite('demo-secretary', { role: 'manager' })
    await ok('revokeInvitation', { invitationId: revoked.invitation.id }, 'demo-secretary')
    h.clock.advance(INVITATION_TTL_MS)
    const forged = `XGI1.${randomBytes(16).toString('base64url')}`
    const before = await h.dump()
    const refusals: Array<[string, string]> = [
      [used.code, 'INVITATION_USED'],
      [expired.code, 'INVITATION_EXPIRED'],
      [revoked.code, 'INVITATION_REVOKED'],
      [forged, 'INVITATION_INVALID'],
      ['XGI1.not-a-code', 'INVITATION_INVALID'],
      [used.code.slice(0, -1), 'INVITATION_INVALID'],
    ]
    for (const [text, expected] of refusals) {
      const reply = await call('acceptInvitation', { code: text, name: '李师傅' }, OTHER_PERSON)
      expect({ text, reply }).toEqual({
        text,
        reply: { ok: false, error: { code: expected, message: expect.any(String) } },
      })
    }
    expect(await h.dump()).toEqual(before)
    expect(await rolesOf(OTHER_PERSON)).toEqual([])
    const states = await Promise.all(
      [used, expired, revoked].map(
        async (c) =>
          (await ok<{ invitation: { state: string } }>('invitationInfo', { code: c.code }, OTHER_PERSON)).invitation
            .state,
      ),
    )
    expect(states).toEqual(['used', 'expired', 'revoked'])
  })

  it('gives exactly one of ten people racing with the same code the role', async () => {
    const created = await invite('demo-manager', { role: 'guard', gateId: 'gate-rjq-south' })
    const people = Array.from({ length: 10 }, (_, i) => `o6_racer_${String(i).padStart(16, '0')}`)
    const replies = await Promise.all(
      people.map((p) => call('acceptInvitation', { code: created.code, name: '抢先者' }, p)),
    )
    expect(replies.filter((r) => r.ok)).toHaveLength(1)
    expect(
      replies
        .filter((r) => !r.ok)
        .map(code)
        .sort(),
    ).toEqual(Array(9).fill('INVITATION_USED'))
    const guards = (await Promise.all(people.map(rolesOf))).filter((roles) => roles.length > 0)
    expect(guards).toEqual([[{ role: 'guard', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-south' }]])
  }, 30_000)

  it('lets each role invite only what it may grant, only in its own community', async () => {
    const before = await h.dump()
    const attempts: Array<[string, Record<string, unknown>, string]> = [
      ['demo-manager', { role: 'secretary' }, 'FORBIDDEN'],
      ['demo-manager', { role: 'manager' }, 'FORBIDDEN'],
      ['demo-secretary', { role: 'secretary' }, 'FORBIDDEN'],
      // staff of another community are told plainly it is not theirs (docs/POLICY.md)
      [OTHER_MANAGER, { role: 'guard', gateId: 'gate-rjq-south' }, 'FORBIDDEN'],
      ['demo-guard', { role: 'guard', gateId: 'gate-rjq-south' }, 'FORBIDDEN'],
      ['demo-courier', { role: 'guard', gateId: 'gate-rjq-south' }, 'FORBIDDEN'],
      ['demo-manager', { role: 'guard' }, 'BAD_REQUEST'],
      ['demo-manager', { role: 'guard', gateId: 'gate-other' }, 'BAD_REQUEST'],
      ['demo-secretary', { role: 'manager', gateId: 'gate-rjq-south' }, 'BAD_REQUEST'],
    ]
    for (const [openid, body, expected] of attempts) {
      const reply = await call('createInvitation', { communityId: 'ruanjiaqiao', ...body }, openid)
      expect({ openid, body, got: code(reply) }).toEqual({ openid, body, got: expected })
    }
    expect(await h.dump()).toEqual(before)
    expect((await invite('demo-secretary', { role: 'manager' })).invitation.role).toBe('manager')
    expect((await invite('demo-manager', { role: 'guard', gateId: 'gate-rjq-south' })).invitation.role).toBe('guard')
  })

  it('never moves a guard of one community to another by an invitation', async () => {
    const theirs = await ok<Created>(
      'createInvitation',
      { communityId: 'other-community', role: 'guard', gateId: 'gate-other' },
      OTHER_MANAGER,
    )
    const before = await h.dump()
    const reply = await call('acceptInvitation', { code: theirs.code, name: '王师傅' }, 'demo-guard')
    expect(code(reply)).toBe('INVALID_STATE')
    expect(await h.dump()).toEqual(before)
    expect(await rolesOf('demo-guard')).toEqual([
      { role: 'guard', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-north' },
    ])
    // nor does the inviter accept their own invitation
    expect(code(await call('acceptInvitation', { code: theirs.code, name: '钱经理' }, OTHER_MANAGER))).toBe('FORBIDDEN')
  })

  it('revokes a role so that the very next call is refused, and logs who did it', async () => {
    const created = await invite('demo-manager', { role: 'guard', gateId: 'gate-rjq-south' })
    await ok('acceptInvitation', { code: created.code, name: '刘师傅' }, NEW_PERSON)
    const verify = () => h.call('pass', { action: 'verify', token: 'XG1.not-a-token' }, NEW_PERSON)
    expect(code(await verify())).toBe('OK') // a guard's check is answered (a refusal card), not forbidden
    const roster = await ok<{ staff: Array<{ id: string; name: string; canRevoke: boolean }> }>(
      'listStaff',
      { communityId: 'ruanjiaqiao' },
      'demo-manager',
    )
    const liu = roster.staff.find((s) => s.name === '刘师傅')!
    expect(liu.canRevoke).toBe(true)

    const before = await h.dump()
    expect(code(await call('revokeStaff', { staffId: liu.id }, OTHER_MANAGER))).toBe('FORBIDDEN')
    const secretary = roster.staff.find((s) => s.name === '陈书记')!
    expect(code(await call('revokeStaff', { staffId: secretary.id }, 'demo-manager'))).toBe('FORBIDDEN')
    const self = roster.staff.find((s) => s.name === '赵经理')!
    expect(code(await call('revokeStaff', { staffId: self.id }, 'demo-manager'))).toBe('FORBIDDEN')
    expect(await h.dump()).toEqual(before)

    h.clock.advance(60_000)
    await ok('revokeStaff', { staffId: liu.id }, 'demo-manager')
    expect(code(await verify())).toBe('FORBIDDEN')
    expect(await rolesOf(NEW_PERSON)).toEqual([])
    const after = await ok<{
      staff: Array<{ name: string }>
      log: Array<{ event: string; byName: string; subjectName?: string }>
    }>('listStaff', { communityId: 'ruanjiaqiao' }, 'demo-manager')
    expect(after.staff.map((s) => s.name)).not.toContain('刘师傅')
    expect(after.log[0]).toMatchObject({ event: 'revoked', byName: '赵经理', subjectName: '刘师傅' })
    expect(code(await call('revokeStaff', { staffId: liu.id }, 'demo-manager'))).toBe('NOT_FOUND')
  })

  it('counts what waits for a community’s staff', async () => {
    await invite('demo-secretary', { role: 'manager' })
    const todo = await ok<Record<string, number>>('staffTodo', { communityId: 'ruanjiaqiao' }, 'demo-secretary')
    expect(todo).toMatchObject({ pendingCouriers: 1, openInvitations: 1, gatesWithoutGuard: 1 })
    expect(code(await call('staffTodo', { communityId: 'ruanjiaqiao' }, OTHER_MANAGER))).toBe('FORBIDDEN')
  })
})
