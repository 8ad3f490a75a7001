import { PASS_REFUSALS, sceneKeyIn, type Gate, type PassRefusal } from '../../types'
import { AppError } from '../shared/errors'
import type { Handler } from '../shared/handler'
import { dayColor } from './domain/day-color'
import { maskName } from '../shared/mask'
import { checkPlaceCode } from './domain/place-code'
import { accessLogEntry, courierEntryCode } from './entry'
import { requireKeys } from './keys'
import { countAgainstRateLimit } from './rate-limit'

/** 场所码 scans one courier may make in any minute: far more than entering and leaving ever needs. */
export const PLACE_SCANS_PER_MINUTE = 10
/** A scan of the same gate within this long after an entry is that entry again, not a new one. */
export const REENTRY_WINDOW_MS = 2 * 60_000

/**
 * A courier scans a gate's 场所码 (a gate without a guard app): the signed plain-QR code is checked (format,
 * kid, signature), or the scene of the gate's 小程序码 is looked up by its key. Then the courier's own record
 * (identity from the platform, never the body); the check is logged against the gate exactly like a guard's
 * scan, with `scannedBy: null`. The answer is a live pass the courier shows: community, gate, time, and the
 * day's border colour. A courier is limited to a few scans a minute, and scanning the same gate again within two
 * minutes shows the entry already made instead of counting another.
 *
 * A code that fails its own check (or an unknown scene) names no trustworthy gate, so it is refused without
 * a log entry (there is no community to log it against).
 */
export const enterByPlace: Handler<'pass', 'enterByPlace'> = async ({ ctx, input }) => {
  const keys = requireKeys(ctx)
  const now = ctx.clock.now()
  const color = dayColor(now)
  // the caller's own record, read by the policy (it admits a courier role with no record; refused below)
  const courier = ctx.scope.courier
  const maskedName = courier ? maskName(courier.name) : ''

  const refused = (code: PassRefusal, message: string) => ({
    allowed: false,
    code,
    message,
    communityName: '',
    gateName: '',
    enteredAt: now,
    maskedName,
    dayColor: color,
  })

  const text = input.placeCode // trimmed by the contract, like every scanned code
  const sceneKey = sceneKeyIn(text)
  let gate: Gate | null | undefined
  if (sceneKey) {
    ;[gate] = await ctx.store.collection('gates').find({ sceneKey }, { limit: 1 })
    if (!gate) return refused('PASS_MALFORMED', '这个小程序码已失效，请扫门口最新张贴的场所码')
  } else {
    const place = checkPlaceCode(keys, text)
    if (!place.ok) {
      const message =
        place.code === 'PASS_MALFORMED' ? '这不是有效的场所码' : PASS_REFUSALS[place.code].replace('小哥码', '场所码')
      return refused(place.code, message)
    }
    gate = await ctx.store.collection('gates').get(place.gateId)
    if (!gate) throw new AppError('NOT_FOUND', '这个场所码对应的门岗已不存在')
  }
  // One courier cannot flood a community's access log: every scan that names a real gate (and so could write an
  // entry) counts; a code that names none writes nothing and is not counted.
  await countAgainstRateLimit(
    ctx.store,
    {
      key: `place:${ctx.caller.openid}`,
      limit: PLACE_SCANS_PER_MINUTE,
      message: (wait) => `扫码过于频繁（每分钟最多 ${PLACE_SCANS_PER_MINUTE} 次），请 ${wait} 秒后再试`,
    },
    now,
  )
  const community = await ctx.store.collection('communities').get(gate.communityId)

  const code = courierEntryCode(courier)
  const allowed = code === 'OK'
  const entered = { communityName: community?.name ?? '', gateName: gate.name, maskedName, dayColor: color }
  if (allowed && courier) {
    // The same courier at the same gate a moment ago: the same entry scanned again, shown and not counted twice.
    const recent = await ctx.store
      .collection('accessLogs')
      .find(
        { communityId: gate.communityId, courierId: courier._id, allowed: true, at: { gt: now - REENTRY_WINDOW_MS } },
        { orderBy: [['at', 'desc']], limit: 20 },
      )
    const same = recent.find((entry) => entry.gateId === gate._id && entry.scannedBy === null)
    if (same) return { allowed: true, ...entered, enteredAt: same.at, alreadyEntered: true }
  }
  await ctx.store.collection('accessLogs').insert(
    accessLogEntry(
      { communityId: gate.communityId, gateId: gate._id, scannedBy: null },
      {
        // without the entry-record consent (or while erased) the scan is logged without naming the courier
        courierId: courier && code !== 'COURIER_NO_CONSENT' && code !== 'COURIER_UNKNOWN' ? courier._id : null,
        allowed,
        code,
        suspectedShared: false,
        destination: input.destination,
      },
      now,
    ),
  )
  return {
    allowed,
    ...(code === 'OK' ? {} : { code, message: PASS_REFUSALS[code] }),
    ...entered,
    enteredAt: now,
  }
}
