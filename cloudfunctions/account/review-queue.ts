import { chinaDateText, COURIER_STATUSES, type Courier, type CourierStatus, type DuplicateField } from '../../types'
import type { Context, Handler } from '../shared/handler'
import { hashId } from '../shared/ids'
import { phoneTail } from '../shared/mask'
import { photoUrls } from '../shared/photos'

/**
 * What another registration (of any community, in any status) shares with this one: the phone, or the rider
 * id on the same platform. Counted, not listed: the secretary learns that a duplicate exists, never whose it
 * is, since it may be another community's courier. Two indexed counts per card.
 */
async function duplicatesOf(ctx: Context, courier: Courier): Promise<DuplicateField[]> {
  const couriers = ctx.store.collection('couriers')
  const others = { _id: { ne: courier._id } }
  const [phone, riderId] = await Promise.all([
    couriers.count({ phone: courier.phone, ...others }),
    couriers.count({ platform: courier.platform, riderId: courier.riderId, ...others }),
  ])
  const found: DuplicateField[] = []
  if (phone > 0) found.push('phone')
  if (riderId > 0) found.push('riderId')
  return found
}

/**
 * Logs that the caller read these couriers' review cards (full name, rider id, photo), one document per
 * reader, courier and China-time day: the courier sees who looked on 我的数据 (PIPL Art. 45).
 */
async function logReads(ctx: Context, communityId: string, couriers: Courier[]): Promise<void> {
  const now = ctx.clock.now()
  const day = chinaDateText(now)
  const role = ctx.caller.roles.some((r) => r.role === 'secretary' && r.communityId === communityId)
    ? 'secretary'
    : 'admin'
  const reads = ctx.store.collection('dataReads')
  await Promise.all(
    couriers.map((c) =>
      reads.put({
        _id: hashId('read', ctx.caller.openid, c._id, 'review', day),
        courierId: c._id,
        communityId,
        by: ctx.caller.openid,
        role,
        what: 'review',
        day,
        at: now,
      }),
    ),
  )
}

/**
 * A secretary's list of registrations in their community, newest first, with counts per status; or, with
 * `photos`, the couriers whose replacement photo waits (oldest first). Photos as short-lived URLs: the
 * reviewing staff are among the few who may see them.
 */
export const reviewQueue: Handler<'account', 'reviewQueue'> = async ({ ctx, input }) => {
  const couriers = ctx.store.collection('couriers')
  const status = input.status ?? 'pending'
  const waitingPhoto = { communityId: input.communityId, photoPendingAt: { gt: 0 } }
  const items = input.photos
    ? await couriers.find(
        input.before !== undefined ? { ...waitingPhoto, photoPendingAt: { gt: input.before } } : waitingPhoto,
        { orderBy: [['photoPendingAt', 'asc']], limit: input.limit ?? 20 },
      )
    : await couriers.find(
        {
          communityId: input.communityId,
          status,
          ...(input.before !== undefined ? { createdAt: { lt: input.before } } : {}),
        },
        { orderBy: [['createdAt', 'desc']], limit: input.limit ?? 20 },
      )
  const counts = {} as Record<CourierStatus, number>
  for (const s of COURIER_STATUSES) counts[s] = await couriers.count({ communityId: input.communityId, status: s })
  const photosPending = await couriers.count(waitingPhoto)
  const [duplicates, urls] = await Promise.all([
    Promise.all(items.map((c) => duplicatesOf(ctx, c))),
    photoUrls(
      ctx,
      items.flatMap((c) => [c.photoUrl, c.photoPending]),
    ),
  ])
  await logReads(ctx, input.communityId, items)
  return {
    counts,
    photosPending,
    items: items.map((c, i) => {
      const photoUrl = c.photoUrl ? urls.get(c.photoUrl) : undefined
      const photoPendingUrl = c.photoPending ? urls.get(c.photoPending) : undefined
      return {
        courierId: c._id,
        name: c.name,
        phoneTail: phoneTail(c.phone),
        platform: c.platform,
        riderId: c.riderId,
        status: c.status,
        statusReason: c.statusReason,
        ...(photoUrl ? { photoUrl } : {}),
        ...(photoPendingUrl ? { photoPendingUrl, photoPendingAt: c.photoPendingAt } : {}),
        createdAt: c.createdAt,
        ...(duplicates[i].length > 0 ? { duplicates: duplicates[i] } : {}),
      }
    }),
  }
}
