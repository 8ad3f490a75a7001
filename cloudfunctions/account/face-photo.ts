import type { Courier, MyPhoto } from '../../types'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { photoUrls } from '../shared/photos'
import { admittedCourier, scopedDoc } from '../shared/scope'

/** The courier's own photo and its review state, with short-lived URLs (for 我的 and replacePhoto's answer). */
export async function myPhotoOf(ctx: Pick<Context, 'photos'>, courier: Courier): Promise<MyPhoto> {
  const urls = await photoUrls(ctx, [courier.photoUrl, courier.photoPending])
  const url = courier.photoUrl ? urls.get(courier.photoUrl) : undefined
  const pendingUrl = courier.photoPending ? urls.get(courier.photoPending) : undefined
  return {
    ...(url ? { url } : {}),
    ...(pendingUrl ? { pendingUrl } : {}),
    ...(courier.photoRejectedAt !== undefined
      ? {
          rejected: {
            at: courier.photoRejectedAt,
            ...(courier.photoRejectedReason ? { reason: courier.photoRejectedReason } : {}),
          },
        }
      : {}),
  }
}

/**
 * A courier replaces their face photo. While the registration itself waits for review the new photo simply
 * takes the old one's place (the secretary reviews them together); once approved it waits in `photoPending`
 * for a secretary, and the green card keeps the approved photo meanwhile. A second replacement before the
 * first is decided takes its place. Photos no longer referred to are deleted from storage.
 */
export const replacePhoto: Handler<'account', 'replacePhoto'> = async ({ ctx, input }) => {
  const courier = admittedCourier(ctx.scope)
  const now = ctx.clock.now()
  const direct = courier.status === 'pending'
  const set: Record<string, unknown> = direct
    ? { photoUrl: input.photo, updatedAt: now }
    : { photoPending: input.photo, photoPendingAt: now, updatedAt: now }
  const unset = ['photoRejectedAt', 'photoRejectedReason', ...(direct ? ['photoPending', 'photoPendingAt'] : [])]
  // Only if the record is still as admitted: a review decided meanwhile is not overwritten.
  const guard = { status: courier.status, updatedAt: courier.updatedAt }
  if (!(await ctx.store.collection('couriers').update(courier._id, { set, unset }, guard))) {
    throw new AppError('CONFLICT')
  }
  const replaced = direct ? courier.photoUrl : courier.photoPending
  if (replaced && replaced !== input.photo) await ctx.photos?.remove([replaced]).catch(() => undefined)
  const next: Courier = { ...courier, ...set }
  for (const field of unset) delete (next as unknown as Record<string, unknown>)[field]
  return { photo: await myPhotoOf(ctx, next) }
}

/**
 * A secretary's decision on a replacement photo: approved, it becomes the photo the green card shows (and the
 * old one is deleted); rejected, the courier sees why and the old photo stays. Only a photo still waiting, and
 * never one's own.
 */
export const reviewPhoto: Handler<'account', 'reviewPhoto'> = async ({ ctx, input }) => {
  const courier = scopedDoc(ctx.scope, 'couriers')
  if (courier._id === ctx.caller.openid) throw new AppError('FORBIDDEN', '不能审核自己的照片，请由社区其他工作人员审核')
  const pending = courier.photoPending
  if (!pending) throw new AppError('INVALID_STATE', '这位小哥没有待审核的新照片')
  const now = ctx.clock.now()
  const approve = input.decision === 'approve'
  const set: Record<string, unknown> = approve
    ? { photoUrl: pending, updatedAt: now }
    : { photoRejectedAt: now, updatedAt: now, ...(input.reason ? { photoRejectedReason: input.reason } : {}) }
  const unset = ['photoPending', 'photoPendingAt']
  if (approve) unset.push('photoRejectedAt', 'photoRejectedReason')
  else if (!input.reason) unset.push('photoRejectedReason')
  // Only the photo that was shown to the reviewer: a newer replacement waits for its own decision.
  if (!(await ctx.store.collection('couriers').update(courier._id, { set, unset }, { photoPending: pending }))) {
    throw new AppError('CONFLICT', '这位小哥刚刚又换了照片，请刷新后重新审核')
  }
  const gone = approve ? courier.photoUrl : pending
  if (gone) await ctx.photos?.remove([gone]).catch(() => undefined)
  return { decision: input.decision }
}
