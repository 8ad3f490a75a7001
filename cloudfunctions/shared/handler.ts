import { z } from 'zod'
import {
  CONTRACT,
  Id,
  describeIssues,
  fail,
  ok,
  type ActionName,
  type ActionOutput,
  type ActionParsedInput,
  type Envelope,
  type FunctionName,
} from '../../types'
import type { Clock } from './clock'
import type { Config } from './config'
import type { ContentCheck } from './content-check'
import { AppError } from './errors'
import type { MakeMiniProgramCode } from './mini-program-code'
import type { Notifier } from './notify'
import type { PhotoAccess } from './photos'
import { callerFrom, isAllowed, ruleFor, type Caller } from './policy'
import { admit, startAdmission, type Admission } from './scope'
import type { AppStore } from './store/collections'
import { StoreError } from './store/port'

/** What the platform gives a call: the caller's OPENID (from WX context or the demo header) and services. */
export interface Platform {
  openid: string | null | undefined
  store: AppStore
  clock: Clock
  config: Config
  /** WeChat's 小程序码 maker, on CloudBase only. */
  miniProgramCode?: MakeMiniProgramCode
  /** WeChat's content security checks, on CloudBase only; absent, content passes through unchecked. */
  contentCheck?: ContentCheck
  /** Short-lived URLs of stored photos (CloudBase storage, or the local cloud's); absent, no photo is shown. */
  photos?: PhotoAccess
  /** Subscribe messages to WeChat (CloudBase) or the local outbox; absent, nothing is sent (see notify.ts). */
  notifier?: Notifier
}

/** What a handler gets. */
export interface Context {
  caller: Caller
  /** How the policy admitted this request: as whom, to which community, with the document it names. */
  scope: Admission
  store: AppStore
  clock: Clock
  config: Config
  miniProgramCode?: MakeMiniProgramCode
  contentCheck?: ContentCheck
  photos?: PhotoAccess
  notifier?: Notifier
}

/** What a handler's early reads may use: the caller's OPENID as the platform gave it, and the parsed input. */
export interface EarlyArgs<F extends FunctionName, A extends ActionName<F>> {
  openid: string
  input: ActionParsedInput<F, A>
  store: AppStore
  clock: Clock
  config: Config
}

export type Handler<F extends FunctionName, A extends ActionName<F>> = ((args: {
  ctx: Context
  input: ActionParsedInput<F, A>
  /** What `early` started, when the handler has early reads (see `withEarlyReads`). */
  early?: unknown
}) => Promise<ActionOutput<F, A>>) & {
  early?: (args: EarlyArgs<F, A>) => unknown
}

export type Handlers<F extends FunctionName> = { [A in ActionName<F>]: Handler<F, A> }

/**
 * A handler whose first reads do not depend on who the caller is allowed to be: the wrapper starts them beside
 * the caller's user record, so they cost no round trip of their own. `early` only reads (it never writes, and
 * what it reads is used only once the policy admitted the caller); it gets the OPENID from the platform, never
 * from the request. Each promise it returns should be awaited by `run`; a refused request leaves them unread,
 * so their failures are marked handled here.
 */
export function withEarlyReads<F extends FunctionName, A extends ActionName<F>, E extends object>(
  early: (args: EarlyArgs<F, A>) => E,
  run: (args: { ctx: Context; input: ActionParsedInput<F, A>; early: E }) => Promise<ActionOutput<F, A>>,
): Handler<F, A> {
  const started = (args: EarlyArgs<F, A>): E => {
    const reads = early(args)
    for (const value of Object.values(reads)) if (value instanceof Promise) value.catch(() => undefined)
    return reads
  }
  const handler: Handler<F, A> = ({ ctx, input, early: given }) =>
    run({
      ctx,
      input,
      early:
        (given as E | undefined) ??
        started({ openid: ctx.caller.openid, input, store: ctx.store, clock: ctx.clock, config: ctx.config }),
    })
  handler.early = started
  return handler
}

export interface Router {
  name: FunctionName
  actions: string[]
  dispatch(event: unknown, platform: Platform): Promise<Envelope<unknown>>
}

const CONTENTION_MESSAGE = '现在操作的人较多，请稍后重试'

const EventShape = z.looseObject({ action: z.string().min(1).max(64) })

/**
 * The handler wrapper: identity → parse the event with the contract → authorise through the policy table
 * (roles, then the community or courier the request touches, see `admit`) → run → parse the answer with the contract (which also strips any field the contract does not list)
 * → envelope. Every failure becomes a code and a Chinese message; nothing is written before input is valid.
 */
export function createRouter<F extends FunctionName>(name: F, handlers: Handlers<F>): Router {
  const contract = CONTRACT[name] as Record<string, { input: z.ZodType; output: z.ZodType }>
  const table = handlers as unknown as Record<string, Handler<F, ActionName<F>>>

  async function dispatch(event: unknown, platform: Platform): Promise<Envelope<unknown>> {
    try {
      const openid = Id.safeParse(platform.openid)
      if (!openid.success) return fail('UNAUTHENTICATED')
      const shape = EventShape.safeParse(event)
      if (!shape.success) return fail('BAD_REQUEST', '请求格式不正确：缺少 action')
      // The top level is parsed loosely (to split off `action`), so refuse prototype keys here explicitly;
      // nested objects are strict schemas, which refuse every unknown key.
      if (Object.hasOwn(event as object, '__proto__')) return fail('BAD_REQUEST', '请求格式不正确：包含不允许的字段')
      // `userInfo` is added by old wx.cloud clients; it is client-supplied and never trusted, so drop it.
      const { action, userInfo: _userInfo, ...payload } = shape.data
      const spec = Object.hasOwn(contract, action) ? contract[action] : undefined
      const rule = ruleFor(name, action)
      if (!spec || !rule) return fail('UNKNOWN_ACTION', `没有这个操作：${name}.${action.slice(0, 64)}`)
      const input = spec.input.safeParse(payload)
      if (!input.success) return fail('BAD_REQUEST', `请求格式不正确：${describeIssues(input.error)}`)

      const { store, clock, config, miniProgramCode, contentCheck, photos, notifier } = platform
      const handler = table[action]
      const parsed = input.data as ActionParsedInput<F, ActionName<F>>
      // Reads that need only the OPENID and the input start now, beside the caller's user record.
      const early = handler.early?.({ openid: openid.data, input: parsed, store, clock, config })
      const admission = startAdmission(rule, openid.data, parsed, store)
      const user = await store.collection('users').get(openid.data)
      const caller = callerFrom(openid.data, user, config.adminOpenids)
      if (!isAllowed(rule, caller)) return fail('FORBIDDEN')
      const scope = await admit(rule, caller, parsed, store, admission)

      const ctx: Context = { caller, scope, store, clock, config, miniProgramCode, contentCheck, photos, notifier }
      const result = await handler({ ctx, input: parsed, early })
      const output = spec.output.safeParse(result)
      if (!output.success) {
        console.error(`[${name}.${action}] answer does not match the contract: ${output.error.message}`)
        return fail('INTERNAL')
      }
      return ok(output.data)
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, error.message)
      // Contention that outlasted the store's retries is the caller's to retry, not a fault of ours.
      if (error instanceof StoreError && error.kind === 'CONFLICT') return fail('CONFLICT', CONTENTION_MESSAGE)
      console.error(`[${name}] unexpected error`, error)
      return fail('INTERNAL')
    }
  }

  return { name, actions: Object.keys(handlers), dispatch }
}
