import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  PASS_REFUSAL_CODES,
  PASS_TTL_SECONDS,
  PublicKeysOutput,
  VerifyOutput,
  type Envelope,
  type User,
} from '../../types'
import { issueToken, TOKEN_PREFIX } from '../../cloudfunctions/pass/domain/token'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import type { Config } from '../../cloudfunctions/shared/config'
import { generateKeyringSpec, keyringFrom, rotate } from '../../cloudfunctions/shared/pass-keys'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { snapshotDatabase } from '../support/db-snapshot'
import { TEST_NOW } from '../support/clock'

/** The seed's demo courier (张小明, 美团, approved, passId ZGVtby1j); demo-guard is bound to 阮家桥 北门. */
const COURIER = {
  openid: 'demo-courier',
  name: '张小明',
  phone: '13800000001',
  passId: 'ZGVtby1j',
  approvedAt: Date.UTC(2024, 6, 1),
}
const SOUTH_GUARD = 'guard-rjq-south'
const VISITOR = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M'

let clock: ManualClock
let cloud: LocalCloud
const extraClouds: LocalCloud[] = []

/** A local cloud on the test clock; the suite's default has room for the many checks of the bit-flip test. */
async function newCloud(config: Partial<Config> = {}): Promise<LocalCloud> {
  const created = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now(), config })
  extraClouds.push(created)
  return created
}

