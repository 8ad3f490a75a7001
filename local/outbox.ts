import type { OutboxMessage } from '../types'
import type { Notice, Notifier } from '../cloudfunctions/shared/notify'

/** Messages kept per person: the newest, as WeChat's 服务通知 chat would show them. */
export const OUTBOX_LIMIT = 50

/**
 * The local cloud's stand-in for WeChat's subscribe messages: what the functions send is kept in memory, per
 * OPENID, newest first, and shown on 我的 in the demo (GET /local/outbox) and read by tests. Nothing is written
 * to disk: it is gone when the local cloud stops, as a demo's notifications may be.
 */
export interface Outbox extends Notifier {
  list(openid: string): OutboxMessage[]
  forget(openid: string): void
}

export function createOutbox(now: () => number = Date.now): Outbox {
  const boxes = new Map<string, OutboxMessage[]>()
  return {
    send(msg: Notice) {
      const box = boxes.get(msg.touser) ?? []
      box.unshift({ template: msg.template, page: msg.page, data: structuredClone(msg.data), at: now() })
      box.length = Math.min(box.length, OUTBOX_LIMIT)
      boxes.set(msg.touser, box)
      return Promise.resolve()
    },
    list: (openid) => (boxes.get(openid) ?? []).map((m) => structuredClone(m)),
    forget: (openid) => void boxes.delete(openid),
  }
}
