import type { MyPhoto } from '../../types'
import type { Handler } from '../shared/handler'
import { myPhotoOf } from './face-photo'

/** Who am I: roles with their communities, and the courier registration if any. Never writes. */
export const me: Handler<'account', 'me'> = async ({ ctx }) => {
  const { caller, store } = ctx
  const courier = await store.collection('couriers').get(caller.openid)
  const communityIds = [
    ...new Set([...caller.roles.map((r) => r.communityId), courier?.communityId].filter((id): id is string => !!id)),
  ]
  // The courier's own photo, as short-lived URLs: minted beside the communities' read.
  // Only where 我的 shows it (a registration waiting or approved): each is a storage call on CloudBase.
  const showsPhoto = courier?.status === 'pending' || courier?.status === 'approved'
  const photo = courier && showsPhoto ? myPhotoOf(ctx, courier).catch(() => ({})) : undefined
  const communities =
    communityIds.length > 0 ? await store.collection('communities').find({ _id: { in: communityIds } }) : []
  const communityName = (id: string | undefined) => communities.find((c) => c._id === id)?.name

  return {
    openid: caller.openid,
    nickname: caller.user?.nickname ?? '访客',
    isNew: caller.user === null && courier === null,
    roles: caller.roles.map((r) => ({ ...r, communityName: communityName(r.communityId) })),
    courier: courier
      ? {
          status: courier.status,
          statusReason: courier.statusReason,
          communityId: courier.communityId,
          communityName: communityName(courier.communityId) ?? '未知社区',
          ...(await shownPhoto(photo)),
        }
      : null,
  }
}

/** The photo part of the answer: left out when there is nothing to show or say. */
async function shownPhoto(photo: Promise<MyPhoto> | undefined): Promise<{ photo?: MyPhoto }> {
  const shown = await photo
  return shown && Object.keys(shown).length > 0 ? { photo: shown } : {}
}
