import type { Handler } from '../shared/handler'
import { checkEntry, guardBinding } from './entry'

/**
 * A guard scans a courier's 小哥码. The community and gate come from the guard's role binding, never from the
 * request; a guard is limited to a number of checks a minute. The gate's name (only a label in the answer) is
 * read alongside the check.
 */
export const verify: Handler<'pass', 'verify'> = async ({ ctx, input }) => {
  const at = guardBinding(ctx)
  const gateName = ctx.store
    .collection('gates')
    .get(at.gateId)
    .then(
      (gate) => gate?.name ?? '门岗',
      () => '门岗', // a failed read of a label must not fail (or leave unhandled) the check
    )
  return checkEntry(ctx, input.token, { ...at, gateName, rateLimit: ctx.config.verifyRateLimitPerMinute })
}