beforeEach(async () => {
  clock = new ManualClock(TEST_NOW)
  cloud = await newCloud({ verifyRateLimitPerMinute: 10_000 })
  const southGuard: User = {
    _id: SOUTH_GUARD,
    nickname: '李师傅',
    roles: [{ role: 'guard', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-south' }],
    createdAt: TEST_NOW,
  }
  await cloud.store.collection('users').put(southGuard)
})
afterEach(async () => {
  for (const c of extraClouds.splice(0)) await c.close()
})

async function issue(on = cloud, openid = COURIER.openid, destination?: string): Promise<string> {
  const reply = await on.call('pass', { action: 'issue', ...(destination ? { destination } : {}) }, openid)
  if (!reply.ok) throw new Error(`pass.issue failed: ${reply.error.code} ${reply.error.message}`)
  return (reply.data as { token: string }).token
}

function verifyCall(token: string, guard = 'demo-guard', on = cloud): Promise<Envelope<unknown>> {
  return on.call('pass', { action: 'verify', token }, guard)
}

/** A verification that worked as a request: the gate's answer (allowed or refused with a code). */
async function verify(token: string, guard = 'demo-guard', on = cloud): Promise<VerifyOutput> {
  const reply = await verifyCall(token, guard, on)
  if (!reply.ok) throw new Error(`pass.verify failed: ${reply.error.code} ${reply.error.message}`)
  return VerifyOutput.parse(reply.data)
}

async function refusalCode(token: string, guard = 'demo-guard', on = cloud): Promise<string> {
  const result = await verify(token, guard, on)
  return result.allowed ? 'ALLOWED' : result.code
}

async function publicKeys(on = cloud) {
  const reply = await on.call('pass', { action: 'publicKeys' }, VISITOR)
  if (!reply.ok) throw new Error(`pass.publicKeys failed: ${reply.error.code}`)
  return PublicKeysOutput.parse(reply.data).keys
}

const decode = (token: string) => Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url')
const encode = (bytes: Buffer) => TOKEN_PREFIX + bytes.toString('base64url')
const nowSeconds = () => Math.floor(clock.now() / 1000)

describe('pass.verify: a valid code', () => {
  it('lets an approved courier in and shows the guard only the masked name, platform, approval date, entries today and destination', async () => {
    const first = await verify(await issue(cloud, COURIER.openid, '3幢2单元'))
    expect(first).toEqual({
      allowed: true,
      courier: { maskedName: '张*明', platform: '美团', approvedSince: COURIER.approvedAt, entriesToday: 1 },
      destination: '3幢2单元',
      suspectedShared: false,
      gateName: '北门',
      checkedAt: TEST_NOW,
    })
    clock.advance(30_000)
    const second = await verify(await issue())
    expect(second).toMatchObject({ allowed: true, courier: { entriesToday: 2 } })
    expect(second.allowed && second.destination).toBeUndefined()
  })

  it('never puts the full name, phone number or OPENID in the guard’s answer', async () => {
    const reply = await verifyCall(await issue(cloud, COURIER.openid, '3幢2单元'))
    expect(reply.ok).toBe(true)
    const text = JSON.stringify(reply)
    for (const secret of [COURIER.name, COURIER.phone, COURIER.openid, 'MT-100001']) {
      expect(text).not.toContain(secret)
    }
  })

  it('accepts a code with the whitespace a scanner adds around it, as the 场所码 and attendance do', async () => {
    for (const wrap of [(t: string) => `${t}\n`, (t: string) => `${t}\r\n`, (t: string) => ` \t${t} `]) {
      clock.advance(1_000)
      expect(await verify(wrap(await issue()))).toMatchObject({ allowed: true })
    }
    // whitespace inside a code is still no code
    const token = await issue()
    expect(await verify(`${token.slice(0, 30)} ${token.slice(30)}`)).toMatchObject({ code: 'PASS_MALFORMED' })
    expect(await verifyCall(' \n ')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
  })

  it('answers the same code scanned again at the same gate with that check, counting no second entry', async () => {
    const token = await issue()
    const first = await verify(token)
    expect(first).toMatchObject({ allowed: true, courier: { entriesToday: 1 } })
    expect(first.allowed && first.alreadyCheckedAt).toBeUndefined()
    const logged = await cloud.store.collection('accessLogs').count()
    clock.advance(12_000)
    const again = await verify(token)
    expect(again).toMatchObject({
      allowed: true,
      suspectedShared: false,
      alreadyCheckedAt: TEST_NOW,
      checkedAt: TEST_NOW + 12_000,
      courier: { entriesToday: 1 },
    })
    expect(await cloud.store.collection('accessLogs').count()).toBe(logged)
    // another guard at the same gate: still the same entry
    const sameGateGuard = 'o6_second_north_guard_000001'
    await cloud.store.collection('users').put({
      _id: sameGateGuard,
      nickname: '赵师傅',
      roles: [{ role: 'guard', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-north' }],
      createdAt: TEST_NOW,
    })
    expect(await verify(token, sameGateGuard)).toMatchObject({
      alreadyCheckedAt: TEST_NOW,
      courier: { entriesToday: 1 },
    })
    // at another gate it is 疑似共享, logged
    expect(await verify(token, SOUTH_GUARD)).toMatchObject({ allowed: true, suspectedShared: true })
    expect(await cloud.store.collection('accessLogs').count()).toBe(logged + 1)
  })

  it('counts only allowed entries at this community today', async () => {
    expect(await verify('XG1.garbage')).toMatchObject({ allowed: false })
    expect(await verify(await issue())).toMatchObject({ allowed: true, courier: { entriesToday: 1 } })
    clock.set(TEST_NOW + 86_400_000) // the next day starts a new count
    expect(await verify(await issue())).toMatchObject({ allowed: true, courier: { entriesToday: 1 } })
  })
})

describe('pass.verify: refusals, each with its own code', () => {
  const malformed: Array<[string, (valid: string) => string]> = [
    ['garbage text', () => 'hello, guard'],
    ['a URL', () => 'https://example.com/?XG1.abc'],
    ['the prefix alone', () => TOKEN_PREFIX],
    ['a wrong prefix', (t) => `XG2.${t.slice(4)}`],
    ['a lower-case prefix', (t) => `xg1.${t.slice(4)}`],
    ['no prefix', (t) => t.slice(4)],
    ['a "+" (standard base64, not base64url)', (t) => `${t.slice(0, 20)}+${t.slice(21)}`],
    ['a "/" character', (t) => `${t.slice(0, 20)}/${t.slice(21)}`],
    ['"=" padding', (t) => `${t}==`],
    ['a space inside', (t) => `${t.slice(0, 30)} ${t.slice(30)}`],
    ['a non-ASCII character', (t) => `${t.slice(0, 30)}码${t.slice(31)}`],
    ['one character cut off', (t) => t.slice(0, -1)],
    ['two characters cut off', (t) => t.slice(0, -2)],
    ['half of it', (t) => t.slice(0, Math.floor(t.length / 2))],
    ['bytes appended', (t) => encode(Buffer.concat([decode(t), Buffer.from([0, 1, 2])]))],
    [
      'another spelling of the same bytes (non-zero padding bits)',
      (t) => {
        const last = t[t.length - 1]
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
        return t.slice(0, -1) + alphabet[alphabet.indexOf(last) ^ 1]
      },
    ],
  ]
  it.each(malformed)('refuses %s as PASS_MALFORMED', async (_name, mangle) => {
    const valid = await issue()
    const text = mangle(valid)
    expect(text).not.toBe(valid)
    expect(await verify(text)).toMatchObject({ allowed: false, code: 'PASS_MALFORMED', message: '这不是有效的小哥码' })
  })

  it('refuses an oversized code: over 200 characters as PASS_MALFORMED, over 800 as a bad request that writes nothing', async () => {
    const valid = await issue()
    expect(await refusalCode(`${valid}${'A'.repeat(201 - valid.length)}`)).toBe('PASS_MALFORMED')
    expect(await refusalCode(`XG1.${'A'.repeat(197)}`)).toBe('PASS_MALFORMED')
    expect(await refusalCode(`XG1.${'A'.repeat(796)}`)).toBe('PASS_MALFORMED') // exactly 800
    const before = await snapshotDatabase(cloud.store)
    const reply = await verifyCall(`XG1.${'A'.repeat(797)}`)
    expect(reply).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('请求格式不正确') },
    })
    expect(await verifyCall('x'.repeat(100_000))).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('refuses a code signed with a key of an unknown kid as PASS_UNKNOWN_KEY', async () => {
    const [active] = (await publicKeys()).filter((k) => k.active)
    expect(active.kid).not.toBe(7)
    const stranger = keyringFrom(generateKeyringSpec(7))
    const forged = issueToken(stranger, { alias: COURIER.passId, issuedAt: nowSeconds(), lifetime: 60 })
    expect(await verify(forged)).toMatchObject({ allowed: false, code: 'PASS_UNKNOWN_KEY' })
  })

  it('refuses a code signed with another key under the active kid as PASS_BAD_SIGNATURE', async () => {
    const [active] = (await publicKeys()).filter((k) => k.active)
    const impostor = keyringFrom(generateKeyringSpec(active.kid))
    expect(impostor.active.publicRaw).not.toBe(active.publicKey)
    const forged = issueToken(impostor, {
      alias: COURIER.passId,
      issuedAt: nowSeconds(),
      lifetime: 60,
      destination: '3幢',
    })
    expect(decode(forged)[1]).toBe(active.kid)
    expect(await verify(forged)).toMatchObject({
      allowed: false,
      code: 'PASS_BAD_SIGNATURE',
      message: expect.stringContaining('伪造'),
    })
  })

  it('refuses the code with any single bit flipped, every bit tried', async () => {
    const valid = await issue(cloud, COURIER.openid, '3幢2单元')
    const bytes = decode(valid)
    const accepted: string[] = []
    const codes = new Set<string>()
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = Buffer.from(bytes)
      flipped[bit >> 3] ^= 1 << (bit & 7)
      const result = await verify(encode(flipped))
      if (result.allowed) accepted.push(`byte ${bit >> 3} bit ${bit & 7}`)
      else codes.add(result.code)
    }
    expect(accepted).toEqual([])
    for (const code of codes) expect(PASS_REFUSAL_CODES).toContain(code)
    expect([...codes]).toEqual(expect.arrayContaining(['PASS_MALFORMED', 'PASS_UNKNOWN_KEY', 'PASS_BAD_SIGNATURE']))
    expect(await verify(valid)).toMatchObject({ allowed: true }) // and the original still passes
  })

  it('refuses a code from the instant its lifetime ends (60 s, when the app shows 已失效), with no grace after it', async () => {
    const token = await issue()
    clock.advance(PASS_TTL_SECONDS * 1000 - 1)
    expect(await refusalCode(token)).toBe('ALLOWED')
    clock.advance(1)
    expect(await verify(token)).toMatchObject({ allowed: false, code: 'PASS_EXPIRED' })
    clock.advance(5_000)
    expect(await verify(token)).toMatchObject({ allowed: false, code: 'PASS_EXPIRED' })
  })

  it('refuses a code issued further in the future than the skew allowance as PASS_NOT_YET_VALID', async () => {
    clock.advance(10_000)
    const early = await issue()
    clock.advance(-5_000)
    const withinSkew = await issue()
    clock.set(TEST_NOW)
    expect(await verify(early)).toMatchObject({ allowed: false, code: 'PASS_NOT_YET_VALID' })
    // 5 s ahead is within the allowance: a phone clock a little fast still works
    expect(await refusalCode(withinSkew)).toBe('ALLOWED')
  })

  it.each([
    ['pending', 'COURIER_PENDING'],
    ['rejected', 'COURIER_REJECTED'],
    ['suspended', 'COURIER_SUSPENDED'],
  ])('refuses a validly signed code of a %s courier as %s', async (status, code) => {
    const token = await issue()
    await cloud.store.collection('couriers').update(COURIER.openid, { set: { status } })
    expect(await verify(token)).toMatchObject({ allowed: false, code })
  })

  it('refuses a validly signed code whose alias names no courier as COURIER_UNKNOWN', async () => {
    const token = issueToken(cloud.config.passKeys!, { alias: 'AAAAAAAA', issuedAt: nowSeconds(), lifetime: 60 })
    expect(await verify(token)).toMatchObject({ allowed: false, code: 'COURIER_UNKNOWN' })
  })

  it('refuses a suspended courier at the very next check, with a code issued before the suspension; reinstating lets them in again', async () => {
    const token = await issue()
    expect(await refusalCode(token)).toBe('ALLOWED')
    const suspend = await cloud.call(
      'account',
      { action: 'review', courierId: COURIER.openid, decision: 'suspend', reason: '多次冒用他人小哥码' },
      'demo-secretary',
    )
    expect(suspend).toEqual({ ok: true, data: { status: 'suspended' } })
    expect(await verify(token)).toMatchObject({
      allowed: false,
      code: 'COURIER_SUSPENDED',
      message: '该小哥已被暂停通行',
    })
    const refusedIssue = await cloud.call('pass', { action: 'issue' }, COURIER.openid)
    expect(refusedIssue).toMatchObject({
      ok: false,
      error: { code: 'NOT_APPROVED', message: expect.stringContaining('已暂停') },
    })

    const reinstate = await cloud.call(
      'account',
      { action: 'review', courierId: COURIER.openid, decision: 'reinstate' },
      'demo-secretary',
    )
    expect(reinstate).toEqual({ ok: true, data: { status: 'approved' } })
    expect(await refusalCode(token)).toBe('ALLOWED')
  })

  it.each([
    ['a courier', COURIER.openid],
    ['a secretary', 'demo-secretary'],
    ['a manager', 'demo-manager'],
    ['an admin', 'demo-admin'],
    ['a visitor', VISITOR],
  ])('refuses to let %s verify (FORBIDDEN) and records nothing', async (_who, openid) => {
    const token = await issue()
    const before = await snapshotDatabase(cloud.store)
    expect(await verifyCall(token, openid)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.any(String) },
    })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('refuses a guard role without a gate binding (FORBIDDEN)', async () => {
    await cloud.store.collection('users').put({
      _id: 'guard-unbound',
      nickname: '新门岗',
      roles: [{ role: 'guard', communityId: 'ruanjiaqiao' }],
      createdAt: TEST_NOW,
    })
    const reply = await verifyCall(await issue(), 'guard-unbound')
    expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('门岗') } })
  })

  it('refuses a call without platform identity (UNAUTHENTICATED)', async () => {
    const reply = await cloud.call('pass', { action: 'verify', token: await issue() }, null)
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })
})

