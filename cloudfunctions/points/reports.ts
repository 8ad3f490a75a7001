import type { HazardReport, ReportView } from '../../types'
import { checkText, photoCheckNow, startPhotoCheck } from '../shared/content-check'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { newId } from '../shared/ids'
import { photoUrls } from '../shared/photos'
import { maskName } from '../shared/mask'
import { admittedCourier, scopedCommunity, scopedDoc } from '../shared/scope'
import { MAY_NOT_EARN_MESSAGE, mayEarnPoints } from './domain/award-rules'
import { reportAwardId } from './domain/keys'
import { appendEntry } from './ledger'

const DEFAULT_PAGE = 20
/** Reports a courier may have waiting at once: enough for a busy shift, not a flood. */
const MAX_PENDING_PER_COURIER = 20

/**
 * A report as its audience sees it: staff (the community's secretaries) see every content security marker and
 * the photo whatever its verdict; the courier sees a risky photo's marker but never the photo itself.
 */
function viewOf(r: HazardReport, now: number, audience: { staff: boolean; maskedName?: string }): ReportView {
  const photoCheck = photoCheckNow(r.photoCheck, now)
  const textCheck = r.textCheck?.status
  const showPhoto = r.photo && (audience.staff || photoCheck !== 'risky')
  return {
    id: r._id,
    category: r.category,
    text: r.text,
    ...(r.location ? { location: r.location } : {}),
    ...(showPhoto ? { photo: r.photo } : {}),
    status: r.status,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(r.points ? { points: r.points } : {}),
    createdAt: r.createdAt,
    ...(audience.maskedName !== undefined ? { maskedName: audience.maskedName } : {}),
    ...(audience.staff && (textCheck === 'review' || textCheck === 'unchecked') ? { textCheck } : {}),
    ...(photoCheck && photoCheck !== 'pass' && (audience.staff || photoCheck === 'risky') ? { photoCheck } : {}),
  }
}

/** Views with each stored photo reference swapped for a short-lived URL (left out when storage has none). */
async function withPhotoUrls(ctx: Context, views: ReportView[]): Promise<ReportView[]> {
  const urls = await photoUrls(
    ctx,
    views.map((v) => v.photo),
  )
  return views.map(({ photo, ...view }) => {
    const url = photo ? urls.get(photo) : undefined
    return url ? { ...view, photo: url } : view
  })
}

/** A photo may be accepted once WeChat has not called it risky and has answered (or run out of time to). */
function assertPhotoAcceptable(report: HazardReport, now: number): void {
  const photo = photoCheckNow(report.photoCheck, now)
  if (photo === 'risky') throw new AppError('CONTENT_REJECTED', '照片未通过微信内容安全检测，不能采纳，请驳回')
  if (photo === 'checking') {
    throw new AppError('INVALID_STATE', '照片正在进行内容安全检测（通常几分钟内完成），请稍后再采纳')
  }
}

/** 随手拍: an approved courier reports a hazard in their community (photo uploaded beforehand). */
export const submitReport: Handler<'points', 'submitReport'> = async ({ ctx, input }) => {
  const courier = admittedCourier(ctx.scope)
  const reports = ctx.store.collection('reports')
  if ((await reports.count({ courierId: courier._id, status: 'pending' })) >= MAX_PENDING_PER_COURIER) {
    throw new AppError('RATE_LIMITED', `你有 ${MAX_PENDING_PER_COURIER} 条随手拍等待审核，请稍后再报`)
  }
  // Checked before anything is written: a risky text stops here, and its photo is not even handed on.
  const textCheck = await checkText(ctx, input.text, 'report')
  const photoCheck = input.photo ? await startPhotoCheck(ctx, input.photo) : undefined
  const report: HazardReport = {
    _id: `rp_${newId()}`,
    courierId: courier._id,
    communityId: courier.communityId,
    category: input.category,
    text: input.text,
    ...(input.location ? { location: input.location } : {}),
    ...(input.photo ? { photo: input.photo } : {}),
    status: 'pending',
    createdAt: ctx.clock.now(),
    ...(textCheck ? { textCheck } : {}),
    ...(photoCheck ? { photoCheck } : {}),
  }
  await reports.insert(report)
  const [view] = await withPhotoUrls(ctx, [viewOf(report, ctx.clock.now(), { staff: false })])
  return { report: view }
}

