import { CONTRACT, FUNCTION_NAMES, type CourierStatus, type ErrorCode, type User } from '../../types'
import { POLICY, courierStatusesOf, isAllowed, callerFrom, type Rule } from '../../cloudfunctions/shared/policy'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { TEST_NOW } from '../support/clock'
import { putCourier } from '../support/couriers'
import { snapshotDatabase } from '../support/db-snapshot'
import { VALID_REQUESTS } from '../support/policy-requests'

/**
 * The class behind "withdraw leaks another community's activity": every rule that names a community is walked
 * with the callers who must not get in — staff and couriers of another community, and couriers of the right
 * community whose status the rule does not admit — and each must be refused with the policy's answer and write
 * nothing. The sample requests all touch 阮家桥 (or name a document that does not exist).
 */

/** Secretary, manager and guard of 新和平, nothing in 阮家桥. */
const OUTSIDE_STAFF = 'o6_outside_staff_xinheping_01'
/** An approved courier of 新和平. */
const OUTSIDE_COURIER = 'o6_outside_courier_xinhepin1'
const BY_STATUS: Record<Exclude<CourierStatus, 'approved'>, string> = {
  pending: 'o6_pending_courier_ruanjiaqia',
  rejected: 'o6_rejected_courier_ruanjiaq',
  suspended: 'o6_suspended_courier_ruanjia',
}

async function cloudWithOutsiders(): Promise<LocalCloud> {
  const cloud = await createLocalCloud({ dataDir: ':memory:', now: () => TEST_NOW })
  const staff: User = {
    _id: OUTSIDE_STAFF,
    nickname: '新和平书记',
    roles: [
      { role: 'secretary', communityId: 'xinheping' },
      { role: 'manager', communityId: 'xinheping' },
      { role: 'guard', communityId: 'xinheping' },
    ],
    createdAt: TEST_NOW,
  }
  await cloud.store.collection('users').put(staff)
  await putCourier(cloud.store, OUTSIDE_COURIER, { communityId: 'xinheping' })
  for (const [status, id] of Object.entries(BY_STATUS)) {
    await putCourier(cloud.store, id, { status: status as CourierStatus })
  }
  return cloud
}

/** Whether the document a doc-scoped sample names exists (a missing one is NOT_FOUND for everyone). */
async function namedDocExists(cloud: LocalCloud, rule: Rule, request: Record<string, unknown>): Promise<boolean> {
  const scope = rule.scope
  if (scope?.from !== 'doc') return true
  const collection =
    typeof scope.collection === 'string'
      ? scope.collection
      : scope.collection.kinds[String(request[scope.collection.byField])]
  return (await cloud.store.collection(collection).get(String(request[scope.field]))) !== null
}

const scopedActions = FUNCTION_NAMES.flatMap((fn) =>
  Object.keys(CONTRACT[fn]).map((action) => [fn, action, (POLICY[fn] as Record<string, Rule>)[action]] as const),
).filter(([, , rule]) => !rule.allow.includes('anyone') && (rule.scope || rule.allow.includes('courier')))

describe('the policy’s scope, walked with everyone who must stay out', () => {
  it('covers every rule that names a community or admits couriers', () => {
    expect(scopedActions.length).toBeGreaterThan(40)
  })

  it.each(scopedActions)('%s.%s', async (fn, action, rule) => {
    const request = VALID_REQUESTS[`${fn}.${action}`]
    const cloud = await cloudWithOutsiders()
    try {
      const exists = await namedDocExists(cloud, rule, request)
      const expectations: Array<[string, ErrorCode | 'admitted']> = []
      const user = async (openid: string) =>
        callerFrom(openid, await cloud.store.collection('users').get(openid), new Set())

      if (rule.scope) {
        // an input scope left empty means the caller's own community or records: nobody is an outsider there
        const namesCommunity = rule.scope.from === 'doc' || request[rule.scope.field] !== undefined
        const staffCaller = await user(OUTSIDE_STAFF)
        // staff of another community: plainly FORBIDDEN (or by role, when the rule admits none of theirs)
        if (!isAllowed(rule, staffCaller)) expectations.push([OUTSIDE_STAFF, 'FORBIDDEN'])
        else if (namesCommunity) expectations.push([OUTSIDE_STAFF, exists ? 'FORBIDDEN' : 'NOT_FOUND'])
        // a courier of another community: a named document does not exist for them, a named community is refused
        if (!rule.allow.includes('courier')) expectations.push([OUTSIDE_COURIER, 'FORBIDDEN'])
        else if (namesCommunity)
          expectations.push([OUTSIDE_COURIER, rule.scope.from === 'doc' ? 'NOT_FOUND' : 'FORBIDDEN'])
      }
      if (rule.allow.includes('courier')) {
        for (const [status, openid] of Object.entries(BY_STATUS) as Array<[CourierStatus, string]>) {
          const admitted = courierStatusesOf(rule).includes(status)
          expectations.push([openid, !exists ? 'NOT_FOUND' : admitted ? 'admitted' : 'NOT_APPROVED'])
        }
      }

      for (const [openid, expected] of expectations) {
        const before = await snapshotDatabase(cloud.store)
        const reply = await cloud.call(fn, { action, ...request }, openid)
        if (expected === 'admitted') {
          // let in: whatever the domain says next, it is not the policy refusing
          if (!reply.ok) expect({ openid, code: reply.error.code }).not.toMatchObject({ code: 'NOT_APPROVED' })
          if (!reply.ok) expect({ openid, code: reply.error.code }).not.toMatchObject({ code: 'FORBIDDEN' })
          continue
        }
        expect({ openid, reply }).toMatchObject({ openid, reply: { ok: false, error: { code: expected } } })
        expect(await snapshotDatabase(cloud.store)).toEqual(before)
      }
    } finally {
      await cloud.close()
    }
  })
})

