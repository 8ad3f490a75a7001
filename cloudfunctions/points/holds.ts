import { randomBytes } from 'node:crypto'
import { AppError } from '../shared/errors'
import type { AppStore, Collections, CounterHold, CounterRef } from '../shared/store/collections'
import type { Filter, Transaction } from '../shared/store/port'

/**
 * Counters a crash cannot bend (stock of an exchange item, places of an activity).
 *
 * A counter lives on a busy document that every courier touches, so it is moved by a single atomic update,
 * never inside a transaction. What the unit was taken for (a redemption, a sign-up) is written by a second
 * step. To make the pair safe whatever dies when, every move of a counter goes through a **hold**, a small
 * document of its own:
 *
 * - A hold is written before the counter moves. Moving the counter also sets a **mark** `holds.<hold id>` on
 *   the counter's document in the same atomic update, and only if the mark is absent: a counter moves at most
 *   once per hold, and whether it moved can always be read back (a reply lost after the service did the work
 *   is no longer a mystery).
 * - A *take* (one unit out) ends `recorded` — in the same transaction that writes the record, so the unit
 *   belongs to the record exactly when the record exists — or `released`: the unit goes back, by one atomic
 *   update that adds it and clears the mark, guarded by the mark (so at most once).
 * - A *give* (one unit back: a cancellation, a withdrawal) is written in the same transaction that closes the
 *   record, then carried out: unit back with the mark, `given`, mark cleared.
 * - Each hold has a lease. Its request holds it first and settles the hold itself on the way out; if the
 *   request dies, the reconciliation timer (cloudfunctions/reconcile) takes the lease once it has run out and
 *   finishes the same steps. `HOLD_STALE_MS` is longer than any function may run (points: 20 s, reconcile:
 *   30 s, cloudbaserc.json), so one actor at a time works on a hold and each step is idempotent.
 *
 * While a hold is unsettled its unit is simply held: neither sold nor lost, and back within minutes.
 */
export const HOLD_STALE_MS = 120_000
/** How many stale holds one timer run settles (the rest wait for the next minute). */
export const RECONCILE_BATCH = 200

const markOf = (hold: Pick<CounterHold, '_id'>) => `holds.${hold._id}`

/** A new hold, held by the request that writes it; its id is a letter then hex, valid as the mark's field name. */
function newHold(kind: CounterHold['kind'], counter: CounterRef, record: CounterHold['record'], now: number) {
  const hold: CounterHold = {
    _id: `h${randomBytes(10).toString('hex')}`,
    kind,
    counter,
    record,
    state: kind === 'take' ? 'open' : 'owed',
    at: now,
    leaseUntil: now + HOLD_STALE_MS,
  }
  return hold
}

/** Writes a take hold, before its counter moves. */
export async function openTake(store: AppStore, counter: CounterRef, record: CounterHold['record'], now: number) {
  const hold = newHold('take', counter, record, now)
  await store.collection('counterHolds').insert(hold)
  return hold
}

/**
 * Takes the hold's unit if the counter's document meets `guard` (capacity, stock, status). True when taken;
 * false when the guard refused it (nothing moved).
 */
export async function takeUnit(store: AppStore, hold: CounterHold, guard: Filter): Promise<boolean> {
  const { collection, id, field, delta } = hold.counter
  return store
    .collection(collection)
    .update(
      id,
      { inc: { [field]: delta }, set: { [markOf(hold)]: hold.at } },
      { ...guard, [markOf(hold)]: { eq: null } },
    )
}

/**
 * Inside the transaction that writes (or finds) the record: the take is settled with it. `recorded` — the unit
 * belongs to the record written in this transaction; `released` — the record was there already (the same
 * request twice), the unit goes back. A hold that is no longer open (its request was too slow and the timer
 * released it) refuses the transaction.
 */
export async function settleTakeIn(
  tx: Transaction<Collections>,
  hold: CounterHold,
  to: 'recorded' | 'released',
): Promise<void> {
  const holds = tx.collection('counterHolds')
  const current = await holds.get(hold._id)
  if (current?.state !== 'open') throw new AppError('CONFLICT', '处理超时，请重试')
  await holds.update(hold._id, { set: { state: to } })
}

