import type { AppStore } from '../cloudfunctions/shared/store/collections'
import {
  SEED_COMMUNITIES,
  SEED_COURIERS,
  SEED_GATES,
  SEED_MEALS,
  SEED_ROOMS,
  SEED_STAFF,
  SEED_STATIONS,
  SEED_USERS,
} from './seed-data'
import { seedPoints } from './seed-points'
import { seedThemes } from './seed-themes'

/**
 * Seeds the demo data once: a database that already has communities is left alone, so whatever people
 * changed survives a restart. Returns whether it seeded.
 */
export async function seedIfEmpty(store: AppStore, now = Date.now()): Promise<boolean> {
  if ((await store.collection('communities').count()) > 0) return false
  const points = seedPoints(now)
  const batches = [
    ['communities', SEED_COMMUNITIES],
    ['stations', SEED_STATIONS],
    ['meals', SEED_MEALS],
    ['rooms', SEED_ROOMS],
    ['users', SEED_USERS],
    ['staff', SEED_STAFF],
    ['couriers', SEED_COURIERS],
    ['gates', SEED_GATES],
    ['activities', points.activities],
    ['signups', points.signups],
    ['ledger', points.ledger],
    ['pointsAccounts', points.accounts],
    ['monthlyEarned', points.monthly],
    ['exchangeItems', points.items],
    ['themes', seedThemes(now)],
  ] as const
  // One transaction: a seed interrupted half-way leaves nothing behind, and the next start seeds again.
  await store.transaction(async (tx) => {
    for (const [name, docs] of batches) {
      for (const doc of docs) await tx.collection(name).put(doc)
    }
  })
  return true
}
