import type { Notice } from '../../types'
import type { Context, Handler } from '../shared/handler'
import { StoreError } from '../shared/store/port'
import { noticeId } from './domain/keys'

const MAX_TOLD = 1000
const DEFAULT_PAGE = 20

/**
 * Tells every courier signed up for an activity (a cancellation, a change of time or place). Each notice's id
 * comes from `key` (what the news is about) and the courier, so telling the same news twice leaves one notice.
 * Answers how many are signed up and who got the notice just now (not before): only they are sent a WeChat
 * message, so a repeat of the call sends nobody a second one.
 */
export async function tellSignedUp(
  ctx: Context,
  activityId: string,
  key: string,
  news: Pick<Notice, 'kind' | 'title' | 'body'>,
): Promise<{ signedUp: number; newlyTold: string[] }> {
  const signups = await ctx.store.collection('signups').find({ activityId, status: 'signed' }, { limit: MAX_TOLD })
  const notices = ctx.store.collection('notices')
  const now = ctx.clock.now()
  const newlyTold: string[] = []
  for (const signup of signups) {
    const notice: Notice = {
      _id: noticeId(news.kind, key, signup.courierId),
      courierId: signup.courierId,
      ref: activityId,
      at: now,
      ...news,
    }
    const stored = await notices.insert(notice).then(
      () => true,
      (error: unknown) => {
        if (!(error instanceof StoreError && error.kind === 'DUPLICATE')) throw error
        return false
      },
    )
    if (stored) newlyTold.push(signup.courierId)
  }
  return { signedUp: signups.length, newlyTold }
}

/** The courier's notices, newest first, with how many are unread. */
export const myNotices: Handler<'points', 'myNotices'> = async ({ ctx, input }) => {
  const notices = ctx.store.collection('notices')
  const courierId = ctx.caller.openid
  const latest = await notices.find({ courierId }, { orderBy: [['at', 'desc']], limit: input.limit ?? DEFAULT_PAGE })
  return {
    unread: await notices.count({ courierId, readAt: null }),
    notices: latest.map((n) => ({
      id: n._id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      at: n.at,
      read: n.readAt !== undefined,
    })),
  }
}

/** Marks all the courier's notices read. */
export const markNoticesRead: Handler<'points', 'markNoticesRead'> = async ({ ctx }) => {
  const notices = ctx.store.collection('notices')
  const now = ctx.clock.now()
  const unread = await notices.find({ courierId: ctx.caller.openid, readAt: null }, { limit: 1000 })
  let marked = 0
  for (const notice of unread)
    if (await notices.update(notice._id, { set: { readAt: now } }, { readAt: null })) marked++
  return { marked }
}
