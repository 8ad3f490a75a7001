import type { Activity, ExchangeItem, LedgerEntry, MonthlyEarned, PointsAccount, Signup } from '../types'
import { chinaMonth } from '../cloudfunctions/points/domain/activity-rules'
import { activityAwardId, monthlyEarnedId, signupId } from '../cloudfunctions/points/domain/keys'

const HOUR = 3600_000
const DAY = 24 * HOUR

/** China-time midnight of the day `days` after the one `now` falls in, plus `hours`. */
function chinaDay(now: number, days: number, hours: number): number {
  const midnight = Math.floor((now + 8 * HOUR) / DAY) * DAY - 8 * HOUR
  return midnight + days * DAY + hours * HOUR
}

/**
 * Demo volunteer activities and exchange items for 阮家桥社区, placed around the moment the database is seeded:
 * two finished activities the demo courier attended (their awards are real ledger entries, so the balance is
 * their sum), and three upcoming ones to sign up for.
 */
export function seedPoints(now: number) {
  const activity = (
    id: string,
    fields: Partial<Activity> & Pick<Activity, 'title' | 'kind' | 'startAt' | 'endAt' | 'points'>,
  ): Activity => ({
    _id: id,
    communityId: 'ruanjiaqiao',
    description: '',
    place: '阮家桥社区党群服务中心',
    capacity: 20,
    status: 'published',
    signedUp: 0,
    createdBy: 'demo-secretary',
    createdAt: now - 7 * DAY,
    updatedAt: now - 7 * DAY,
    ...fields,
  })
  const past = [
    activity('act-demo-patrol-past', {
      title: '平安夜巡：阮家桥片区',
      kind: '平安夜巡',
      description: '两人一组沿片区巡查，发现隐患随手拍上报。',
      startAt: chinaDay(now, -3, 20),
      endAt: chinaDay(now, -3, 22),
      points: 10,
      signedUp: 1,
    }),
    activity('act-demo-food-past', {
      title: '食安监督：外卖后厨开放日',
      kind: '食安监督',
      description: '随社区走访辖区外卖商家后厨，记录卫生问题。',
      place: '阮家桥美食街',
      startAt: chinaDay(now, -2, 14),
      endAt: chinaDay(now, -2, 16),
      points: 8,
      signedUp: 1,
    }),
  ]
  const upcoming = [
    activity('act-demo-patrol', {
      title: '平安夜巡：和睦路沿线',
      kind: '平安夜巡',
      description: '晚间沿和睦路巡查消防通道与电动车停放，请穿反光背心。',
      startAt: chinaDay(now, 1, 20),
      endAt: chinaDay(now, 1, 22),
      points: 10,
      capacity: 12,
    }),
    activity('act-demo-elderly', {
      title: '社会救助：为独居老人送餐',
      kind: '社会救助',
      description: '午间为社区登记的独居老人送餐上门，顺路看看老人身体情况。',
      startAt: chinaDay(now, 2, 11),
      endAt: chinaDay(now, 2, 13),
      points: 6,
      capacity: 8,
    }),
    activity('act-demo-civility', {
      title: '文明宣传：电动车安全骑行',
      kind: '文明宣传',
      description: '在路口向骑手和居民宣传戴头盔、不逆行。',
      place: '阮家桥路口',
      startAt: chinaDay(now, 5, 9),
      endAt: chinaDay(now, 5, 11),
      points: 5,
    }),
  ]
  const signups: Signup[] = past.map((a) => ({
    _id: signupId(a._id, 'demo-courier'),
    activityId: a._id,
    courierId: 'demo-courier',
    communityId: 'ruanjiaqiao',
    status: 'attended',
    at: a.createdAt,
    attendedAt: a.endAt,
  }))
  const ledger: LedgerEntry[] = past.map((a) => ({
    _id: activityAwardId(a._id, 'demo-courier'),
    courierId: 'demo-courier',
    communityId: 'ruanjiaqiao',
    delta: a.points,
    kind: 'activity',
    ref: a._id,
    title: a.title,
    by: 'demo-secretary',
    at: a.endAt,
  }))
  const total = ledger.reduce((sum, e) => sum + e.delta, 0)
  const accounts: PointsAccount[] = [{ _id: 'demo-courier', balance: total, earned: total, updatedAt: now }]
  const byMonth = new Map<string, number>()
  for (const e of ledger) byMonth.set(chinaMonth(e.at), (byMonth.get(chinaMonth(e.at)) ?? 0) + e.delta)
  const monthly: MonthlyEarned[] = [...byMonth].map(([month, points]) => ({
    _id: monthlyEarnedId(month, 'ruanjiaqiao', 'demo-courier'),
    month,
    communityId: 'ruanjiaqiao',
    courierId: 'demo-courier',
    points,
    updatedAt: now,
  }))
  const item = (id: string, name: string, cost: number, stock: number, stationId = 'st-gege-yintai'): ExchangeItem => ({
    _id: id,
    stationId,
    communityId: 'ruanjiaqiao',
    name,
    cost,
    stock,
    hidden: false,
    createdAt: now - 7 * DAY,
    updatedAt: now - 7 * DAY,
  })
  const items = [
    item('item-demo-water', '矿泉水一瓶', 2, 50),
    item('item-demo-towel', '毛巾', 10, 20),
    item('item-demo-raincoat', '骑行雨衣', 30, 5),
    item('item-demo-helmet', '安全头盔', 60, 3, 'st-xiangfu'),
  ]
  return { activities: [...past, ...upcoming], signups, ledger, accounts, monthly, items }
}
