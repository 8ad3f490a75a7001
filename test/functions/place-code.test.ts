import { sign } from 'node:crypto'
import qrcode from 'qrcode-generator'
import { EnterByPlaceOutput } from '../../types'
import { DAY_COLORS, dayColor } from '../../cloudfunctions/pass/domain/day-color'
import {
  checkPlaceCode,
  encodePlaceCode,
  MAX_PLACE_CODE_CHARS,
  PLACE_PREFIX,
} from '../../cloudfunctions/pass/domain/place-code'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import { generateKeyringSpec, keyringFrom, rotate } from '../../cloudfunctions/shared/pass-keys'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { PLACE_SCANS_PER_MINUTE, REENTRY_WINDOW_MS } from '../../cloudfunctions/pass/enter-by-place'
import { putApprovedCourier } from '../support/couriers'
import { snapshotDatabase } from '../support/db-snapshot'
import { china, TEST_NOW } from '../support/clock'

const keys = keyringFrom(generateKeyringSpec(1))
const decode = (code: string) => Buffer.from(code.slice(PLACE_PREFIX.length), 'base64url')
const encode = (bytes: Buffer) => PLACE_PREFIX + bytes.toString('base64url')

describe('场所码: encode and check', () => {
  it('round-trips a gate id, and the longest one stays inside the length cap', () => {
    const code = encodePlaceCode(keys, 'gate-rjq-north')
    expect(code.startsWith(PLACE_PREFIX)).toBe(true)
    expect(checkPlaceCode(keys, code)).toEqual({ ok: true, gateId: 'gate-rjq-north' })
    const longest = encodePlaceCode(keys, 'g'.repeat(32))
    expect(longest.length).toBeLessThanOrEqual(MAX_PLACE_CODE_CHARS)
    expect(checkPlaceCode(keys, longest)).toEqual({ ok: true, gateId: 'g'.repeat(32) })
    expect(() => encodePlaceCode(keys, 'g'.repeat(33))).toThrow(RangeError)
    expect(() => encodePlaceCode(keys, '')).toThrow(RangeError)
  })

  it('with the longest gate id, fits a QR code of version 8 or less at error-correction level M (printable)', () => {
    const qr = qrcode(0, 'M')
    qr.addData(encodePlaceCode(keys, 'g'.repeat(32)), 'Byte')
    qr.make()
    expect((qr.getModuleCount() - 17) / 4).toBeLessThanOrEqual(8)
  })

  it('refuses every flipped bit (as malformed, unknown key or bad signature, never as valid)', () => {
    const bytes = decode(encodePlaceCode(keys, 'gate-rjq-north'))
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = Buffer.from(bytes)
      flipped[bit >> 3] ^= 1 << (bit & 7)
      const check = checkPlaceCode(keys, encode(flipped))
      expect(check.ok).toBe(false)
    }
  })

  it('refuses a tampered gate id with the original signature as PASS_BAD_SIGNATURE', () => {
    const bytes = decode(encodePlaceCode(keys, 'gate-rjq-north'))
    const tampered = Buffer.from(bytes)
    tampered.write('gate-rjq-south', 3, 'utf8') // same length
    expect(checkPlaceCode(keys, encode(tampered))).toEqual({ ok: false, code: 'PASS_BAD_SIGNATURE' })
  })

  it('refuses a code from another key: unknown kid → PASS_UNKNOWN_KEY, same kid → PASS_BAD_SIGNATURE', () => {
    expect(checkPlaceCode(keys, encodePlaceCode(keyringFrom(generateKeyringSpec(9)), 'gate-rjq-north'))).toEqual({
      ok: false,
      code: 'PASS_UNKNOWN_KEY',
    })
    expect(checkPlaceCode(keys, encodePlaceCode(keyringFrom(generateKeyringSpec(1)), 'gate-rjq-north'))).toEqual({
      ok: false,
      code: 'PASS_BAD_SIGNATURE',
    })
  })

  it('keeps verifying a code of a rotated-out key until that key is retired', () => {
    const spec = generateKeyringSpec(1)
    const old = encodePlaceCode(keyringFrom(spec), 'gate-rjq-north')
    const rotated = rotate(spec)
    expect(checkPlaceCode(keyringFrom(rotated), old)).toEqual({ ok: true, gateId: 'gate-rjq-north' })
    expect(checkPlaceCode(keyringFrom({ ...rotated, publicKeys: {} }), old)).toEqual({
      ok: false,
      code: 'PASS_UNKNOWN_KEY',
    })
  })

  const malformed: Array<[string, (valid: string) => string]> = [
    ['garbage', () => 'hello'],
    ['the prefix alone', () => PLACE_PREFIX],
    ['a 小哥码 prefix', (c) => `XG1.${c.slice(PLACE_PREFIX.length)}`],
    ['a lower-case prefix', (c) => c.toLowerCase()],
    ['standard base64 "+"', (c) => `${c.slice(0, 10)}+${c.slice(11)}`],
    ['padding', (c) => `${c}==`],
    ['a character cut off', (c) => c.slice(0, -1)],
    ['bytes appended', (c) => encode(Buffer.concat([decode(c), Buffer.from([1, 2, 3])]))],
    [
      'a wrong length byte',
      (c) => {
        const b = decode(c)
        b[2] = 40
        return encode(b)
      },
    ],
    [
      'a zero length byte',
      (c) => {
        const b = decode(c)
        b[2] = 0
        return encode(b)
      },
    ],
    [
      'version 2',
      (c) => {
        const b = decode(c)
        b[0] = 2
        return encode(b)
      },
    ],
    ['over the length cap', (c) => c + 'A'.repeat(MAX_PLACE_CODE_CHARS)],
    [
      'another spelling of the same bytes',
      (c) => {
        const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
        return c.slice(0, -1) + alphabet[alphabet.indexOf(c[c.length - 1]) ^ 1]
      },
    ],
  ]
  it.each(malformed)('refuses %s as PASS_MALFORMED', (_name, mangle) => {
    // 3 + 13 + 64 = 80 bytes: the last base64url character carries padding bits, so a second spelling exists
    const valid = encodePlaceCode(keys, 'gate-rjq-east')
    const text = mangle(valid)
    expect(text).not.toBe(valid)
    expect(checkPlaceCode(keys, text)).toEqual({ ok: false, code: 'PASS_MALFORMED' })
  })
})

