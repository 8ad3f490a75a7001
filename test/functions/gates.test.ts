import { ListGatesOutput, PlaceCodeOutput, type User } from '../../types'
import { checkPlaceCode } from '../../cloudfunctions/pass/domain/place-code'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { snapshotDatabase } from '../support/db-snapshot'
import { TEST_NOW } from '../support/clock'

const OTHER_MANAGER = 'manager-other'
const NEW_GUARD = 'o6_new_guard_00000000000001'

let cloud: LocalCloud
beforeEach(async () => {
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => TEST_NOW })
  const [rjq] = await cloud.store.collection('communities').find({ _id: 'ruanjiaqiao' })
  await cloud.store.collection('communities').put({ ...rjq, _id: 'other-community', name: '别的社区' })
  await cloud.store
    .collection('gates')
    .put({ _id: 'gate-other', communityId: 'other-community', name: '东门', createdAt: TEST_NOW })
  const other: User = {
    _id: OTHER_MANAGER,
    nickname: '钱经理',
    roles: [{ role: 'manager', communityId: 'other-community' }],
    createdAt: TEST_NOW,
  }
  await cloud.store.collection('users').put(other)
})
afterEach(async () => {
  await cloud.close()
})

async function ok<T>(body: Record<string, unknown>, openid = 'demo-manager'): Promise<T> {
  const reply = await cloud.call('pass', body, openid)
  if (!reply.ok) throw new Error(`pass.${String(body.action)} failed: ${reply.error.code} ${reply.error.message}`)
  return reply.data as T
}
const listGates = (openid = 'demo-manager') =>
  ok<ListGatesOutput>({ action: 'listGates', communityId: 'ruanjiaqiao' }, openid)

describe('pass.listGates', () => {
  it('lists the community’s gates with their guards', async () => {
    expect(ListGatesOutput.parse(await listGates())).toEqual({
      gates: [
        { id: 'gate-rjq-north', name: '北门', guards: [{ openid: 'demo-guard', nickname: '王师傅' }] },
        { id: 'gate-rjq-south', name: '南门', guards: [] },
      ],
    })
  })

  it('is open to the secretary and admin, but not to a manager of another community', async () => {
    expect((await listGates('demo-secretary')).gates).toHaveLength(2)
    expect((await listGates('demo-admin')).gates).toHaveLength(2)
    expect(await cloud.call('pass', { action: 'listGates', communityId: 'ruanjiaqiao' }, OTHER_MANAGER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})

describe('pass.saveGate', () => {
  it('adds a gate and renames one', async () => {
    const added = await ok<{ gate: { id: string; name: string } }>({
      action: 'saveGate',
      communityId: 'ruanjiaqiao',
      name: ' 西门 ',
    })
    expect(added.gate).toEqual({ id: expect.stringMatching(/^gate-/), name: '西门', guards: [] })
    await ok({ action: 'saveGate', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-south', name: '南门（菜场）' })
    expect((await listGates()).gates.map((g) => g.name)).toEqual(['北门', '南门（菜场）', '西门'])
  })

  it('refuses a manager of another community, a secretary, and another community’s gate — writing nothing', async () => {
    const before = await snapshotDatabase(cloud.store)
    const save = (body: Record<string, unknown>, openid = 'demo-manager') =>
      cloud.call('pass', { action: 'saveGate', ...body }, openid)
    expect(await save({ communityId: 'ruanjiaqiao', name: '西门' }, OTHER_MANAGER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await save({ communityId: 'ruanjiaqiao', name: '西门' }, 'demo-secretary')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await save({ communityId: 'ruanjiaqiao', gateId: 'gate-other', name: '改名' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await save({ communityId: 'ruanjiaqiao', name: '' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
    expect(await save({ communityId: 'ruanjiaqiao', name: '门'.repeat(21) })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
    expect(await save({ communityId: 'ruanjiaqiao', name: '西门', guardOpenids: ['x'] })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })
})

describe('pass.placeCode', () => {
  it('gives a signed 场所码 for the gate, with its names', async () => {
    const out = PlaceCodeOutput.parse(await ok({ action: 'placeCode', gateId: 'gate-rjq-north' }))
    expect(out).toEqual({
      code: expect.stringMatching(/^XGG1\./),
      gateName: '北门',
      communityName: expect.stringContaining('阮家桥'),
    })
    expect(checkPlaceCode(cloud.config.passKeys!, out.code)).toEqual({ ok: true, gateId: 'gate-rjq-north' })
  })

  it('refuses another community’s gate (FORBIDDEN) and an unknown gate (NOT_FOUND)', async () => {
    expect(await cloud.call('pass', { action: 'placeCode', gateId: 'gate-other' }, 'demo-manager')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await cloud.call('pass', { action: 'placeCode', gateId: 'gate-nope' }, 'demo-manager')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
    expect(await cloud.call('pass', { action: 'placeCode', gateId: 'gate-rjq-north' }, 'demo-courier')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})

describe('pass.bindGuard', () => {
  const bind = (gateId: string, openid = NEW_GUARD, caller = 'demo-manager') =>
    cloud.call('pass', { action: 'bindGuard', communityId: 'ruanjiaqiao', openid, gateId }, caller)

  it('creates an unknown user as 门岗 bound to the gate, who can then verify there', async () => {
    expect(await bind('gate-rjq-south')).toMatchObject({
      ok: true,
      data: { gate: { id: 'gate-rjq-south', guards: [{ openid: NEW_GUARD, nickname: '门岗' }] } },
    })
    expect(await cloud.store.collection('users').get(NEW_GUARD)).toEqual({
      _id: NEW_GUARD,
      nickname: '门岗',
      roles: [{ role: 'guard', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-south' }],
      createdAt: TEST_NOW,
    })
    expect(await cloud.call('pass', { action: 'verify', token: 'XG1.nope' }, NEW_GUARD)).toMatchObject({
      ok: true,
      data: { allowed: false, gateName: '南门' },
    })
  })

  it('replaces the user’s previous guard binding and keeps their other roles', async () => {
    await cloud.store.collection('users').update('demo-guard', {
      set: { roles: [{ role: 'courier' }, { role: 'guard', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-north' }] },
    })
    expect(await bind('gate-rjq-south', 'demo-guard')).toMatchObject({ ok: true })
    expect((await cloud.store.collection('users').get('demo-guard'))?.roles).toEqual([
      { role: 'courier' },
      { role: 'guard', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-south' },
    ])
    expect((await listGates()).gates).toEqual([
      { id: 'gate-rjq-north', name: '北门', guards: [] },
      { id: 'gate-rjq-south', name: '南门', guards: [{ openid: 'demo-guard', nickname: '王师傅' }] },
    ])
  })

  it('refuses a manager of another community, a secretary, and a gate of another community — writing nothing', async () => {
    const before = await snapshotDatabase(cloud.store)
    expect(await bind('gate-rjq-south', NEW_GUARD, OTHER_MANAGER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await bind('gate-rjq-south', NEW_GUARD, 'demo-secretary')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await bind('gate-other')).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await bind('gate-rjq-south', 'not an openid!')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })
})