describe('scope details', () => {
  let cloud: LocalCloud
  beforeEach(async () => {
    cloud = await cloudWithOutsiders()
  })
  afterEach(() => cloud.close())

  it('answers withdraw on another community’s activity as not found, telling nothing about it', async () => {
    const reply = await cloud.call('points', { action: 'withdraw', activityId: 'act-demo-patrol' }, OUTSIDE_COURIER)
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const title = (await cloud.store.collection('activities').get('act-demo-patrol'))?.title ?? 'missing'
    expect(JSON.stringify(reply)).not.toContain(title)
  })

  it('tells a pending registrant why, and lets them see nothing of the community yet', async () => {
    for (const action of ['listActivities', 'listItems', 'ranking', 'listWishes', 'listStations'] as const) {
      for (const request of [{}, { communityId: 'ruanjiaqiao' }]) {
        const reply = await cloud.call('points', { action, ...request }, BY_STATUS.pending)
        expect({ action, reply }).toMatchObject({
          action,
          reply: { ok: false, error: { code: 'NOT_APPROVED', message: expect.stringContaining('审核中') } },
        })
      }
    }
    // their own notices they may read (the review's answer arrives there)
    expect(await cloud.call('points', { action: 'myNotices' }, BY_STATUS.pending)).toMatchObject({ ok: true })
  })

  it('lets a suspended courier read and settle what is theirs, and take nothing new', async () => {
    const suspended = BY_STATUS.suspended
    for (const action of ['myPoints', 'myRedemptions', 'myNotices', 'listReports'] as const) {
      expect({ action, reply: await cloud.call('points', { action }, suspended) }).toMatchObject({
        action,
        reply: { ok: true },
      })
    }
    for (const [action, request] of [
      ['signUp', { activityId: 'act-demo-patrol' }],
      ['redeem', { itemId: 'item-demo-water', requestKey: 'suspended-0001' }],
      ['listActivities', {}],
    ] as const) {
      expect({ action, reply: await cloud.call('points', { action, ...request }, suspended) }).toMatchObject({
        action,
        reply: { ok: false, error: { code: 'NOT_APPROVED', message: expect.stringContaining('暂停') } },
      })
    }
  })

  it('lets a courier cancel only their own redemption, while the community’s secretary may cancel any', async () => {
    const redeemed = await cloud.call(
      'points',
      { action: 'redeem', itemId: 'item-demo-water', requestKey: 'scope-own-0001' },
      'demo-courier',
    )
    if (!redeemed.ok) throw new Error(`redeem failed: ${redeemed.error.code}`)
    const redemptionId = (redeemed.data as { redemption: { id: string } }).redemption.id
    await putCourier(cloud.store, 'o6_neighbour_courier_ruanjiaq')
    const before = await snapshotDatabase(cloud.store)
    for (const openid of ['o6_neighbour_courier_ruanjiaq', OUTSIDE_COURIER]) {
      expect(await cloud.call('points', { action: 'cancelRedemption', redemptionId }, openid)).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      })
    }
    expect(await cloud.call('points', { action: 'cancelRedemption', redemptionId }, OUTSIDE_STAFF)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
    expect(await cloud.call('points', { action: 'cancelRedemption', redemptionId }, 'demo-secretary')).toMatchObject({
      ok: true,
      data: { redemption: { status: 'cancelled' } },
    })
  })

  it('refuses an edit that names another community’s document under one’s own community', async () => {
    const before = await snapshotDatabase(cloud.store)
    // a 新和平 secretary names their own community but 阮家桥's gate, activity and station
    const edits = [
      ['pass', { action: 'saveGate', communityId: 'xinheping', gateId: 'gate-rjq-north', name: '改名' }],
      [
        'points',
        {
          ...VALID_REQUESTS['points.saveActivity'],
          action: 'saveActivity',
          communityId: 'xinheping',
          activityId: 'act-demo-patrol',
        },
      ],
      [
        'services',
        {
          ...VALID_REQUESTS['services.saveStation'],
          action: 'saveStation',
          communityId: 'xinheping',
          id: 'st-gege-yintai',
        },
      ],
    ] as const
    for (const [fn, request] of edits) {
      expect({ request: request.action, reply: await cloud.call(fn, request, OUTSIDE_STAFF) }).toMatchObject({
        request: request.action,
        reply: { ok: false, error: { code: 'NOT_FOUND' } },
      })
    }
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })
})
