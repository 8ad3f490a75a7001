import { activityNotice } from '../shared/notice-messages'
import { notifyAll, type Notifier } from '../shared/notify'
import type { AppStore } from '../shared/store/collections'

/** A courier signed up for an activity hears of it once, when it starts within this time (the day before). */
export const REMINDER_LEAD_MS = 24 * 3600_000
/** Activities looked at per run of the timer (every minute): the soonest first. */
const ACTIVITIES_PER_RUN = 50

function startsIn(startAt: number, now: number): string {
  const minutes = Math.max(1, Math.round((startAt - now) / 60_000))
  if (minutes < 60) return `${minutes} 分钟后开始，请准时到场`
  return `约 ${Math.round(minutes / 60)} 小时后开始，请准时到场`
}

/**
 * The reminders of activities about to start (run by the reconcile timer): each signed-up courier of a published
 * activity starting within REMINDER_LEAD_MS is sent one 活动变更提醒 (即将开始). The sign-up is marked before the
 * message goes (a guarded update on `remindedAt`), so two timers running at once, or a retry, never send twice;
 * a crash between the mark and the send loses that one reminder, which only costs a message.
 */
export async function remindSignedUp(
  store: AppStore,
  notifier: Notifier | undefined,
  now: number,
): Promise<{ reminded: number }> {
  if (!notifier) return { reminded: 0 }
  const soon = await store
    .collection('activities')
    .find(
      { status: 'published', startAt: { gt: now, lte: now + REMINDER_LEAD_MS } },
      { orderBy: [['startAt', 'asc']], limit: ACTIVITIES_PER_RUN },
    )
  let reminded = 0
  for (const activity of soon) {
    const waiting = await store
      .collection('signups')
      .find({ activityId: activity._id, status: 'signed', remindedAt: null }, { limit: 1000 })
    const marked: string[] = []
    for (const signup of waiting) {
      const claimed = await store
        .collection('signups')
        .update(signup._id, { set: { remindedAt: now } }, { status: 'signed', remindedAt: null })
      if (claimed) marked.push(signup.courierId)
    }
    await notifyAll(
      { notifier },
      marked.map((courierId) => activityNotice(courierId, 'reminder', activity, startsIn(activity.startAt, now))),
    )
    reminded += marked.length
  }
  return { reminded }
}
