import { z } from 'zod'
import { MEDIA_CHECK_WAIT_MS, type ContentCheckRecord, type ContentCheckStatus } from '../../types'
import type { Clock } from './clock'
import { AppError } from './errors'
import type { Context } from './handler'
import type { AppStore } from './store/collections'

/**
 * WeChat content security (内容安全), which mini-program review expects for user content: text through
 * `cloud.openapi.security.msgSecCheck` (answered at once) and photos through `security.mediaCheckAsync`
 * (answered later by a `wxa_media_check` message push). Only CloudBase functions can ask (the function's
 * config.json lists both under permissions.openapi); the local cloud has no WeChat behind it and passes content
 * through, which is what an absent `contentCheck` on the platform means.
 *
 * Request and reply shapes (version 2), from WeChat's server API reference
 * (developers.weixin.qq.com/miniprogram/dev/server/API/sec-center/sec-check/api_msgseccheck and
 * api_mediacheckasync) and wx-server-sdk 4.0.2's generic openapi proxy: the SDK sends the object's keys as
 * snake_case (a no-op for the keys below), throws on a non-zero `errcode`, and hands the reply back in
 * camelCase (`trace_id` → `traceId`) with `errCode: 0` and `errMsg` added.
 */

/**
 * WeChat's scene: 1 资料 (profile), 2 评论 (comment), 3 论坛 (forum / community), 4 社交日志 (social log).
 * 随手拍 reports and wish names are posts to a community that others in it read (staff, and for wishes every
 * courier of the community): 3. They are not profile data (1), not replies to someone else's post (2), and
 * not a personal timeline (4).
 */
export const COMMUNITY_SCENE = 3

/** media_type 2: an image (1 is audio). */
const MEDIA_TYPE_IMAGE = 2
/** A temp URL lives long enough for WeChat to fetch it (it answers within 30 minutes, sometimes later). */
const TEMP_URL_MAX_AGE_S = 2 * 60 * 60

const Suggest = z.enum(['pass', 'review', 'risky'])
export type Suggest = z.infer<typeof Suggest>

/** WeChat sends the label as a number, and in some pushes as a numeric string ("100"); anything else is dropped. */
const Label = z.unknown().transform((value) => {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined
})

export interface TextVerdict {
  suggest: Suggest
  label?: number
  traceId?: string
}

/** The platform service (like `miniProgramCode`): CloudBase's is `wechatContentCheck`; absent = pass-through. */
export interface ContentCheck {
  /** `openid`: the author, from the platform. Rejects when WeChat cannot be asked. */
  text(request: { openid: string; scene: number; content: string }): Promise<TextVerdict>
  /** Starts WeChat's asynchronous check of a stored photo; resolves with the trace id the push will carry. */
  photo(request: { openid: string; scene: number; fileId: string }): Promise<{ traceId: string }>
}

/** The part of wx-server-sdk's `cloud.openapi` used here. */
export interface SecurityOpenApi {
  security: {
    msgSecCheck(request: { openid: string; scene: number; version: 2; content: string }): Promise<unknown>
    mediaCheckAsync(request: {
      media_url: string
      media_type: 2
      version: 2
      openid: string
      scene: number
    }): Promise<unknown>
  }
}

/** The part of wx-server-sdk used to turn a `cloud://` file id into a URL WeChat's checker can download. */
export interface TempFileUrlApi {
  getTempFileURL(request: { fileList: Array<{ fileID: string; maxAge: number }> }): Promise<unknown> | void
}

const MsgSecCheckReply = z.looseObject({
  result: z.looseObject({ suggest: Suggest, label: Label }),
  traceId: z.string().optional(),
  trace_id: z.string().optional(),
})
const MediaCheckAsyncReply = z.looseObject({
  traceId: z.string().min(1).optional(),
  trace_id: z.string().min(1).optional(),
})
const TempFileUrlReply = z.looseObject({
  fileList: z.array(z.looseObject({ fileID: z.string(), tempFileURL: z.string(), status: z.number() })),
})

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(reply)'}: ${issue.message}`).join('; ')
}

