import type { CourierStatus, ReviewDecision } from '../../../types'

/** Which decision moves a registration from which status to which. Anything else is refused. */
const TRANSITIONS: Record<ReviewDecision, { from: readonly CourierStatus[]; to: CourierStatus; needsReason: boolean }> =
  {
    approve: { from: ['pending', 'rejected'], to: 'approved', needsReason: false },
    reject: { from: ['pending'], to: 'rejected', needsReason: true },
    suspend: { from: ['approved'], to: 'suspended', needsReason: true },
    reinstate: { from: ['suspended'], to: 'approved', needsReason: false },
  }

export type TransitionResult = { ok: true; to: CourierStatus } | { ok: false; message: string }

export function transition(
  from: CourierStatus,
  decision: ReviewDecision,
  reason: string | undefined,
): TransitionResult {
  const rule = TRANSITIONS[decision]
  if (!rule.from.includes(from)) return { ok: false, message: '该小哥当前状态下不能进行此操作，请刷新后重试' }
  if (rule.needsReason && !reason) return { ok: false, message: '驳回或暂停时请填写原因，小哥会看到它' }
  return { ok: true, to: rule.to }
}
