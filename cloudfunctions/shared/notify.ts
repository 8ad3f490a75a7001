import type { SubscribeTemplate, SubscribeTemplateIds } from '../../types'

/**
 * WeChat subscribe messages (订阅消息), sent from the functions after an action's writes committed. A message is
 * a courtesy on top of what the app itself shows (the in-app notices, the status on the home page): it may be
 * refused (the courier never subscribed, or used up their one-time subscription: errcode 43101), WeChat may be
 * slow or down, and none of it may fail, undo or hold up the action. So `notify` never throws, gives up after
 * NOTIFY_DEADLINE_MS, and logs a failure with the template name and WeChat's errcode only (no OPENID, no data).
 */
export interface Notice {
  /** The recipient's OPENID (a courier's id is their OPENID). */
  touser: string
  template: SubscribeTemplate
  /** The mini-program page the message opens, e.g. "pages/home/index". */
  page: string
  /** The template's keywords, already within WeChat's limits (notice-messages.ts). */
  data: Record<string, { value: string }>
}

export interface Notifier {
  send(msg: Notice): Promise<void>
  /** Drops whatever is kept for this person (the local outbox does; WeChat keeps nothing of ours). */
  forget?(openid: string): void
}

export const NOTIFY_DEADLINE_MS = 3000

/** WeChat's error code on a failed send, as wx-server-sdk throws it (errCode) or a reply carries it (errcode). */
function errcodeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { errCode, errcode } = error as { errCode?: unknown; errcode?: unknown }
    const code = errCode ?? errcode
    if (typeof code === 'number' || typeof code === 'string') return String(code)
  }
  return error instanceof Error && error.message === 'deadline' ? 'timeout' : '?'
}

class Deadline extends Error {
  constructor() {
    super('deadline')
  }
}

/** Runs `work` for at most `ms`; the timer never keeps the process alive. */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Deadline()), ms)
    if (typeof timer === 'object' && 'unref' in timer) timer.unref()
  })
  try {
    return await Promise.race([work, late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Sends one message, if the platform has a notifier. Call it only once the action's writes are committed.
 * Never throws; resolves within NOTIFY_DEADLINE_MS whatever the notifier does.
 */
export async function notify(ctx: { notifier?: Notifier }, msg: Notice): Promise<void> {
  await notifyAll(ctx, [msg])
}

/** At most this many sends in flight at once, so a cancellation told to hundreds does not flood WeChat. */
const PARALLEL_SENDS = 10

/**
 * Sends several messages (every courier signed up for an activity) within one shared deadline: whatever is not
 * sent by then is given up and counted in the log. Never throws.
 */
export async function notifyAll(ctx: { notifier?: Notifier }, msgs: readonly Notice[]): Promise<void> {
  const notifier = ctx.notifier
  if (!notifier || msgs.length === 0) return
  let next = 0
  let done = 0
  const worker = async () => {
    while (next < msgs.length) {
      const msg = msgs[next++]
      try {
        await notifier.send(msg)
      } catch (error) {
        console.error(`[notify] ${msg.template} message not sent (errcode ${errcodeOf(error)})`)
      }
      done++
    }
  }
  const workers = Array.from({ length: Math.min(PARALLEL_SENDS, msgs.length) }, worker)
  try {
    await withDeadline(Promise.all(workers), NOTIFY_DEADLINE_MS)
  } catch {
    const templates = [...new Set(msgs.map((m) => m.template))].join(',')
    console.error(
      `[notify] ${templates}: ${msgs.length - done} of ${msgs.length} message(s) not sent within ${NOTIFY_DEADLINE_MS} ms (errcode timeout)`,
    )
  }
}

/** The part of wx-server-sdk's `cloud.openapi` used here (the SDK sends the keys as snake_case). */
export interface SubscribeOpenApi {
  subscribeMessage: {
    send(request: {
      touser: string
      templateId: string
      page: string
      data: Record<string, { value: string }>
      miniprogramState: 'formal' | 'trial' | 'developer'
      lang: 'zh_CN'
    }): Promise<unknown>
  }
}

const STATE_OF = { release: 'formal', trial: 'trial', develop: 'developer' } as const

/**
 * `subscribeMessage.send` as a Notifier (the function's config.json must grant it under permissions.openapi).
 * A template without a configured id is skipped, logged once per cold start; a reply with a non-zero errcode
 * is a failure (wx-server-sdk normally throws one itself).
 */
export function wechatNotifier(
  openapi: SubscribeOpenApi,
  ids: SubscribeTemplateIds,
  envVersion: 'release' | 'trial' | 'develop',
): Notifier {
  const warned = new Set<SubscribeTemplate>()
  return {
    async send({ touser, template, page, data }) {
      const templateId = ids[template]
      if (!templateId) {
        if (!warned.has(template)) console.warn(`[notify] no template id for "${template}": such messages are skipped`)
        warned.add(template)
        return
      }
      const reply = await openapi.subscribeMessage.send({
        touser,
        templateId,
        page,
        data,
        miniprogramState: STATE_OF[envVersion],
        lang: 'zh_CN',
      })
      const code = (reply as { errCode?: unknown; errcode?: unknown } | null)?.errCode
      if (typeof code === 'number' && code !== 0)
        throw Object.assign(new Error('subscribeMessage.send'), { errCode: code })
    },
  }
}
