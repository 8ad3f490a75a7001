import type { OutboxMessage } from '../../types'

export type { OutboxMessage }

/** In WeChat the messages are WeChat's own (服务通知): there is no outbox to show. */
export const HAS_OUTBOX = false

export function loadOutbox(): Promise<OutboxMessage[] | null> {
  return Promise.resolve(null)
}
