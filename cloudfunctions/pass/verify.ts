import type { Handler } from '../shared/handler'
import { checkEntry } from './entry'
import { guardCheckpoint } from './offline'

/**
 * A guard scans a courier's 小哥码. The community and gate come from the guard's role binding, never from the
 * request; a guard is limited to a number of checks a minute.
 */
export const verify: Handler<'pass', 'verify'> = async ({ ctx, input }) => {
  const at = guardCheckpoint(ctx)
  return checkEntry(ctx, input.token, { ...at, rateLimit: ctx.config.verifyRateLimitPerMinute })
}
