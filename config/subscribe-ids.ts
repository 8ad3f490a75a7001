/**
 * SUBSCRIBE_TEMPLATE_IDS for the app build (defineConstants): the template ids the mini-program asks WeChat for.
 * Taro loads config/ on its own and cannot import the contract in types/, so this is a copy of
 * `parseSubscribeTemplateIds` (types/subscribe.ts), which the functions use; test/unit/subscribe.test.ts checks
 * that both read every example alike. A malformed value fails the build, naming the variable.
 */
const NAMES = ['review', 'activity', 'pickup']
const ID = /^[A-Za-z0-9_-]{10,64}$/

export function subscribeTemplateIds(text: string | undefined): Record<string, string> {
  const ids: Record<string, string> = {}
  for (const part of (text ?? '').split(',')) {
    const item = part.trim()
    if (!item) continue
    const colon = item.indexOf(':')
    const name = colon < 0 ? '' : item.slice(0, colon).trim()
    const id = item.slice(colon + 1).trim()
    if (!NAMES.includes(name) || name in ids || !ID.test(id)) {
      throw new Error(
        `SUBSCRIBE_TEMPLATE_IDS: "${item.slice(0, 30)}" is not name:templateId (names: ${NAMES.join(', ')}, each once)`,
      )
    }
    ids[name] = id
  }
  return ids
}
