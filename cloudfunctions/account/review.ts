import { randomBytes } from 'node:crypto'
import { AppError } from '../shared/errors'
import type { Handler } from '../shared/handler'
import { newId } from '../shared/ids'
import { reviewNotice } from '../shared/notice-messages'
import { notify } from '../shared/notify'
import { scopedDoc } from '../shared/scope'
import type { AppStore } from '../shared/store/collections'
import { transition } from './domain/review-rules'

/** A fresh 6-byte pass id no other courier has: tokens carry it instead of the OPENID. */
async function uniquePassId(store: AppStore): Promise<string> {
  for (;;) {
    const candidate = randomBytes(6).toString('base64url')
    if ((await store.collection('couriers').count({ passId: candidate })) === 0) return candidate
  }
}

/**
 * A secretary's decision on a registration. The status only moves if it is still the one the decision was
 * made on, and every decision is logged in the same transaction with who and when. Suspending takes effect at the
 * very next gate check: verification reads the current status.
 */
export const review: Handler<'account', 'review'> = async ({ ctx, input }) => {
  const { store, caller, clock } = ctx
  const courier = scopedDoc(ctx.scope, 'couriers')
  if (courier._id === caller.openid) throw new AppError('FORBIDDEN', '不能审核自己的注册，请由社区其他工作人员审核')
  const step = transition(courier.status, input.decision, input.reason)
  if (!step.ok) throw new AppError('INVALID_STATE', step.message)

  const now = clock.now()
  const set: Record<string, unknown> = { status: step.to, updatedAt: now }
  if (input.reason) set.statusReason = input.reason
  if (step.to === 'approved') {
    set.approvedAt = courier.approvedAt ?? now
    if (!courier.passId) set.passId = await uniquePassId(store)
  }
  // The status and its log in one transaction: a decision is never made without its log, nor logged twice.
  await store.transaction(async (tx) => {
    const couriers = tx.collection('couriers')
    if ((await couriers.get(courier._id))?.status !== courier.status) throw new AppError('CONFLICT')
    await couriers.update(courier._id, { set, unset: input.reason ? [] : ['statusReason'] })
    await tx.collection('reviewLogs').insert({
      _id: newId(),
      courierId: courier._id,
      communityId: courier.communityId,
      decision: input.decision,
      ...(input.reason ? { reason: input.reason } : {}),
      from: courier.status,
      to: step.to,
      by: caller.openid,
      at: now,
    })
  })
  // Committed: the courier hears the decision in WeChat too (if they subscribed). A suspension is not a
  // registration decision and is told in person; the home page shows every status anyway.
  if (step.to === 'approved' || step.to === 'rejected') {
    await notify(ctx, reviewNotice(courier._id, { approved: step.to === 'approved', reason: input.reason, at: now }))
  }
  return { status: step.to }
}
