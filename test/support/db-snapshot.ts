import { INDEXES, type AppStore } from '../../cloudfunctions/shared/store/collections'

/** Every document of every declared collection, sorted: to prove a refused request wrote nothing. */
export async function snapshotDatabase(store: AppStore): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {}
  for (const name of Object.keys(INDEXES).sort()) {
    snapshot[name] = await store.collection(name).find({}, { orderBy: [['_id', 'asc']], limit: 1000 })
  }
  return snapshot
}