describe('pass keys: rotation', () => {
  it('keeps verifying codes signed with the previous key after rotation, and publishes both keys with exactly one active', async () => {
    // One database, as in production: only the functions' keys change.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoge-rotation-'))
    const previous = generateKeyringSpec(1)
    const before = await createLocalCloud({
      dataDir,
      now: () => clock.now(),
      config: { passKeys: keyringFrom(previous) },
    })
    const oldToken = await issue(before)
    expect(decode(oldToken)[1]).toBe(1)
    await before.close()

    const rotated = rotate(previous)
    const after = await createLocalCloud({
      dataDir,
      now: () => clock.now(),
      config: { passKeys: keyringFrom(rotated) },
    })
    extraClouds.push(after)
    expect(await refusalCode(oldToken, 'demo-guard', after)).toBe('ALLOWED')
    const newToken = await issue(after)
    expect(decode(newToken)[1]).toBe(2)
    expect(await refusalCode(newToken, 'demo-guard', after)).toBe('ALLOWED')

    const keys = await publicKeys(after)
    expect(keys.map((k) => k.kid)).toEqual([1, 2])
    expect(keys.filter((k) => k.active)).toEqual([
      { kid: 2, publicKey: keyringFrom(rotated).active.publicRaw, active: true },
    ])
    expect(keys.find((k) => k.kid === 1)?.publicKey).toBe(keyringFrom(previous).active.publicRaw)
  })

  it('refuses codes of a retired key (removed from the public keys) as PASS_UNKNOWN_KEY', async () => {
    const previous = generateKeyringSpec(1)
    const oldToken = await issue(await newCloud({ passKeys: keyringFrom(previous) }))
    const retired = { ...rotate(previous), publicKeys: {} }
    const after = await newCloud({ passKeys: keyringFrom(retired) })
    expect((await publicKeys(after)).map((k) => k.kid)).toEqual([2])
    expect(await verify(oldToken, 'demo-guard', after)).toMatchObject({ allowed: false, code: 'PASS_UNKNOWN_KEY' })
  })

  it('publishes only public keys: 32 raw bytes each, never the private seed', async () => {
    const spec = generateKeyringSpec(3)
    const keys = await publicKeys(await newCloud({ passKeys: keyringFrom(spec) }))
    expect(keys).toHaveLength(1)
    expect(Buffer.from(keys[0].publicKey, 'base64url')).toHaveLength(32)
    expect(JSON.stringify(keys)).not.toContain(spec.privateKey)
  })
})