/** Writes a give hold inside the transaction that closes the record (the unit is owed from then on). */
export async function owedIn(
  tx: Transaction<Collections>,
  counter: CounterRef,
  record: CounterHold['record'],
  now: number,
): Promise<CounterHold> {
  const hold = newHold('give', counter, record, now)
  await tx.collection('counterHolds').insert(hold)
  return hold
}

/**
 * Finishes a hold from whatever state it is in, by the steps described above; each step is idempotent, so
 * running this again after a crash at any point completes the same hold once. The caller holds the lease.
 */
export async function settleHold(store: AppStore, hold: CounterHold): Promise<void> {
  const holds = store.collection('counterHolds')
  const { collection, id, field, delta } = hold.counter
  const counters = store.collection(collection)
  let state = hold.state
  if (state === 'open') {
    // Its request is gone without recording: the unit (if it was taken) goes back.
    await holds.update(hold._id, { set: { state: 'released' } }, { state: 'open' })
    const now = await holds.get(hold._id)
    if (!now) return
    state = now.state
  }
  if (state === 'released') {
    await counters.update(id, { inc: { [field]: -delta }, unset: [markOf(hold)] }, { [markOf(hold)]: { gt: 0 } })
  } else if (state === 'owed') {
    await counters.update(
      id,
      { inc: { [field]: -delta }, set: { [markOf(hold)]: hold.at } },
      { [markOf(hold)]: { eq: null } },
    )
    await holds.update(hold._id, { set: { state: 'given' } }, { state: 'owed' })
    await counters.update(id, { unset: [markOf(hold)] }, { [markOf(hold)]: { gt: 0 } })
  } else {
    // recorded or given: the counter is right; only the mark is left to clear (before the hold that names it
    // goes, so that no mark outlives its hold).
    await counters.update(id, { unset: [markOf(hold)] }, { [markOf(hold)]: { gt: 0 } })
  }
  await holds.remove(hold._id)
}

/**
 * Drops a take hold whose counter was refused (the update answered "not modified": nothing moved, no mark).
 * One round trip instead of the settling steps; if it fails, the timer finds an open hold and no mark.
 */
export async function discardRefused(store: AppStore, hold: CounterHold): Promise<void> {
  await store
    .collection('counterHolds')
    .remove(hold._id)
    .catch(() => false)
}

/**
 * Whether a take for `record` is still open: another request for the same record (a double tap, a retry sent
 * while the first was still running) holds a unit and has not recorded it yet. Call it after discarding one's
 * own hold.
 */
export async function takeInFlight(store: AppStore, record: CounterHold['record']): Promise<boolean> {
  const open = await store.collection('counterHolds').find({ 'record.id': record.id, state: 'open' }, { limit: 5 })
  return open.some((hold) => hold.kind === 'take' && hold.record.collection === record.collection)
}

/** Settles the hold if it can; a failure leaves it to the timer (the unit stays held, nothing is lost). */
export async function settleSoon(store: AppStore, hold: CounterHold, as?: CounterHold['state']): Promise<void> {
  await settleHold(store, as ? { ...hold, state: as } : hold).catch((error: unknown) => {
    console.warn(`[holds] ${hold._id} left to the timer:`, error instanceof Error ? error.message : error)
  })
}

/**
 * The reconciliation timer: every hold whose lease ran out (its request died or stopped half-way) is taken
 * over — a guarded renewal of the lease, so two runs never work on one hold — and settled. Answers how many
 * holds were settled and how many are left for the next run.
 */
export async function reconcileHolds(store: AppStore, now: number): Promise<{ settled: number; failed: number }> {
  const holds = store.collection('counterHolds')
  const stale = await holds.find(
    { leaseUntil: { lt: now } },
    { orderBy: [['leaseUntil', 'asc']], limit: RECONCILE_BATCH },
  )
  let settled = 0
  let failed = 0
  for (const hold of stale) {
    try {
      const claimed = await holds.update(
        hold._id,
        { set: { leaseUntil: now + HOLD_STALE_MS } },
        { leaseUntil: hold.leaseUntil },
      )
      if (!claimed) continue
      const current = await holds.get(hold._id)
      if (!current) continue
      await settleHold(store, current)
      settled++
    } catch (error) {
      failed++
      console.error(`[reconcile] hold ${hold._id}:`, error instanceof Error ? error.message : error)
    }
  }
  return { settled, failed }
}
