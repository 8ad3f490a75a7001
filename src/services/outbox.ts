import { OutboxReply, envelopeOf, type OutboxMessage } from '../../types'
import { CloudError } from './cloud-error'
import { getDemoOpenid } from './demo-identity'

export type { OutboxMessage }

/*
 * The local demo's outbox (h5 build): the subscribe messages the functions sent to the demo identity, as WeChat's
 * 服务通知 would show them (`GET /local/outbox`, the identity in `x-openid`, as photo.ts sends it). In WeChat
 * there is no outbox: outbox.weapp.ts answers null and 我的 shows nothing.
 */

export const HAS_OUTBOX = true

const Reply = envelopeOf(OutboxReply)

/** The demo identity's messages, newest first; null without a demo identity. */
export async function loadOutbox(): Promise<OutboxMessage[] | null> {
  const openid = getDemoOpenid()
  if (!openid) return null
  let response: Response
  try {
    response = await fetch('/local/outbox', { headers: { accept: 'application/json', 'x-openid': openid } })
  } catch (error) {
    throw new CloudError('NETWORK', undefined, { cause: error })
  }
  const reply = Reply.safeParse(await response.json().catch(() => null))
  if (!reply.success) throw new CloudError('INTERNAL')
  if (!reply.data.ok) throw new CloudError(reply.data.error.code, reply.data.error.message)
  return reply.data.data.messages
}
