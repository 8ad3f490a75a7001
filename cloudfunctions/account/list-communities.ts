import type { Handler } from '../shared/handler'

/** Communities a courier can pick as home when registering. */
export const listCommunities: Handler<'account', 'listCommunities'> = async ({ ctx }) => {
  const all = await ctx.store.collection('communities').find({}, { orderBy: [['_id', 'asc']], limit: 1000 })
  return {
    communities: all.map((c) => ({ id: c._id, name: c.name, street: c.street, district: c.district, city: c.city })),
  }
}
