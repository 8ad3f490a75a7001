import { AppError } from '../shared/errors'
import type { Handler } from '../shared/handler'
import { checkEntry } from './entry'

/**
 * A guard scans a courier's 小哥码. The community and gate come from the guard's role binding, never from the
 * request; a guard is limited to a number of checks a minute.
 */
export const verify: Handler<'pass', 'verify'> = async ({ ctx, input }) => {
  const binding = ctx.caller.roles.find((r) => r.role === 'guard' && r.communityId && r.gateId)
  if (!binding?.communityId || !binding.gateId) throw new AppError('FORBIDDEN', '你还没有绑定社区门岗，无法核验小哥码')
  const gate = await ctx.store.collection('gates').get(binding.gateId)
  return checkEntry(ctx, input.token, {
    communityId: binding.communityId,
    gateId: binding.gateId,
    gateName: gate?.name ?? '门岗',
    scannedBy: ctx.caller.openid,
    rateLimit: ctx.config.verifyRateLimitPerMinute,
  })
}
