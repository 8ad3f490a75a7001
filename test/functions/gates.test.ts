import { ListGatesOutput, PlaceCodeOutput, type User } from '../../types'
import { checkPlaceCode } from '../../cloudfunctions/pass/domain/place-code'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { snapshotDatabase } from '../support/db-snapshot'
import { TEST_NOW } from '../support/clock'

const OTHER_MANAGER = 'manager-other'

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
        { id: 'gate-rjq-north', name: '北门', guards: [{ staffId: expect.any(String), name: '王师傅' }] },
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
    expect(added.gate).toEqual({ id: expect.stringMatching(/^g-[A-Za-z0-9_-]{12}$/), name: '西门', guards: [] })
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

  it('prints a 场所码 for a gate made in the app, which a courier then enters by', async () => {
    const { gate } = await ok<{ gate: { id: string } }>({
      action: 'saveGate',
      communityId: 'ruanjiaqiao',
      name: '西门',
    })
    const { code } = PlaceCodeOutput.parse(await ok({ action: 'placeCode', gateId: gate.id }))
    const entered = await cloud.call('pass', { action: 'enterByPlace', placeCode: code }, 'demo-courier')
    expect(entered).toMatchObject({ ok: true, data: { allowed: true, gateName: '西门' } })
    const [entry] = await cloud.store.collection('accessLogs').find({ gateId: gate.id })
    expect(entry).toMatchObject({ courierId: 'demo-courier', allowed: true, scannedBy: null })
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
