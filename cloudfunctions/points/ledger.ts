import type { LedgerEntry, PointsAccount } from '../../types'
import type { Collections } from '../shared/store/collections'
import type { Transaction } from '../shared/store/port'
import { chinaMonth } from './domain/activity-rules'
import { monthlyEarnedId } from './domain/keys'

/**
 * Appends one ledger entry and moves the courier's cached balance with it, inside the caller's transaction:
 * the balance always equals the sum of the entries. The entry's id is its uniqueness key; if it exists the
 * change was made before and nothing happens (false). Awards (positive activity/report entries) also count
 * towards the month's 先锋榜.
 */
export async function appendEntry(tx: Transaction<Collections>, entry: LedgerEntry): Promise<boolean> {
  if (await tx.collection('ledger').get(entry._id)) return false
  await appendNewEntry(tx, entry, await tx.collection('pointsAccounts').get(entry.courierId))
  return true
}

/**
 * As `appendEntry`, for an entry whose id is new by construction and an account the caller read in this same
 * transaction: nothing is read again. A repeat of the entry is refused by the ledger's unique id (the store's
 * DUPLICATE), which aborts the transaction.
 */
export async function appendNewEntry(
  tx: Transaction<Collections>,
  entry: LedgerEntry,
  account: PointsAccount | null,
): Promise<void> {
  const ledger = tx.collection('ledger')
  const accounts = tx.collection('pointsAccounts')
  const isAward = entry.kind === 'activity' || entry.kind === 'report'
  const balance = (account?.balance ?? 0) + entry.delta
  if (balance < 0) throw new RangeError(`ledger entry ${entry._id} would take the balance below zero`)
  await ledger.insert(entry)
  await accounts.put({
    _id: entry.courierId,
    balance,
    earned: (account?.earned ?? 0) + (isAward ? entry.delta : 0),
    updatedAt: entry.at,
  })
  if (isAward) {
    const month = chinaMonth(entry.at)
    const id = monthlyEarnedId(month, entry.communityId, entry.courierId)
    const monthly = tx.collection('monthlyEarned')
    const current = await monthly.get(id)
    await monthly.put({
      _id: id,
      month,
      communityId: entry.communityId,
      courierId: entry.courierId,
      points: (current?.points ?? 0) + entry.delta,
      updatedAt: entry.at,
    })
  }
}
