import { createPublicKey, verify as verifySignature } from 'node:crypto'
import {
  STATUS_LIST_CONTEXT,
  StatusListBody,
  type AccessLog,
  type Envelope,
  type StatusListOutput,
  type UploadOfflineChecksOutput,
} from '../../types'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { TEST_NOW } from '../support/clock'
import { putApprovedCourier } from '../support/couriers'
import { snapshotDatabase } from '../support/db-snapshot'

/** The server side of the gate without signal: the signed status list and the upload of offline checks. */
const COURIER = 'demo-courier'
const GUARD = 'demo-guard' // 阮家桥 北门
const SOUTH_GUARD = 'guard-rjq-south'

let clock: ManualClock
let cloud: LocalCloud

beforeEach(async () => {
  clock = new ManualClock(TEST_NOW)
  cloud = await createLocalCloud({
    dataDir: ':memory:',
    now: () => clock.now(),
    config: { verifyRateLimitPerMinute: 1000 },
  })
  await cloud.store.collection('users').put({
    _id: SOUTH_GUARD,
    nickname: '李师傅',
    roles: [{ role: 'guard', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-south' }],
    createdAt: TEST_NOW,
  })
})
afterEach(() => cloud.close())

async function data<T>(reply: Promise<Envelope<unknown>>): Promise<T> {
  const envelope = await reply
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.data as T
}
const issue = async () => (await data<{ token: string }>(cloud.call('pass', { action: 'issue' }, COURIER))).token
const upload = (guard: string, checks: Array<Record<string, unknown>>) =>
  data<UploadOfflineChecksOutput>(cloud.call('pass', { action: 'uploadOfflineChecks', checks }, guard))
const offlineEntries = async () =>
  (await cloud.store.collection('accessLogs').find({ communityId: 'ruanjiaqiao' }, { limit: 1000 })).filter(
    (e: AccessLog) => e.offline,
  )

describe('pass.statusList', () => {
  it('signs today’s and tomorrow’s lists of the guard’s community: approved couriers only, masked, by alias', async () => {
    const { lists } = await data<StatusListOutput>(cloud.call('pass', { action: 'statusList' }, GUARD))
    expect(lists).toHaveLength(2)
    const { keys } = await data<{ keys: Array<{ kid: number; publicKey: string }> }>(
      cloud.call('pass', { action: 'publicKeys' }, GUARD),
    )
    const bodies = lists.map((signed) => {
      const raw = Buffer.from(keys.find((k) => k.kid === signed.kid)!.publicKey, 'base64url')
      const key = createPublicKey({
        key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]),
        format: 'der',
        type: 'spki',
      })
      const message = Buffer.from(STATUS_LIST_CONTEXT + signed.list, 'utf8')
      expect(verifySignature(null, message, key, Buffer.from(signed.signature, 'base64url'))).toBe(true)
      // one changed character and the signature no longer holds
      const tampered = Buffer.from(STATUS_LIST_CONTEXT + signed.list.replace('张', '王'), 'utf8')
      expect(verifySignature(null, tampered, key, Buffer.from(signed.signature, 'base64url'))).toBe(false)
      return StatusListBody.parse(JSON.parse(signed.list))
    })
    expect(bodies.map((b) => b.day)).toEqual(['2026-11-23', '2026-11-24'])
    const approved = await cloud.store
      .collection('couriers')
      .find({ communityId: 'ruanjiaqiao', status: 'approved' }, { limit: 1000 })
    expect(bodies[0].entries).toHaveLength(approved.length)
    const text = lists.map((l) => l.list).join('')
    for (const c of await cloud.store.collection('couriers').find({}, { limit: 1000 })) {
      expect(text).not.toContain(c.name) // masked only
      expect(text).not.toContain(c.phone)
      expect(text).not.toContain(c._id)
      if (c.passId) expect(text).not.toContain(c.passId)
    }
    // the code issued today carries the alias the list names the courier by
    const token = await issue()
    const alias = Buffer.from(token.slice(4), 'base64url').subarray(2, 8).toString('base64url')
    expect(bodies[0].entries.find((e) => e[0] === alias)?.slice(1, 3)).toEqual(['张*明', '美团'])
    expect(bodies[1].entries.some((e) => e[0] === alias)).toBe(false) // tomorrow's alias is another
  })

  it('lists every approved courier of a big community, beyond one read page', async () => {
    const ids = Array.from({ length: 1205 }, (_, i) => `big-courier-${String(i).padStart(4, '0')}`)
    for (const id of ids) await putApprovedCourier(cloud.store, id)
    const { lists } = await data<StatusListOutput>(cloud.call('pass', { action: 'statusList' }, GUARD))
    const approved = await cloud.store.collection('couriers').count({ communityId: 'ruanjiaqiao', status: 'approved' })
    expect(approved).toBeGreaterThan(1205)
    const entries = StatusListBody.parse(JSON.parse(lists[0].list)).entries
    expect(entries).toHaveLength(approved)
    expect(new Set(entries.map((e) => e[0])).size).toBe(approved)
  })

  it('is for guards only', async () => {
    expect(await cloud.call('pass', { action: 'statusList' }, COURIER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
  })
})

describe('pass.uploadOfflineChecks', () => {
  it('logs a check made offline once, at its own time and gate, however often it is uploaded', async () => {
    const token = await issue()
    const checkedAt = clock.now() + 10_000
    clock.advance(3600_000) // uploaded an hour later
    const check = { checkId: 'offline-check-0001', token, checkedAt, verdict: 'allowed' }
    expect(await upload(GUARD, [check])).toEqual({
      results: [{ checkId: 'offline-check-0001', code: 'OK', lateRefusal: false }],
    })
    expect(await upload(GUARD, [check])).toEqual({
      results: [{ checkId: 'offline-check-0001', code: 'OK', lateRefusal: false }],
    })
    const entries = await offlineEntries()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      courierId: COURIER,
      gateId: 'gate-rjq-north',
      allowed: true,
      code: 'OK',
      at: checkedAt,
      uploadedAt: clock.now(),
      offline: true,
    })
  })

  it('flags a courier let in offline who had been suspended meanwhile', async () => {
    const token = await issue()
    const checkedAt = clock.now() + 5_000
    await cloud.store.collection('couriers').update(COURIER, { set: { status: 'suspended' } })
    clock.advance(600_000)
    const { results } = await upload(GUARD, [{ checkId: 'offline-check-late1', token, checkedAt, verdict: 'allowed' }])
    expect(results).toEqual([{ checkId: 'offline-check-late1', code: 'COURIER_SUSPENDED', lateRefusal: true }])
    expect(await offlineEntries()).toMatchObject([
      { courierId: COURIER, allowed: true, code: 'COURIER_SUSPENDED', lateRefusal: true },
    ])
    // and so the community's 通行记录 shows it
    const log = await data<{ entries: Array<Record<string, unknown>> }>(
      cloud.call('pass', { action: 'accessLog', communityId: 'ruanjiaqiao', day: '2026-11-23' }, 'demo-secretary'),
    )
    expect(log.entries).toContainEqual(
      expect.objectContaining({ maskedName: '张*明', offline: true, lateRefusal: true, reason: expect.any(String) }),
    )
  })

  it('judges the courier as they stood when checked: let in before a suspension is right, after it is not', async () => {
    const token = await issue()
    const before = clock.now() + 10_000
    clock.advance(30_000)
    await data(
      cloud.call(
        'account',
        { action: 'review', courierId: COURIER, decision: 'suspend', reason: '多次被投诉' },
        'demo-secretary',
      ),
    )
    const after = clock.now() + 10_000 // the same code, still in its minute, shown again after the suspension
    clock.advance(600_000)
    const { results } = await upload(GUARD, [
      { checkId: 'offline-check-befo', token, checkedAt: before, verdict: 'allowed' },
      { checkId: 'offline-check-aftr', token, checkedAt: after, verdict: 'allowed' },
    ])
    expect(results).toEqual([
      { checkId: 'offline-check-befo', code: 'OK', lateRefusal: false },
      { checkId: 'offline-check-aftr', code: 'COURIER_SUSPENDED', lateRefusal: true },
    ])
  })

  it('flags a code let in offline at one gate after it was used at another as 疑似共享', async () => {
    const token = await issue()
    expect(await data(cloud.call('pass', { action: 'verify', token }, SOUTH_GUARD))).toMatchObject({ allowed: true })
    const { results } = await upload(GUARD, [
      { checkId: 'offline-check-shar', token, checkedAt: clock.now() + 2_000, verdict: 'allowed' },
    ])
    expect(results[0]).toMatchObject({ code: 'SUSPECTED_SHARED', lateRefusal: false })
    expect(await offlineEntries()).toMatchObject([{ suspectedShared: true, code: 'SUSPECTED_SHARED' }])
  })

  it('judges each code at the time it was checked: a code already dead then is a late refusal', async () => {
    const token = await issue()
    const issuedAt = clock.now()
    clock.advance(600_000)
    const { results } = await upload(GUARD, [
      { checkId: 'offline-check-dead', token, checkedAt: issuedAt + 90_000, verdict: 'allowed' },
      { checkId: 'offline-check-redd', token: 'XG1.garbage', checkedAt: issuedAt, verdict: 'refused' },
    ])
    expect(results).toEqual([
      { checkId: 'offline-check-dead', code: 'PASS_EXPIRED', lateRefusal: true },
      { checkId: 'offline-check-redd', code: 'PASS_MALFORMED', lateRefusal: false },
    ])
  })

  it('limits a guard to 10 uploads a minute, so nobody floods the access log with made-up checks', async () => {
    const garbage = (i: number) => ({
      checkId: `offline-flood-${String(i).padStart(4, '0')}`,
      token: 'XG1.garbage',
      checkedAt: clock.now(),
      verdict: 'refused',
    })
    for (let i = 0; i < 10; i++) await upload(GUARD, [garbage(i)])
    expect(await cloud.call('pass', { action: 'uploadOfflineChecks', checks: [garbage(10)] }, GUARD)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    })
    expect(await offlineEntries()).toHaveLength(10)
  })

  it('refuses malformed uploads and non-guards, writing nothing', async () => {
    const before = await snapshotDatabase(cloud.store)
    const token = await issue()
    const after = await snapshotDatabase(cloud.store)
    for (const checks of [
      [],
      [{ checkId: 'short', token, checkedAt: TEST_NOW, verdict: 'allowed' }],
      [{ checkId: 'offline-check-0002', token, checkedAt: TEST_NOW, verdict: 'maybe' }],
      [{ checkId: 'offline-check-0003', token, checkedAt: TEST_NOW, verdict: 'allowed', gateId: 'gate-rjq-south' }],
      Array.from({ length: 51 }, (_, i) => ({
        checkId: `offline-check-${String(i).padStart(4, '0')}`,
        token,
        checkedAt: TEST_NOW,
        verdict: 'allowed',
      })),
    ]) {
      expect(await cloud.call('pass', { action: 'uploadOfflineChecks', checks }, GUARD)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      })
    }
    const check = { checkId: 'offline-check-0004', token, checkedAt: TEST_NOW, verdict: 'allowed' }
    expect(await cloud.call('pass', { action: 'uploadOfflineChecks', checks: [check] }, COURIER)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await snapshotDatabase(cloud.store)).toEqual(after)
    expect(before).not.toEqual(after) // (issuing recorded the day's alias)
  })
})
