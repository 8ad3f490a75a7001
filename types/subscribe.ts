import { z } from './zod'

/**
 * WeChat subscribe messages (订阅消息): the three templates the app sends, by our own name. Each name maps to a
 * template id chosen in the WeChat admin (订阅消息 → 我的模板); the ids reach the functions as the environment
 * variable SUBSCRIBE_TEMPLATE_IDS and the mini-program at build time (config/index.ts), in the form
 * `review:ID,activity:ID,pickup:ID`. A name may be left out: its messages are then not sent.
 */
export const SUBSCRIBE_TEMPLATES = ['review', 'activity', 'pickup'] as const
export type SubscribeTemplate = (typeof SUBSCRIBE_TEMPLATES)[number]
export type SubscribeTemplateIds = Partial<Record<SubscribeTemplate, string>>

/** WeChat's template ids are base64url-like strings of about 43 characters. */
export const TemplateId = z.string().check(z.regex(/^[A-Za-z0-9_-]{10,64}$/, 'expected a WeChat template id'))

function isTemplate(name: string): name is SubscribeTemplate {
  return (SUBSCRIBE_TEMPLATES as readonly string[]).includes(name)
}

/**
 * Parses `review:ID,activity:ID,pickup:ID` (any order, any subset, spaces around parts allowed; empty means
 * none). Throws an Error that says which part is wrong: an unknown name, a name given twice, a malformed id.
 */
export function parseSubscribeTemplateIds(text: string | undefined): SubscribeTemplateIds {
  const ids: SubscribeTemplateIds = {}
  for (const part of (text ?? '').split(',')) {
    const item = part.trim()
    if (!item) continue
    const colon = item.indexOf(':')
    const name = colon < 0 ? item : item.slice(0, colon).trim()
    if (colon < 0) throw new Error(`"${name.slice(0, 20)}": expected name:templateId`)
    if (!isTemplate(name))
      throw new Error(`unknown template name "${name.slice(0, 20)}" (expected ${SUBSCRIBE_TEMPLATES.join(', ')})`)
    if (ids[name]) throw new Error(`template "${name}" is given twice`)
    const id = TemplateId.safeParse(item.slice(colon + 1).trim())
    if (!id.success) throw new Error(`template "${name}": expected a WeChat template id (10–64 of A–Z a–z 0–9 _ -)`)
    ids[name] = id.data
  }
  return ids
}

/** The template ids a set of names asks for, in order, skipping names without an id. */
export function templateIdsFor(ids: SubscribeTemplateIds, names: readonly SubscribeTemplate[]): string[] {
  return names.map((name) => ids[name]).filter((id): id is string => typeof id === 'string')
}

/** One message of the local demo's outbox (GET /local/outbox): what WeChat would have shown the caller. */
export const OutboxMessage = z.object({
  template: z.enum(SUBSCRIBE_TEMPLATES),
  page: z.string(),
  data: z.record(z.string(), z.object({ value: z.string() })),
  at: z.number(),
})
export type OutboxMessage = z.infer<typeof OutboxMessage>
export const OutboxReply = z.object({ messages: z.array(OutboxMessage) })
export type OutboxReply = z.infer<typeof OutboxReply>
