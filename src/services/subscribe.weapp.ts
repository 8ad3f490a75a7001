import Taro from '@tarojs/taro'
import { templateIdsFor, type SubscribeTemplate } from '../../types'
import type { SubscribeOutcome } from './subscribe'

export type { SubscribeOutcome } from './subscribe'

/*
 * Subscribe messages in WeChat: the user is asked, by WeChat's own sheet, whether the functions may send them one
 * message of each template (one-time subscriptions: each acceptance allows one message). WeChat shows the sheet
 * only from a tap, so this is called in a button's onClick. The template ids are the build's
 * (SUBSCRIBE_TEMPLATE_IDS, config/index.ts). Whatever the user answers, and whatever fails, the flow goes on.
 */

/** WeChat asks for at most 3 templates at once. */
const MAX_AT_ONCE = 3

function idsOf(names: readonly SubscribeTemplate[]): string[] {
  return templateIdsFor(SUBSCRIBE_TEMPLATE_IDS, names).slice(0, MAX_AT_ONCE)
}

export function canSubscribe(names: readonly SubscribeTemplate[]): boolean {
  return idsOf(names).length > 0
}

export async function requestSubscribe(names: readonly SubscribeTemplate[]): Promise<SubscribeOutcome> {
  const tmplIds = idsOf(names)
  if (tmplIds.length === 0) return 'unavailable'
  try {
    // Taro's Option type demands Alipay's entityIds too; WeChat takes tmplIds alone
    const option = { tmplIds } as Taro.requestSubscribeMessage.Option
    const answer = (await Taro.requestSubscribeMessage(option)) as unknown as Record<string, unknown>
    return tmplIds.some((id) => answer[id] === 'accept') ? 'accepted' : 'refused'
  } catch (error) {
    // e.g. 20004 (the user turned off all subscribe messages) or an old base library: not the user's problem
    console.warn('[subscribe] requestSubscribeMessage failed', error)
    return 'unavailable'
  }
}