describe('pass.verify: a code used at two gates (疑似共享)', () => {
  it('accepts the code at a second gate within its lifetime but flags it there, in the answer and in the log', async () => {
    const token = await issue()
    expect(await verify(token)).toMatchObject({ allowed: true, suspectedShared: false, gateName: '北门' })
    clock.advance(20_000)
    expect(await verify(token, SOUTH_GUARD)).toMatchObject({ allowed: true, suspectedShared: true, gateName: '南门' })

    const logs = await cloud.store.collection('accessLogs').find({}, { orderBy: [['at', 'asc']] })
    expect(logs.map((l) => [l.gateId, l.allowed, l.code, l.suspectedShared])).toEqual([
      ['gate-rjq-north', true, 'OK', false],
      ['gate-rjq-south', true, 'SUSPECTED_SHARED', true],
    ])
  })

  it('flags exactly one of two checks of the same code at two gates at the same instant', async () => {
    const token = await issue()
    const [north, south] = await Promise.all([verify(token), verify(token, SOUTH_GUARD)])
    expect([north, south].map((r) => (r as { allowed: boolean }).allowed)).toEqual([true, true])
    expect([north, south].filter((r) => (r as { suspectedShared: boolean }).suspectedShared)).toHaveLength(1)
    const logs = await cloud.store.collection('accessLogs').find({})
    expect(logs.map((l) => l.code).sort()).toEqual(['OK', 'SUSPECTED_SHARED'])
  })

  it('does not flag the same code shown twice at the same gate', async () => {
    const token = await issue()
    expect(await verify(token)).toMatchObject({ allowed: true, suspectedShared: false })
    clock.advance(10_000)
    expect(await verify(token)).toMatchObject({ allowed: true, suspectedShared: false, alreadyCheckedAt: TEST_NOW })
    const logs = await cloud.store.collection('accessLogs').find({})
    expect(logs.map((l) => l.code)).toEqual(['OK'])
  })

  it('does not flag two different codes of the same courier at two gates', async () => {
    expect(await verify(await issue())).toMatchObject({ allowed: true, suspectedShared: false })
    clock.advance(30_000)
    expect(await verify(await issue(), SOUTH_GUARD)).toMatchObject({ allowed: true, suspectedShared: false })
  })
})

