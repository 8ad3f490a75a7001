import { remindSignedUp, REMINDER_LEAD_MS } from '../../cloudfunctions/points/reminders'
import type { Notice } from '../../cloudfunctions/shared/notify'
import { TEST_NOW } from '../support/clock'
import { putApprovedCourier } from '../support/couriers'
import { FUNCTION_ADAPTERS, mustCall, publishActivity, type FunctionHarness } from '../support/function-harness'

/** Reminders of activities about to start: once per signed-up courier, never for a withdrawn or cancelled one. */
const HOUR = 3600_000
const SECRETARY = 'demo-secretary'

const must = mustCall
const publish = publishActivity

describe.each(FUNCTION_ADAPTERS)('activity reminders — %s', (_adapter, open) => {
  let h: FunctionHarness
  beforeAll(async () => {
    h = await open()
  })
  afterAll(() => h.close())

  it('reminds each signed-up courier once, the day before, and no one else', async () => {
    await h.reset()
    for (const id of ['rm-a', 'rm-b', 'rm-c']) await putApprovedCourier(h.store(), id)
    const soon = await publish(h, '明晚巡逻', 20 * HOUR)
    const later = await publish(h, '下周巡逻', 5 * 24 * HOUR)
    const rained = await publish(h, '取消的巡逻', 10 * HOUR)
    for (const id of ['rm-a', 'rm-b']) await must(h, 'points', { action: 'signUp', activityId: soon }, id)
    await must(h, 'points', { action: 'signUp', activityId: soon }, 'rm-c')
    await must(h, 'points', { action: 'withdraw', activityId: soon }, 'rm-c')
    await must(h, 'points', { action: 'signUp', activityId: later }, 'rm-a')
    await must(h, 'points', { action: 'signUp', activityId: rained }, 'rm-b')
    await must(h, 'points', { action: 'cancelActivity', activityId: rained, reason: '暴雨' }, SECRETARY)

    const sent: Notice[] = []
    const notifier = { send: (msg: Notice) => Promise.resolve(void sent.push(msg)) }
    expect(await remindSignedUp(h.store(), notifier, TEST_NOW)).toEqual({ reminded: 2 })
    expect(sent.map((m) => m.touser).sort()).toEqual(['rm-a', 'rm-b'])
    for (const msg of sent) {
      expect(msg.template).toBe('activity')
      expect(msg.data.thing1.value).toBe('明晚巡逻')
      expect(msg.data.phrase2.value).toBe('即将开始')
      expect(msg.data.thing4.value).toContain('20 小时后开始')
    }
    // The next minute's run (or a second timer at once) sends nothing again.
    const [again, twin] = await Promise.all([
      remindSignedUp(h.store(), notifier, TEST_NOW + 60_000),
      remindSignedUp(h.store(), notifier, TEST_NOW + 60_000),
    ])
    expect(again.reminded + twin.reminded).toBe(0)
    expect(sent).toHaveLength(2)
    // The next week's activity is reminded once it is a day away.
    h.clock.set(TEST_NOW + 5 * 24 * HOUR - REMINDER_LEAD_MS + HOUR)
    expect(await remindSignedUp(h.store(), notifier, h.clock.now())).toEqual({ reminded: 1 })
    expect(sent.at(-1)?.touser).toBe('rm-a')
    expect(sent.at(-1)?.data.thing1.value).toBe('下周巡逻')
  })

  it('marks nothing when there is no one to send through, and a failing send never throws', async () => {
    await h.reset()
    await putApprovedCourier(h.store(), 'rm-d')
    const soon = await publish(h, '明晚巡逻', 2 * HOUR)
    await must(h, 'points', { action: 'signUp', activityId: soon }, 'rm-d')
    expect(await remindSignedUp(h.store(), undefined, TEST_NOW)).toEqual({ reminded: 0 })
    const signups = await h.store().collection('signups').find({ activityId: soon })
    expect(signups.map((s) => s.remindedAt)).toEqual([undefined])

    jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const failing = { send: () => Promise.reject(new Error('43101 user refuse to accept the msg')) }
    expect(await remindSignedUp(h.store(), failing, TEST_NOW)).toEqual({ reminded: 1 })
    jest.restoreAllMocks()
  })
})
