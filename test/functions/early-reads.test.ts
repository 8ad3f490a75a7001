import { ROUTERS } from '../../cloudfunctions/routers'
import { countRoundTrips } from '../../cloudfunctions/shared/store/round-trips'
import type { Envelope, FunctionName } from '../../types'
import { faultyStore } from '../support/faulty-store'
import { FUNCTION_ADAPTERS, type FunctionHarness } from '../support/function-harness'

/**
 * The wrapper starts some reads before it knows who the caller may be (the scoped document, the caller's
 * courier record, a handler's declared early reads): they must never let a refused caller change anything, and
 * a failing one must neither break a request nor surface later as an unhandled rejection.
 */
describe.each(FUNCTION_ADAPTERS)('reads started before authorisation — %s', (_adapter, make) => {
  let h: FunctionHarness
  const unhandled: unknown[] = []
  const onUnhandled = (reason: unknown) => unhandled.push(reason)

  beforeAll(async () => {
    h = await make()
    process.on('unhandledRejection', onUnhandled)
  })
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled)
    await h.close()
  })
  beforeEach(async () => {
    await h.reset()
    unhandled.length = 0
  })

  /** Lets every promise left behind settle, so that an unhandled rejection would have been reported. */
  const settleAll = () => new Promise((resolve) => setTimeout(resolve, 50))

  async function token(): Promise<string> {
    const issued = await h.call('pass', { action: 'issue' }, 'demo-courier')
    if (!issued.ok) throw new Error(`issue failed: ${issued.error.code}`)
    return (issued.data as { token: string }).token
  }

  it.each([
    ['a courier checking a code at a gate', 'pass', 'verify', 'demo-courier'],
    ['a guard redeeming points', 'points', 'redeem', 'demo-guard'],
    ['someone with no record redeeming points', 'points', 'redeem', 'stranger-openid'],
  ] as const)('refuses %s and writes nothing', async (_name, fn, action, openid) => {
    const event =
      action === 'verify'
        ? { action, token: await token() }
        : { action, itemId: 'item-demo-water', requestKey: 'early-reads-1' }
    const before = await h.dump()
    const reply = await h.call(fn, event, openid)
    expect(reply.ok).toBe(false)
    expect(['FORBIDDEN', 'NOT_APPROVED']).toContain((reply as { error: { code: string } }).error.code)
    expect(await h.dump()).toEqual(before)
    await settleAll()
    expect(unhandled).toEqual([])
  })

  async function callOver(
    store: ReturnType<typeof faultyStore>['store'],
    fn: FunctionName,
    event: Record<string, unknown>,
    openid: string,
  ): Promise<Envelope<unknown>> {
    return ROUTERS[fn].dispatch(event, { openid, store, clock: h.clock, config: h.config })
  }

  it.each(['demo-guard', 'demo-courier'])(
    'answers a gate check whose first read fails with an error envelope (as %s), logging nothing and leaving nothing unhandled',
    async (openid) => {
      const code = await token()
      const before = await h.dump()
      const faulty = faultyStore(h.store(), { at: 1, mode: 'fail' })
      const reply = await callOver(faulty.store, 'pass', { action: 'verify', token: code }, openid)
      expect(faulty.tripped()).toBe(true)
      expect(reply.ok).toBe(false)
      // the guard's check needed the failed read; the courier was refused before anything awaited it
      expect((reply as { error: { code: string } }).error.code).toBe(openid === 'demo-guard' ? 'INTERNAL' : 'FORBIDDEN')
      // A check that reached the store counts against the guard's limit even if it then failed, as a refused
      // one does not: the rate count is written beside the courier's read. Nothing else is.
      const after = await h.dump()
      expect({ ...after, rateLimits: [] }).toEqual({ ...before, rateLimits: [] })
      expect(after.rateLimits.map((r) => (r as { _id: string })._id)).toEqual(openid === 'demo-guard' ? [openid] : [])
      await settleAll()
      expect(unhandled).toEqual([])
    },
  )

  it('checks a code at a gate in three sequential store round trips, and a redemption in fourteen', async () => {
    const code = await token()
    const gate = countRoundTrips(h.store(), { latencyMs: 2 })
    const checked = await callOver(gate.store, 'pass', { action: 'verify', token: code }, 'demo-guard')
    expect(checked).toMatchObject({ ok: true, data: { allowed: true } })
    expect(gate.counted().depth).toBe(3)

    const redeem = countRoundTrips(h.store(), { latencyMs: 2 })
    const redeemed = await callOver(
      redeem.store,
      'points',
      { action: 'redeem', itemId: 'item-demo-water', requestKey: 'early-reads-2' },
      'demo-courier',
    )
    expect(redeemed.ok).toBe(true)
    expect(redeem.counted().depth).toBeLessThanOrEqual(14)
  })
})