describe('pass.verify: privacy and identity', () => {
  it('logs every check with the courier id and gate, and never the name or phone number', async () => {
    await verify(await issue(cloud, COURIER.openid, '3幢2单元'))
    await verify('XG1.not-a-token')
    const logs = await cloud.store.collection('accessLogs').find(
      {},
      {
        orderBy: [
          ['at', 'asc'],
          ['allowed', 'desc'],
        ],
      },
    )
    expect(logs).toHaveLength(2)
    expect(logs[0]).toEqual({
      _id: expect.any(String),
      communityId: 'ruanjiaqiao',
      gateId: 'gate-rjq-north',
      scannedBy: 'demo-guard',
      courierId: COURIER.openid,
      allowed: true,
      code: 'OK',
      suspectedShared: false,
      destination: '3幢2单元',
      at: TEST_NOW,
    })
    expect(logs[1]).toMatchObject({ courierId: null, allowed: false, code: 'PASS_MALFORMED' })
    const text = JSON.stringify(logs)
    for (const secret of [COURIER.name, COURIER.phone, COURIER.passId, 'MT-100001']) expect(text).not.toContain(secret)
  })

  it('takes the guard from the platform identity, never from `userInfo` in the request', async () => {
    const token = await issue()
    const asCourier = await cloud.call(
      'pass',
      { action: 'verify', token, userInfo: { openId: 'demo-guard', appId: 'wx123' } },
      COURIER.openid,
    )
    expect(asCourier).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const asNorthGuard = await cloud.call(
      'pass',
      { action: 'verify', token, userInfo: { openId: SOUTH_GUARD } },
      'demo-guard',
    )
    expect(asNorthGuard).toMatchObject({ ok: true, data: { allowed: true, gateName: '北门' } })
    const logs = await cloud.store.collection('accessLogs').find({})
    expect(logs.map((l) => [l.scannedBy, l.gateId])).toEqual([['demo-guard', 'gate-rjq-north']])
  })

  it('refuses an `openid`, gate or community in the request body instead of using it', async () => {
    const token = await issue()
    const before = await snapshotDatabase(cloud.store)
    for (const extra of [{ openid: 'demo-guard' }, { gateId: 'gate-rjq-south' }, { communityId: 'xinheping' }]) {
      const reply = await cloud.call('pass', { action: 'verify', token, ...extra }, COURIER.openid)
      expect(reply.ok).toBe(false)
      const asGuard = await cloud.call('pass', { action: 'verify', token, ...extra }, 'demo-guard')
      expect(asGuard.ok).toBe(false)
    }
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })
})

