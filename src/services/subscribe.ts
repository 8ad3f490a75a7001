import type { SubscribeTemplate } from '../../types'

/*
 * Subscribe messages (订阅消息), h5 (and default) build: the local demo has no WeChat to ask, and the local cloud
 * keeps every message in its outbox (shown on 我的) whether or not anyone asked. So a request is answered as if
 * the user had accepted. The weapp build uses subscribe.weapp.ts (Taro.requestSubscribeMessage).
 */

/** accepted: at least one of the templates may now be sent once; refused: none; unavailable: nothing to ask. */
export type SubscribeOutcome = 'accepted' | 'refused' | 'unavailable'

/** Whether this build can ask for subscriptions at all (weapp: only with template ids configured). */
export function canSubscribe(_names: readonly SubscribeTemplate[]): boolean {
  return true
}

/** Asks to send the given templates' messages. Never rejects. Must run in a tap handler in WeChat. */
export function requestSubscribe(_names: readonly SubscribeTemplate[]): Promise<SubscribeOutcome> {
  return Promise.resolve('accepted')
}
