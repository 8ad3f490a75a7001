import { charCount, formatChina, type SubscribeTemplate } from '../../types'
import type { Notice } from './notify'

/**
 * The `data` of each subscribe-message template. The keyword names (thing1, phrase2 …) are those of the templates
 * chosen in the WeChat admin (docs/GO-LIVE.md lists them); every value is kept within WeChat's limits for its
 * kind, since a value over them fails the whole send (errcode 47003):
 * - thing: at most 20 characters; phrase: at most 5 Chinese characters; character_string: at most 32 of digits,
 *   letters and symbols; time: 24-hour time, optionally with the date ("2026年12月2日 15:01").
 * Values are never empty either (WeChat refuses an empty keyword): a missing one becomes "无".
 */
export const LIMITS = { thing: 20, phrase: 5, character_string: 32 } as const

/** At most `max` characters (code points, so an emoji is not cut in half), marked with "…" when cut. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (!flat) return '无'
  if (charCount(flat) <= max) return flat
  return `${Array.from(flat)
    .slice(0, max - 1)
    .join('')}…`
}

const thing = (text: string) => ({ value: clip(text, LIMITS.thing) })
/** A phrase is Chinese characters only: anything else is dropped before clipping (without "…", not Chinese). */
const phrase = (text: string) => ({
  value:
    Array.from(text.replace(/[^\u4e00-\u9fff]/g, ''))
      .slice(0, LIMITS.phrase)
      .join('') || '无',
})
const characters = (text: string) => ({
  value: text.replace(/[^\x21-\x7e]/g, '').slice(0, LIMITS.character_string) || '0',
})
const time = (epochMs: number) => ({ value: formatChina(epochMs, 'YYYY年M月D日 HH:mm') })

const PAGES: Record<SubscribeTemplate, string> = {
  review: 'pages/home/index',
  activity: 'courier/pages/activities/index',
  pickup: 'courier/pages/exchange/index',
}

function notice(touser: string, template: SubscribeTemplate, data: Notice['data']): Notice {
  return { touser, template, page: PAGES[template], data }
}

/** Template 「审核结果通知」: 审核事项 thing1, 审核结果 phrase2, 备注 thing3, 审核时间 time4. */
export function reviewNotice(courierId: string, decision: { approved: boolean; reason?: string; at: number }): Notice {
  return notice(courierId, 'review', {
    thing1: thing('小哥注册'),
    phrase2: phrase(decision.approved ? '审核通过' : '未通过'),
    thing3: thing(decision.approved ? '可以出示小哥码了' : (decision.reason ?? '请修改注册信息后重新提交')),
    time4: time(decision.at),
  })
}

export type ActivityNews = 'cancelled' | 'changed' | 'reminder'
const ACTIVITY_STATE: Record<ActivityNews, string> = { cancelled: '已取消', changed: '时间变更', reminder: '即将开始' }

/** Template 「活动变更提醒」: 活动名称 thing1, 活动状态 phrase2, 活动时间 time3, 备注 thing4. */
export function activityNotice(
  courierId: string,
  news: ActivityNews,
  activity: { title: string; startAt: number; place: string },
  note: string,
): Notice {
  return notice(courierId, 'activity', {
    thing1: thing(activity.title),
    phrase2: phrase(ACTIVITY_STATE[news]),
    time3: time(activity.startAt),
    thing4: thing(note || activity.place),
  })
}

/** Template 「兑换可取货通知」: 物品名称 thing1, 取货地点 thing2, 取货码 character_string3, 温馨提示 thing4. */
export function pickupNotice(
  courierId: string,
  redemption: { itemName: string; pickupCode: string },
  stationName: string,
): Notice {
  return notice(courierId, 'pickup', {
    thing1: thing(redemption.itemName),
    thing2: thing(stationName),
    character_string3: characters(redemption.pickupCode),
    thing4: thing('到驿站出示取货码领取'),
  })
}
