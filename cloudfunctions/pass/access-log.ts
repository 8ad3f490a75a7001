import { chinaStartOfDay, entryVerdictText } from '../../types'
import { AppError } from '../shared/errors'
import type { Handler } from '../shared/handler'
import { maskName } from '../shared/mask'

const DAY_MS = 86_400_000

/** A community's gate checks for one China-time day, newest first, with today's counts. Names are masked. */
export const accessLog: Handler<'pass', 'accessLog'> = async ({ ctx, input }) => {
  const logs = ctx.store.collection('accessLogs')
  const now = ctx.clock.now()
  const start = input.day ? Date.parse(`${input.day}T00:00:00+08:00`) : chinaStartOfDay(now)
  if (Number.isNaN(start)) throw new AppError('BAD_REQUEST', '请求格式不正确：日期无效')
  const end = input.before !== undefined ? Math.min(input.before, start + DAY_MS) : start + DAY_MS

  const entries = await logs.find(
    {
      communityId: input.communityId,
      at: { gte: start, lt: end },
      ...(input.allowed !== undefined ? { allowed: input.allowed } : {}),
    },
    { orderBy: [['at', 'desc']], limit: input.limit ?? 30 },
  )
  const courierIds = [...new Set(entries.map((e) => e.courierId).filter((id): id is string => id !== null))]
  const couriers = courierIds.length ? await ctx.store.collection('couriers').find({ _id: { in: courierIds } }) : []
  const gates = await ctx.store.collection('gates').find({ communityId: input.communityId })
  const today = chinaStartOfDay(now)
  const todayFilter = { communityId: input.communityId, at: { gte: today } }

  return {
    entries: entries.map((e) => {
      const courier = couriers.find((c) => c._id === e.courierId)
      return {
        id: e._id,
        at: e.at,
        gateName: gates.find((g) => g._id === e.gateId)?.name ?? '已删除的门岗',
        allowed: e.allowed,
        code: e.code,
        reason: entryVerdictText(e.code),
        maskedName: courier ? maskName(courier.name) : null,
        suspectedShared: e.suspectedShared,
        viaPlaceCode: e.scannedBy === null,
        offline: e.offline === true,
        lateRefusal: e.lateRefusal === true,
      }
    }),
    today: {
      allowed: await logs.count({ ...todayFilter, allowed: true }),
      refused: await logs.count({ ...todayFilter, allowed: false }),
      suspectedShared: await logs.count({ ...todayFilter, suspectedShared: true }),
    },
  }
}
