import type { ActionOutput, CourierStatus, MeOutput, MyPhoto, RegisterInput, ReviewDecision } from '../../types'
import { call } from './cloud'

/** Who the caller is: nickname, roles with community names, courier registration if any. */
export function fetchMe(): Promise<MeOutput> {
  return call('account', { action: 'me' })
}

export type CommunityOption = ActionOutput<'account', 'listCommunities'>['communities'][number]
export type ReviewQueuePage = ActionOutput<'account', 'reviewQueue'>

/** Every community a courier may choose as home, or an admin may act for. */
export async function fetchCommunities(): Promise<CommunityOption[]> {
  const { communities } = await call('account', { action: 'listCommunities' })
  return communities
}

/** Submits a courier registration (the page has already checked it against RegisterInput). */
export function registerCourier(input: RegisterInput): Promise<{ status: CourierStatus }> {
  return call('account', { action: 'register', ...input })
}

export interface ReviewQueueQuery {
  communityId: string
  status: CourierStatus
  limit: number
  /** The `createdAt` of the last item already shown (with `photos`: its `photoPendingAt`). */
  before?: number
  /** Only couriers with a replacement photo waiting, oldest first (`status` is then not used). */
  photos?: boolean
}

/** One page of a community's registrations in one status, newest first, with the count of every status. */
export function fetchReviewQueue(query: ReviewQueueQuery): Promise<ReviewQueuePage> {
  return call('account', {
    action: 'reviewQueue',
    communityId: query.communityId,
    ...(query.photos ? { photos: true } : { status: query.status }),
    limit: query.limit,
    ...(query.before === undefined ? {} : { before: query.before }),
  })
}

/** A secretary's decision on a registration; the cloud requires `reason` for reject and suspend. */
export function reviewCourier(
  courierId: string,
  decision: ReviewDecision,
  reason?: string,
): Promise<{ status: CourierStatus }> {
  return call('account', { action: 'review', courierId, decision, ...(reason ? { reason } : {}) })
}

/** The courier sends a new face photo (already uploaded with purpose `face`); answers it with its review state. */
export async function replaceMyPhoto(photo: string): Promise<MyPhoto> {
  return (await call('account', { action: 'replacePhoto', photo })).photo
}

/** A secretary's decision on a courier's replacement photo. */
export function reviewCourierPhoto(courierId: string, decision: 'approve' | 'reject', reason?: string) {
  return call('account', { action: 'reviewPhoto', courierId, decision, ...(reason ? { reason } : {}) })
}
