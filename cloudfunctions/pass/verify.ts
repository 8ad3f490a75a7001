import { withEarlyReads } from '../shared/handler'
import { checkEntry, guardBinding, startCheck, type EarlyCheck } from './entry'

/**
 * A guard scans a courier's 小哥码. The community and gate come from the guard's role binding, never from the
 * request; a guard is limited to a number of checks a minute.
 *
 * Three round trips in sequence: the guard's user record, their rate count and the code's alias (started by the
 * wrapper, see `withEarlyReads`); then the rate count's write, the courier, their entries today and the gate's
 * name; then the log entry.
 */
export const verify = withEarlyReads<'pass', 'verify', EarlyCheck>(
  ({ openid, input, store, clock, config }) => startCheck(store, config.passKeys, input.token, clock.now(), openid),
  ({ ctx, early }) => {
    const at = guardBinding(ctx)
    const gateName = ctx.store
      .collection('gates')
      .get(at.gateId)
      .then(
        (gate) => gate?.name ?? '门岗',
        () => '门岗', // a failed read of a label must not fail (or leave unhandled) the check
      )
    return checkEntry(ctx, early, { ...at, gateName, rateLimit: ctx.config.verifyRateLimitPerMinute })
  },
)