describe('pass.verify: rate limit per guard', () => {
  it('refuses the 6th check in a minute with RATE_LIMITED when the limit is 5, and works again the next minute', async () => {
    const limited = await newCloud({ verifyRateLimitPerMinute: 5 })
    const token = await issue(limited)
    for (let i = 0; i < 5; i++) expect(await refusalCode(token, 'demo-guard', limited)).toBe('ALLOWED')
    const sixth = await verifyCall(token, 'demo-guard', limited)
    expect(sixth).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('每分钟最多 5 次') },
    })
    // the same code at the same gate is one entry, however often it is scanned
    expect(await limited.store.collection('accessLogs').count()).toBe(1)

    clock.advance(60_000)
    expect(await refusalCode(await issue(limited), 'demo-guard', limited)).toBe('ALLOWED')
  })

  it('counts a sliding minute: checks at the end of one minute still count at the start of the next', async () => {
    const limited = await newCloud({ verifyRateLimitPerMinute: 5 })
    // 59.5 s into a clock minute, five checks; a second later (a new clock minute) the sixth is still refused
    clock.set(Math.floor(TEST_NOW / 60_000) * 60_000 + 59_500)
    for (let i = 0; i < 5; i++) await verify('XG1.garbage', 'demo-guard', limited)
    clock.advance(1_000)
    const before = await snapshotDatabase(limited.store)
    expect(await verifyCall('XG1.garbage', 'demo-guard', limited)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('59 秒后再试') },
    })
    expect(await snapshotDatabase(limited.store)).toEqual(before)
    // a full minute after the first five, the window has room again
    clock.advance(59_000)
    expect(await verify('XG1.garbage', 'demo-guard', limited)).toMatchObject({ allowed: false, code: 'PASS_MALFORMED' })
  })

  it('lets exactly the limit through when a guard’s checks race', async () => {
    const limited = await newCloud({ verifyRateLimitPerMinute: 5 })
    const replies = await Promise.all(
      Array.from({ length: 12 }, () => verifyCall('XG1.garbage', 'demo-guard', limited)),
    )
    expect(replies.filter((r) => r.ok)).toHaveLength(5)
    expect(replies.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(7).fill('RATE_LIMITED'))
    expect(await limited.store.collection('accessLogs').count()).toBe(5)
  })

  it('counts each guard separately', async () => {
    const limited = await newCloud({ verifyRateLimitPerMinute: 5 })
    await limited.store.collection('users').put({
      _id: SOUTH_GUARD,
      nickname: '李师傅',
      roles: [{ role: 'guard', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-south' }],
      createdAt: TEST_NOW,
    })
    for (let i = 0; i < 5; i++) await verify('XG1.garbage', 'demo-guard', limited)
    expect(await verifyCall('XG1.garbage', 'demo-guard', limited)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    })
    expect(await verify(await issue(limited), SOUTH_GUARD, limited)).toMatchObject({ allowed: true })
  })
})

