import { MeOutput } from '../../types'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { snapshotDatabase } from '../support/db-snapshot'
import { TEST_NOW } from '../support/clock'

let cloud: LocalCloud
beforeEach(async () => {
  cloud = await createLocalCloud({
    dataDir: ':memory:',
    now: () => TEST_NOW,
    config: { adminOpenids: new Set(['env-admin']) },
  })
})
afterEach(() => cloud.close())

async function me(openid: string) {
  const reply = await cloud.call('account', { action: 'me' }, openid)
  if (!reply.ok) throw new Error(`account.me failed: ${reply.error.code}`)
  return MeOutput.parse(reply.data)
}

describe('account.me', () => {
  it('shows an approved courier their status and home community', async () => {
    const data = await me('demo-courier')
    expect(data).toMatchObject({ openid: 'demo-courier', nickname: '张小明', isNew: false })
    expect(data.roles).toEqual([{ role: 'courier' }])
    expect(data.courier).toEqual({ status: 'approved', communityId: 'ruanjiaqiao', communityName: '阮家桥社区' })
  })

  it('shows a pending courier as pending', async () => {
    expect((await me('demo-courier-pending')).courier?.status).toBe('pending')
  })

  it.each([
    ['demo-guard', 'guard'],
    ['demo-manager', 'manager'],
    ['demo-secretary', 'secretary'],
  ])('names the community a staff member (%s) is bound to', async (openid, role) => {
    const data = await me(openid)
    expect(data.roles).toEqual([
      expect.objectContaining({ role, communityId: 'ruanjiaqiao', communityName: '阮家桥社区' }),
    ])
    expect(data.courier).toBeNull()
  })

  it('treats an OPENID never seen before as a new visitor, and records nothing', async () => {
    const before = await snapshotDatabase(cloud.store)
    const data = await me('o6_bmjrPTlm6_2sgVt7hMZOPfL2M')
    expect(data).toEqual({
      openid: 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M',
      nickname: '访客',
      isNew: true,
      roles: [],
      courier: null,
    })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('makes the OPENIDs in ADMIN_OPENIDS admins', async () => {
    expect((await me('env-admin')).roles).toEqual([{ role: 'admin' }])
  })

  it('refuses a caller without identity', async () => {
    const reply = await cloud.call('account', { action: 'me' }, null)
    expect(reply).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.stringContaining('身份') } })
  })
})
