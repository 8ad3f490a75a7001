import { PASS_SUPPLY_CODES, type Envelope, type IssueSupplyOutput, type VerifyOutput } from '../../types'
import { TOKEN_PREFIX, issueToken } from '../../cloudfunctions/pass/domain/token'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { TEST_NOW } from '../support/clock'

/**
 * Codes that cannot be used to follow a courier (a per-day alias instead of the fixed pass id), and the offline
 * supply of future codes, each valid only in its own minute.
 */
const COURIER = 'demo-courier'
const PASS_ID = 'ZGVtby1j' // the seed's demo courier
const GUARD = 'demo-guard'
const DAY = 86_400_000

let clock: ManualClock
let cloud: LocalCloud

beforeEach(async () => {
  clock = new ManualClock(TEST_NOW)
  cloud = await createLocalCloud({
    dataDir: ':memory:',
    now: () => clock.now(),
    config: { verifyRateLimitPerMinute: 10_000 },
  })
})
afterEach(() => cloud.close())

async function data<T>(reply: Promise<Envelope<unknown>>): Promise<T> {
  const envelope = await reply
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`)
  return envelope.data as T
}
const issue = async () => (await data<{ token: string }>(cloud.call('pass', { action: 'issue' }, COURIER))).token
const supply = () => data<IssueSupplyOutput>(cloud.call('pass', { action: 'issueSupply' }, COURIER))
const verify = (token: string) => data<VerifyOutput>(cloud.call('pass', { action: 'verify', token }, GUARD))
const bytesOf = (token: string) => Buffer.from(token.slice(TOKEN_PREFIX.length), 'base64url')
/** The courier's field of a code: bytes 2..7 (token.ts). */
const aliasOf = (token: string) => bytesOf(token).subarray(2, 8).toString('base64url')

/** The longest run of characters that two strings share anywhere. */
function longestCommonSubstring(a: string, b: string): string {
  let best = ''
  const previous = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]
      previous[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : 0
      if (previous[j] > best.length) best = a.slice(i - previous[j], i)
      diagonal = above
    }
  }
  return best
}

describe('a 小哥码 names its courier by an alias of the day', () => {
  it('gives one courier’s codes on two days nothing in common that identifies them, and both verify', async () => {
    const monday = await issue()
    expect(await verify(monday)).toMatchObject({ allowed: true, courier: { maskedName: '张*明' } })
    clock.advance(DAY)
    const tuesday = await issue()
    expect(await verify(tuesday)).toMatchObject({ allowed: true, courier: { maskedName: '张*明' } })

    expect(aliasOf(monday)).not.toBe(aliasOf(tuesday))
    // Past the prefix and the version and key bytes (the first 2 bytes are the first 3 characters of the body),
    // the texts share no run longer than chance gives two random strings of this length.
    const [a, b] = [monday, tuesday].map((t) => t.slice(TOKEN_PREFIX.length + 3))
    expect(longestCommonSubstring(a, b).length).toBeLessThan(6)
    for (const token of [monday, tuesday]) {
      expect(bytesOf(token).includes(Buffer.from(PASS_ID, 'base64url'))).toBe(false)
      expect(token).not.toContain(PASS_ID)
      expect(token).not.toContain(COURIER)
    }
  })

  it('keeps one alias through a day, so the day’s status list can name the courier by it', async () => {
    const first = await issue()
    clock.advance(3 * 3600_000)
    expect(aliasOf(await issue())).toBe(aliasOf(first))
  })

  it('does not take yesterday’s alias in a code dated today (an alias names the courier on its own day only)', async () => {
    const monday = await issue()
    clock.advance(DAY)
    const stale = issueToken(cloud.config.passKeys!, {
      alias: aliasOf(monday),
      issuedAt: Math.floor(clock.now() / 1000),
      lifetime: 60,
    })
    expect(await verify(stale)).toMatchObject({ allowed: false, code: 'COURIER_UNKNOWN' })
  })
})

describe('the offline supply', () => {
  it('covers 35 minutes with a code every 30 s, each valid only in its own minute', async () => {
    const { issuedAt, codes } = await supply()
    expect(codes).toHaveLength(PASS_SUPPLY_CODES)
    expect(codes.map((c) => c.validFrom - issuedAt)).toEqual(codes.map((_, i) => i * 30_000))
    expect(codes.every((c) => c.expiresAt - c.validFrom === 60_000)).toBe(true)
    expect(new Set(codes.map((c) => c.token)).size).toBe(codes.length)

    const late = codes[60] // 30 minutes on
    expect(await verify(late.token)).toMatchObject({ allowed: false, code: 'PASS_NOT_YET_VALID' })
    clock.set(late.validFrom)
    expect(await verify(late.token)).toMatchObject({ allowed: true })
    clock.set(late.expiresAt - 1000)
    expect(await verify(late.token)).toMatchObject({ allowed: true })
    clock.set(late.expiresAt)
    expect(await verify(late.token)).toMatchObject({ allowed: false, code: 'PASS_EXPIRED' })
    // a code whose minute is over is dead however new the next one is
    expect(await verify(codes[0].token)).toMatchObject({ allowed: false, code: 'PASS_EXPIRED' })
  })

  it('stops working at the next online check once the courier is suspended', async () => {
    const { codes } = await supply()
    await cloud.store.collection('couriers').update(COURIER, { set: { status: 'suspended' } })
    clock.set(codes[10].validFrom)
    expect(await verify(codes[10].token)).toMatchObject({ allowed: false, code: 'COURIER_SUSPENDED' })
    expect(await cloud.call('pass', { action: 'issueSupply' }, COURIER)).toMatchObject({
      ok: false,
      error: { code: 'NOT_APPROVED' },
    })
  })

  it('names the courier by each code’s own day across midnight', async () => {
    // 23:50 China time: the supply runs into the next day
    const lateEvening = Date.parse('2026-11-23T23:50:00+08:00')
    clock.set(lateEvening)
    const { codes } = await supply()
    const before = codes.find((c) => c.validFrom < Date.parse('2026-11-24T00:00:00+08:00'))!
    const after = codes.find((c) => c.validFrom >= Date.parse('2026-11-24T00:00:00+08:00'))!
    expect(aliasOf(before.token)).not.toBe(aliasOf(after.token))
    clock.set(after.validFrom + 1000)
    expect(await verify(after.token)).toMatchObject({ allowed: true })
  })

  it('limits how often a courier fetches a supply (70 signatures each), and allows it again a minute later', async () => {
    for (let i = 0; i < 4; i++) await supply()
    expect(await cloud.call('pass', { action: 'issueSupply' }, COURIER)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    })
    clock.advance(60_000)
    expect((await supply()).codes).toHaveLength(PASS_SUPPLY_CODES)
  })

  it('gives a pending registrant no supply', async () => {
    const reply = await cloud.call('pass', { action: 'issueSupply' }, 'demo-courier-pending')
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_APPROVED' } })
  })
})