describe('pass.issue', () => {
  it('issues an approved courier a 60 s code, refreshed at 30 s', async () => {
    const reply = await cloud.call('pass', { action: 'issue', destination: '3幢2单元' }, COURIER.openid)
    expect(reply).toEqual({
      ok: true,
      data: {
        token: expect.stringMatching(/^XG1\.[A-Za-z0-9_-]+$/),
        issuedAt: TEST_NOW,
        expiresAt: TEST_NOW + 60_000,
        refreshAt: TEST_NOW + 30_000,
      },
    })
  })

  it('gives a pending courier no code: NOT_APPROVED with a Chinese explanation', async () => {
    const before = await snapshotDatabase(cloud.store)
    const reply = await cloud.call('pass', { action: 'issue' }, 'demo-courier-pending')
    expect(reply).toEqual({ ok: false, error: { code: 'NOT_APPROVED', message: expect.stringContaining('待审核') } })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('gives a visitor who never registered no code: NOT_APPROVED', async () => {
    const reply = await cloud.call('pass', { action: 'issue' }, VISITOR)
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'NOT_APPROVED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) },
    })
  })

  it('refuses a destination longer than 8 Chinese characters (24 UTF-8 bytes)', async () => {
    const reply = await cloud.call('pass', { action: 'issue', destination: '一二三四五六七八九' }, COURIER.openid)
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(
      await cloud.call('pass', { action: 'issue', destination: '一二三四五六七八' }, COURIER.openid),
    ).toMatchObject({ ok: true })
  })
})
