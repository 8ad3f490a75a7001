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
import { callerFrom, isAllowed, ruleFor, type Caller } from './policy'
import { admit, type Admission } from './scope'
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
}

export type Handler<F extends FunctionName, A extends ActionName<F>> = (args: {
  ctx: Context
  input: ActionParsedInput<F, A>
}) => Promise<ActionOutput<F, A>>

export type Handlers<F extends FunctionName> = { [A in ActionName<F>]: Handler<F, A> }

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
  const table = handlers as unknown as Record<string, (args: { ctx: Context; input: unknown }) => Promise<unknown>>

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

      const user = await platform.store.collection('users').get(openid.data)
      const caller = callerFrom(openid.data, user, platform.config.adminOpenids)
      if (!isAllowed(rule, caller)) return fail('FORBIDDEN')
      const scope = await admit(rule, caller, input.data, platform.store)

      const { store, clock, config, miniProgramCode, contentCheck } = platform
      const ctx: Context = { caller, scope, store, clock, config, miniProgramCode, contentCheck }
      const result = await table[action]({ ctx, input: input.data })
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