/** WeChat's checks over wx-server-sdk. Any reply that does not have the documented shape is an error. */
export function wechatContentCheck(openapi: SecurityOpenApi, storage: TempFileUrlApi): ContentCheck {
  return {
    async text({ openid, scene, content }) {
      const reply = MsgSecCheckReply.safeParse(
        await openapi.security.msgSecCheck({ openid, scene, version: 2, content }),
      )
      if (!reply.success) throw new Error(`security.msgSecCheck gave an unexpected reply: ${describe(reply.error)}`)
      const { result, traceId, trace_id } = reply.data
      const trace = traceId ?? trace_id
      return {
        suggest: result.suggest,
        ...(result.label !== undefined ? { label: result.label } : {}),
        ...(trace ? { traceId: trace } : {}),
      }
    },
    async photo({ openid, scene, fileId }) {
      // WeChat downloads the photo itself: a local upload (local:…) or anything but CloudBase storage cannot be.
      if (!fileId.startsWith('cloud://')) throw new Error('only CloudBase storage files (cloud://…) can be checked')
      const urls = TempFileUrlReply.safeParse(
        await storage.getTempFileURL({ fileList: [{ fileID: fileId, maxAge: TEMP_URL_MAX_AGE_S }] }),
      )
      if (!urls.success) throw new Error(`getTempFileURL gave an unexpected reply: ${describe(urls.error)}`)
      const file = urls.data.fileList.find((f) => f.fileID === fileId)
      if (!file || file.status !== 0 || !/^https?:\/\//.test(file.tempFileURL)) {
        throw new Error(`getTempFileURL gave no URL for the photo (status ${file?.status ?? 'missing'})`)
      }
      const reply = MediaCheckAsyncReply.safeParse(
        await openapi.security.mediaCheckAsync({
          media_url: file.tempFileURL,
          media_type: MEDIA_TYPE_IMAGE,
          version: 2,
          openid,
          scene,
        }),
      )
      const traceId = reply.success ? (reply.data.traceId ?? reply.data.trace_id) : undefined
      if (!traceId) throw new Error('security.mediaCheckAsync gave no trace id')
      return { traceId }
    },
  }
}

/** What is being checked decides what a `review` verdict or an unreachable WeChat means. */
export type TextUse = 'report' | 'wish'

const WISH_NEEDS_REVIEW = '这个心愿名称需要人工审核，暂不能提交，请换个说法'

/**
 * Checks text the caller wrote before anything is stored, as the caller (OPENID from the platform, never from
 * the request). Resolves with the record to keep on the document (undefined: no checker, pass-through).
 * - risky: refused with CONTENT_REJECTED, nothing is stored;
 * - review: a report is kept and marked for the secretary, who reads every report before it counts; a wish is
 *   refused, since wish names go straight to every courier of the community and nobody reviews them;
 * - WeChat unreachable (network, quota, an unexpected reply): logged; a report is kept as `unchecked` for the
 *   secretary to judge (a courier is never blocked by WeChat's outage, and a report is seen only by staff and
 *   its author); a wish is refused with CONTENT_CHECK_UNAVAILABLE, to try again later, for the reason above.
 */
export async function checkText(ctx: Context, content: string, use: TextUse): Promise<ContentCheckRecord | undefined> {
  if (!ctx.contentCheck) return undefined
  const askedAt = ctx.clock.now()
  let verdict: TextVerdict
  try {
    verdict = await ctx.contentCheck.text({ openid: ctx.caller.openid, scene: COMMUNITY_SCENE, content })
  } catch (error) {
    console.error(
      `[content-check] msgSecCheck failed for a ${use}; ${use === 'wish' ? 'refused' : 'kept as unchecked'}`,
      error,
    )
    if (use === 'wish') throw new AppError('CONTENT_CHECK_UNAVAILABLE')
    return { status: 'unchecked', askedAt }
  }
  const facts = {
    ...(verdict.label !== undefined ? { label: verdict.label } : {}),
    ...(verdict.traceId ? { traceId: verdict.traceId } : {}),
  }
  if (verdict.suggest === 'risky') {
    console.warn(`[content-check] risky ${use} text refused`, { openid: ctx.caller.openid, ...facts })
    throw new AppError('CONTENT_REJECTED')
  }
  if (verdict.suggest === 'review' && use === 'wish') throw new AppError('CONTENT_REJECTED', WISH_NEEDS_REVIEW)
  return { status: verdict.suggest, askedAt, ...facts }
}

/**
 * Hands a photo to WeChat's asynchronous check. Resolves with `checking` and the trace id the push will carry,
 * `unchecked` (logged) when WeChat cannot be asked, or undefined without a checker.
 */
export async function startPhotoCheck(ctx: Context, fileId: string): Promise<ContentCheckRecord | undefined> {
  if (!ctx.contentCheck) return undefined
  const askedAt = ctx.clock.now()
  try {
    const { traceId } = await ctx.contentCheck.photo({ openid: ctx.caller.openid, scene: COMMUNITY_SCENE, fileId })
    return { status: 'checking', traceId, askedAt }
  } catch (error) {
    console.error('[content-check] mediaCheckAsync failed; the photo is kept as unchecked', error)
    return { status: 'unchecked', askedAt }
  }
}