describe('the day colour', () => {
  it('stays the same through a China-time day and changes at China midnight', () => {
    expect(dayColor(china('2026-11-23T00:00:00'))).toBe(dayColor(china('2026-11-23T23:59:59')))
    expect(dayColor(china('2026-11-23T23:59:59'))).not.toBe(dayColor(china('2026-11-24T00:00:00')))
  })

  it('walks through seven distinct colours, one a day', () => {
    expect(new Set(DAY_COLORS).size).toBe(7)
    const week = Array.from({ length: 7 }, (_, i) => dayColor(TEST_NOW + i * 86_400_000))
    expect(new Set(week).size).toBe(7)
    expect(dayColor(TEST_NOW + 7 * 86_400_000)).toBe(dayColor(TEST_NOW))
  })
})

describe('pass.enterByPlace', () => {
  let clock: ManualClock
  let cloud: LocalCloud
  beforeEach(async () => {
    clock = new ManualClock(TEST_NOW)
    cloud = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now() })
  })
  afterEach(async () => {
    await cloud.close()
  })

  const codeFor = (gateId: string) => encodePlaceCode(cloud.config.passKeys!, gateId)

  async function enter(placeCode: string, openid = 'demo-courier', destination?: string): Promise<EnterByPlaceOutput> {
    const reply = await cloud.call(
      'pass',
      { action: 'enterByPlace', placeCode, ...(destination ? { destination } : {}) },
      openid,
    )
    if (!reply.ok) throw new Error(`pass.enterByPlace failed: ${reply.error.code} ${reply.error.message}`)
    return EnterByPlaceOutput.parse(reply.data)
  }
  const logs = () => cloud.store.collection('accessLogs').find({}, { orderBy: [['at', 'asc']] })

  it('lets an approved courier in: a live pass with the community, gate, time, masked name and day colour', async () => {
    const pass = await enter(codeFor('gate-rjq-south'), 'demo-courier', '3幢')
    expect(pass).toEqual({
      allowed: true,
      communityName: expect.stringContaining('阮家桥'),
      gateName: '南门',
      enteredAt: TEST_NOW,
      maskedName: '张*明',
      dayColor: dayColor(TEST_NOW),
    })
    const entries = await logs()
    expect(entries).toEqual([
      {
        _id: expect.any(String),
        communityId: 'ruanjiaqiao',
        gateId: 'gate-rjq-south',
        scannedBy: null,
        courierId: 'demo-courier',
        allowed: true,
        code: 'OK',
        suspectedShared: false,
        destination: '3幢',
        at: TEST_NOW,
      },
    ])
    // the log holds the courier's id only, no personal details
    expect(JSON.stringify(entries)).not.toContain('张小明')
  })

  it('shows in the manager’s access log as a 场所码 entry', async () => {
    await enter(codeFor('gate-rjq-north'))
    const reply = await cloud.call('pass', { action: 'accessLog', communityId: 'ruanjiaqiao' }, 'demo-manager')
    expect(reply).toMatchObject({
      ok: true,
      data: { entries: [{ gateName: '北门', allowed: true, viaPlaceCode: true, maskedName: '张*明' }] },
    })
  })

  it('refuses a pending courier with COURIER_PENDING, and logs it', async () => {
    const pass = await enter(codeFor('gate-rjq-north'), 'demo-courier-pending')
    expect(pass).toMatchObject({
      allowed: false,
      code: 'COURIER_PENDING',
      message: '该小哥尚未通过审核',
      gateName: '北门',
    })
    expect(await logs()).toEqual([
      expect.objectContaining({
        scannedBy: null,
        courierId: 'demo-courier-pending',
        allowed: false,
        code: 'COURIER_PENDING',
      }),
    ])
  })

  it('refuses a suspended or rejected courier with their own codes', async () => {
    const couriers = cloud.store.collection('couriers')
    await couriers.update('demo-courier', { set: { status: 'suspended' } })
    expect(await enter(codeFor('gate-rjq-north'))).toMatchObject({ allowed: false, code: 'COURIER_SUSPENDED' })
    await couriers.update('demo-courier', { set: { status: 'rejected' } })
    expect(await enter(codeFor('gate-rjq-north'))).toMatchObject({ allowed: false, code: 'COURIER_REJECTED' })
    expect((await logs()).map((l) => [l.code, l.scannedBy])).toEqual([
      ['COURIER_SUSPENDED', null],
      ['COURIER_REJECTED', null],
    ])
  })

  it('refuses a courier-role user without a courier record as COURIER_UNKNOWN (logged with no courier id)', async () => {
    await cloud.store.collection('couriers').remove('demo-courier')
    expect(await enter(codeFor('gate-rjq-north'))).toMatchObject({
      allowed: false,
      code: 'COURIER_UNKNOWN',
      maskedName: '',
    })
    expect(await logs()).toEqual([
      expect.objectContaining({ courierId: null, scannedBy: null, code: 'COURIER_UNKNOWN' }),
    ])
  })

  it('refuses forged, tampered and malformed place codes with their codes, writing nothing', async () => {
    const before = await snapshotDatabase(cloud.store)
    const stranger = encodePlaceCode(keyringFrom(generateKeyringSpec(9)), 'gate-rjq-north')
    expect(await enter(stranger)).toMatchObject({ allowed: false, code: 'PASS_UNKNOWN_KEY' })
    const impostor = encodePlaceCode(
      keyringFrom(generateKeyringSpec(cloud.config.passKeys!.active.kid)),
      'gate-rjq-north',
    )
    expect(await enter(impostor)).toMatchObject({ allowed: false, code: 'PASS_BAD_SIGNATURE' })
    const bytes = decode(codeFor('gate-rjq-north'))
    bytes.write('gate-rjq-south', 3, 'utf8')
    expect(await enter(encode(bytes))).toMatchObject({ allowed: false, code: 'PASS_BAD_SIGNATURE' })
    expect(await enter('XG1.not-a-place')).toMatchObject({
      allowed: false,
      code: 'PASS_MALFORMED',
      message: '这不是有效的场所码',
    })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('answers NOT_FOUND for a validly signed code of a gate that no longer exists, writing nothing', async () => {
    const before = await snapshotDatabase(cloud.store)
    const reply = await cloud.call('pass', { action: 'enterByPlace', placeCode: codeFor('gate-gone') }, 'demo-courier')
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('refuses bad input and non-couriers, writing nothing', async () => {
    const before = await snapshotDatabase(cloud.store)
    const call = (body: Record<string, unknown>, openid = 'demo-courier') =>
      cloud.call('pass', { action: 'enterByPlace', ...body }, openid)
    expect(await call({})).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await call({ placeCode: 'x'.repeat(10_000) })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(await call({ placeCode: codeFor('gate-rjq-north'), gateId: 'gate-rjq-south' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
    expect(
      await call({ placeCode: codeFor('gate-rjq-north'), destination: '很长很长很长很长很长的地址' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
    expect(await call({ placeCode: codeFor('gate-rjq-north') }, 'demo-guard')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('shows the entry already made when the same gate is scanned again within two minutes, counting it once', async () => {
    const first = await enter(codeFor('gate-rjq-south'))
    clock.advance(30_000)
    const again = await enter(`${codeFor('gate-rjq-south')}\n`)
    expect(again).toMatchObject({ allowed: true, enteredAt: first.enteredAt, alreadyEntered: true, gateName: '南门' })
    expect(await logs()).toHaveLength(1)
    // another gate is another entry; so is the same gate after the two minutes
    expect(await enter(codeFor('gate-rjq-north'))).toMatchObject({ enteredAt: TEST_NOW + 30_000 })
    clock.advance(REENTRY_WINDOW_MS)
    const later = await enter(codeFor('gate-rjq-south'))
    expect(later.alreadyEntered).toBeUndefined()
    expect(await logs()).toHaveLength(3)
  })

  it('limits one courier to a few scans a minute, so nobody floods the access log', async () => {
    for (let i = 0; i < PLACE_SCANS_PER_MINUTE; i++) {
      clock.advance(3_000)
      await enter(codeFor(i % 2 ? 'gate-rjq-north' : 'gate-rjq-south'))
    }
    const before = await snapshotDatabase(cloud.store)
    const refused = await cloud.call(
      'pass',
      { action: 'enterByPlace', placeCode: codeFor('gate-rjq-north') },
      'demo-courier',
    )
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringContaining('每分钟最多') },
    })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
    // others are not held up; and the courier may scan again once the minute has slid on
    await putApprovedCourier(cloud.store, 'o6_other_courier_place_0001')
    expect(await enter(codeFor('gate-rjq-north'), 'o6_other_courier_place_0001')).toMatchObject({ allowed: true })
    clock.advance(60_000)
    expect(await enter(codeFor('gate-rjq-north'))).toMatchObject({ allowed: true })
  })

  it('changes the border colour on the next China-time day', async () => {
    const today = await enter(codeFor('gate-rjq-north'))
    clock.set(china('2026-11-24T00:00:01'))
    const tomorrow = await enter(codeFor('gate-rjq-north'))
    expect(tomorrow.dayColor).not.toBe(today.dayColor)
    expect(tomorrow.enteredAt).toBe(china('2026-11-24T00:00:01'))
  })
})

describe('place-code signatures are separate from 小哥码 signatures', () => {
  it('refuses a place code whose body was signed the way tokens are (without the place-code context)', () => {
    const body = Buffer.concat([Buffer.from([1, keys.active.kid, 14]), Buffer.from('gate-rjq-north', 'utf8')])
    const tokenStyleSignature = sign(null, body, keys.active.privateKey)
    const forged = PLACE_PREFIX + Buffer.concat([body, tokenStyleSignature]).toString('base64url')
    expect(checkPlaceCode(keys, forged)).toEqual({ ok: false, code: 'PASS_BAD_SIGNATURE' })
    expect(checkPlaceCode(keys, encodePlaceCode(keys, 'gate-rjq-north'))).toEqual({
      ok: true,
      gateId: 'gate-rjq-north',
    })
  })
})
