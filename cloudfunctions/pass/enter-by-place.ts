import { PASS_REFUSALS, sceneKeyIn, type Gate, type PassRefusal } from '../../types'
import { AppError } from '../shared/errors'
import type { Handler } from '../shared/handler'
import { dayColor } from './domain/day-color'
import { maskName } from '../shared/mask'
import { checkPlaceCode } from './domain/place-code'
import { accessLogEntry, courierEntryCode } from './entry'
import { requireKeys } from './keys'

/**
 * A courier scans a gate's 场所码 (a gate without a guard app): the signed plain-QR code is checked (format,
 * kid, signature), or the scene of the gate's 小程序码 is looked up by its key. Then the courier's own record
 * (identity from the platform, never the body); the check is logged against the gate exactly like a guard's
 * scan, with `scannedBy: null`. The answer is a live pass the courier shows: community, gate, time, and the
 * day's border colour.
 *
 * A code that fails its own check (or an unknown scene) names no trustworthy gate, so it is refused without
 * a log entry (there is no community to log it against).
 */
export const enterByPlace: Handler<'pass', 'enterByPlace'> = async ({ ctx, input }) => {
  const keys = requireKeys(ctx)
  const now = ctx.clock.now()
  const color = dayColor(now)
  const courier = await ctx.store.collection('couriers').get(ctx.caller.openid)
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

  const text = input.placeCode.trim()
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
  const community = await ctx.store.collection('communities').get(gate.communityId)

  const code = courierEntryCode(courier)
  const allowed = code === 'OK'
  await ctx.store
    .collection('accessLogs')
    .insert(
      accessLogEntry(
        { communityId: gate.communityId, gateId: gate._id, scannedBy: null },
        { courierId: courier?._id ?? null, allowed, code, suspectedShared: false, destination: input.destination },
        now,
      ),
    )
  return {
    allowed,
    ...(code === 'OK' ? {} : { code, message: PASS_REFUSALS[code] }),
    communityName: community?.name ?? '',
    gateName: gate.name,
    enteredAt: now,
    maskedName,
    dayColor: color,
  }
}