/** A photo's check as it stands now: one WeChat has not answered within MEDIA_CHECK_WAIT_MS counts as unchecked. */
export function photoCheckNow(check: ContentCheckRecord | undefined, now: number): ContentCheckStatus | undefined {
  if (!check) return undefined
  if (check.status === 'checking' && now - check.askedAt >= MEDIA_CHECK_WAIT_MS) return 'unchecked'
  return check.status
}

/** The `wxa_media_check` push (version 2): see the "异步检测结果推送" section of mediaCheckAsync's reference. */
const MediaCheckPush = z.looseObject({
  MsgType: z.string().optional(),
  Event: z.literal('wxa_media_check'),
  /** The user whose openid the check was asked with. */
  FromUserName: z.string().optional(),
  appid: z.string().optional(),
  trace_id: z.string().min(1).max(200),
  /** Non-zero when WeChat could not check the file (e.g. it could not download it). */
  errcode: z.number().optional(),
  result: z.looseObject({ suggest: Suggest, label: Label }).optional(),
  /** Version 1 pushes carry only this (1 risky, 0 no risk found). */
  isrisky: z.union([z.number(), z.string()]).optional(),
})

/** Whether an event is WeChat's media-check push (cloudbase-main routes it here instead of to the router). */
export function isMediaCheckEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { Event?: unknown }).Event === 'wxa_media_check'
}

export type MediaCheckOutcome =
  | { applied: true; reportId: string; status: ContentCheckStatus }
  | { applied: false; reason: 'malformed' | 'unknown-trace' | 'not-platform' | 'already-decided' }

/**
 * Records WeChat's verdict on a report's photo, matched by trace id. It changes nothing for a push it does not
 * understand, an unknown trace id, or a photo already decided (WeChat retries a push it thinks undelivered, so
 * the first verdict stands, and nothing sent later can flip it).
 *
 * Who may deliver it: a push without an OPENID comes from the platform (every client call carries one). WeChat's
 * docs for pushes to cloud functions (the customer-service example) read the user's OPENID from the WX context,
 * so a push may also carry one; then it is accepted only when that OPENID is the push's FromUserName and the
 * report's author, so a caller can at most speak about their own photo, and only with a trace id that never
 * leaves the server.
 */
export async function applyMediaCheck(
  event: unknown,
  platform: { openid: string | undefined; store: AppStore; clock: Clock },
): Promise<MediaCheckOutcome> {
  const push = MediaCheckPush.safeParse(event)
  if (!push.success) {
    console.warn(`[content-check] wxa_media_check push not understood: ${describe(push.error)}`)
    return { applied: false, reason: 'malformed' }
  }
  const { trace_id: traceId, FromUserName, errcode, result, isrisky } = push.data
  const reports = platform.store.collection('reports')
  const found = await reports.find({ 'photoCheck.traceId': traceId }, { limit: 2 })
  if (found.length !== 1) {
    console.warn(`[content-check] wxa_media_check for an unknown trace id ${traceId.slice(0, 64)}`)
    return { applied: false, reason: 'unknown-trace' }
  }
  const [report] = found
  if (platform.openid && (FromUserName !== platform.openid || report.courierId !== platform.openid)) {
    console.warn(`[content-check] wxa_media_check refused: sent by a caller who is not the photo's author`)
    return { applied: false, reason: 'not-platform' }
  }
  if (report.photoCheck?.status !== 'checking') return { applied: false, reason: 'already-decided' }

  let status: ContentCheckStatus
  if (errcode) status = 'unchecked'
  else if (result) status = result.suggest
  else if (isrisky !== undefined) status = Number(isrisky) === 1 ? 'risky' : 'pass'
  else status = 'unchecked'
  const changed = await reports.update(
    report._id,
    {
      set: {
        'photoCheck.status': status,
        'photoCheck.label': result?.label,
        'photoCheck.decidedAt': platform.clock.now(),
      },
    },
    { 'photoCheck.traceId': traceId, 'photoCheck.status': 'checking' },
  )
  if (!changed) return { applied: false, reason: 'already-decided' }
  if (status === 'risky') {
    // Hidden from the courier from now on; an accepted report keeps its points (a secretary saw it and decided).
    console.warn(
      `[content-check] report ${report._id}: photo risky (label ${result?.label ?? '?'}), status ${report.status}`,
    )
  }
  if (status === 'unchecked')
    console.error(`[content-check] report ${report._id}: WeChat could not check the photo (errcode ${errcode ?? '?'})`)
  return { applied: true, reportId: report._id, status }
}