/** Staff: a community's reports by status (default pending, oldest first); couriers: their own, newest first. */
export const listReports: Handler<'points', 'listReports'> = async ({ ctx, input }) => {
  const reports = ctx.store.collection('reports')
  const limit = input.limit ?? DEFAULT_PAGE
  // Admitted as a courier (no community named, or their own): only their own reports.
  if (ctx.scope.as !== 'staff') {
    const mine = await reports.find(
      {
        courierId: ctx.caller.openid,
        ...(input.status ? { status: input.status } : {}),
        ...(input.before ? { createdAt: { lt: input.before } } : {}),
      },
      { orderBy: [['createdAt', 'desc']], limit },
    )
    const now = ctx.clock.now()
    return {
      reports: await withPhotoUrls(
        ctx,
        mine.map((r) => viewOf(r, now, { staff: false })),
      ),
    }
  }
  const communityId = scopedCommunity(ctx.scope)
  const status = input.status ?? 'pending'
  const found = await reports.find(
    { communityId, status, ...(input.before ? { createdAt: { gt: input.before } } : {}) },
    { orderBy: [['createdAt', 'asc']], limit },
  )
  const ids = [...new Set(found.map((r) => r.courierId))]
  const couriers = ids.length ? await ctx.store.collection('couriers').find({ _id: { in: ids } }, { limit: 1000 }) : []
  const names = new Map(couriers.map((c) => [c._id, maskName(c.name)]))
  const now = ctx.clock.now()
  const views = found.map((r) => viewOf(r, now, { staff: true, maskedName: names.get(r.courierId) ?? '' }))
  return { reports: await withPhotoUrls(ctx, views) }
}

/**
 * A secretary of the report's community accepts it (awarding points once, keyed by the report) or rejects it
 * with a reason. A decided report cannot be decided again. A report whose photo WeChat found risky, or is still
 * checking, cannot be accepted (it can be rejected).
 */
export const reviewReport: Handler<'points', 'reviewReport'> = async ({ ctx, input }) => {
  const found = scopedDoc(ctx.scope, 'reports')
  if (found.courierId === ctx.caller.openid)
    throw new AppError('FORBIDDEN', '不能审核自己的随手拍，请由社区其他工作人员审核')
  const now = ctx.clock.now()
  const points = input.points ?? ctx.config.reportPoints
  const decided = await ctx.store.transaction(async (tx) => {
    const reports = tx.collection('reports')
    const report = await reports.get(found._id)
    if (!report || report.status !== 'pending') throw new AppError('INVALID_STATE', '这条随手拍已经处理过了')
    const review = { reviewedBy: ctx.caller.openid, reviewedAt: now }
    if (input.decision === 'reject') {
      const rejected: HazardReport = { ...report, ...review, status: 'rejected', reason: input.reason }
      await reports.put(rejected)
      return rejected
    }
    assertPhotoAcceptable(report, now)
    // The same rule as attendance: points only for a courier approved right now (read in the transaction).
    if (!mayEarnPoints(await tx.collection('couriers').get(report.courierId)))
      throw new AppError('NOT_APPROVED', MAY_NOT_EARN_MESSAGE)
    await appendEntry(tx, {
      _id: reportAwardId(report._id),
      courierId: report.courierId,
      communityId: report.communityId,
      delta: points,
      kind: 'report',
      ref: report._id,
      title: `随手拍：${report.category}`,
      by: ctx.caller.openid,
      at: now,
    })
    const accepted: HazardReport = {
      ...report,
      ...review,
      status: 'accepted',
      points,
      ...(input.reason ? { reason: input.reason } : {}),
    }
    await reports.put(accepted)
    return accepted
  })
  const [view] = await withPhotoUrls(ctx, [viewOf(decided, ctx.clock.now(), { staff: true })])
  return { report: view }
}
