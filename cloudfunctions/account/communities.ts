import { randomBytes } from 'node:crypto'
import { STAFF_ROLES, type Community, type CommunityView, type StaffRole } from '../../types'
import { AppError } from '../shared/errors'
import type { Handler } from '../shared/handler'

const MAX_COMMUNITIES = 1000

export const communityView = (c: Community): CommunityView => ({
  id: c._id,
  name: c.name,
  street: c.street,
  district: c.district,
  city: c.city,
  location: c.location,
})

/** The communities the caller works for, with their roles there; an admin works for every one. */
export const myCommunities: Handler<'account', 'myCommunities'> = async ({ ctx }) => {
  const { roles } = ctx.caller
  const isAdmin = roles.some((r) => r.role === 'admin')
  const staffRoles = (communityId: string): StaffRole[] =>
    STAFF_ROLES.filter((role) => roles.some((r) => r.role === role && r.communityId === communityId))
  const ids = [...new Set(roles.map((r) => r.communityId).filter((id): id is string => !!id))]
  const communities = isAdmin
    ? await ctx.store.collection('communities').find({}, { orderBy: [['_id', 'asc']], limit: MAX_COMMUNITIES })
    : ids.length > 0
      ? await ctx.store.collection('communities').find({ _id: { in: ids } }, { limit: MAX_COMMUNITIES })
      : []
  return {
    isAdmin,
    communities: communities
      .map((c) => ({ ...communityView(c), roles: staffRoles(c._id) }))
      .filter((c) => isAdmin || c.roles.length > 0)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  }
}

/** Creates (no communityId) or edits a community: admins only (policy). */
export const saveCommunity: Handler<'account', 'saveCommunity'> = async ({ ctx, input }) => {
  const communities = ctx.store.collection('communities')
  const fields = {
    name: input.name,
    street: input.street,
    district: input.district,
    city: input.city,
    location: input.location,
  }
  if (input.communityId) {
    const current = await communities.get(input.communityId)
    if (!current) throw new AppError('NOT_FOUND', '没有这个社区')
    await communities.update(current._id, { set: fields })
    return { community: communityView({ ...current, ...fields }) }
  }
  if ((await communities.count()) >= MAX_COMMUNITIES) {
    throw new AppError('INVALID_STATE', `最多 ${MAX_COMMUNITIES} 个社区`)
  }
  const community: Community = { _id: `c-${randomBytes(9).toString('base64url')}`, ...fields }
  await communities.insert(community)
  return { community: communityView(community) }
}
