import { randomBytes } from 'node:crypto'
import type { LedgerEntry } from '../../types'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { hashId } from '../shared/ids'
import type { AppStore, CounterHold } from '../shared/store/collections'
import { pickupClaimId, redeemEntryId, refundEntryId } from '../points/domain/keys'
import { deleteBlockers } from './my-data'
import { chunks, findAll, PERSONAL_DATA, rateLimitIds, type CollectionName } from './personal-data'

/**
 * Deleting an account (PIPL Art. 47). Personal data goes at once: the registration, the account, the photo,
 * the day aliases, notices and counters. What other people's balances and audits rest on stays, under a random
 * anonymous id that nothing links back to the person once their registration is gone: ledger lines and the
 * balance they add up to, sign-ups (an activity's places), redemptions (a station's stock), reports, review
 * decisions and entry records.
 *
 * Crash-safe and resumable: the first step marks the registration `erasingAs` (from then on no code is issued
 * or let in, and no point can be earned: pass/entry.ts, shared/scope.ts, points/domain/award-rules.ts); every
 * later step is idempotent and moves documents one transaction at a time so each keeps its invariant (a
 * balance always equals its ledger lines, a counter its records); asking again finishes a deletion a crash cut
 * short. The registration itself goes last, so until then a retry finds the same anonymous id.
 */
export const deleteMyAccount: Handler<'account', 'deleteMyAccount'> = async ({ ctx }) => {
  const { store, caller } = ctx
  const openid = caller.openid
  const courier = await store.collection('couriers').get(openid)
  let anon = courier?.erasingAs
  if (!anon) {
    const blockers = await deleteBlockers(store, openid, ctx.clock.now())
    if (blockers.length > 0) throw new AppError('INVALID_STATE', blockers.join('；'))
    anon = await startErasing(store, openid, ctx.clock.now())
  }
  await eraseAs(ctx, openid, anon)
  return { deleted: true as const }
}

/** Marks the registration (when there is one) as being deleted, with the anonymous id its history will carry. */
async function startErasing(store: AppStore, openid: string, now: number): Promise<string> {
  const fresh = `anon_${randomBytes(12).toString('base64url')}`
  return store.transaction(async (tx) => {
    const courier = await tx.collection('couriers').get(openid)
    if (!courier) return fresh
    if (courier.erasingAs) return courier.erasingAs
    await tx.collection('couriers').update(openid, { set: { erasingAs: fresh, updatedAt: now } })
    return fresh
  })
}

/** The id a re-keyed document takes: derived from its old id and the anonymous id, so a retry finds it again. */
export function anonymousDocId(oldId: string, anon: string): string {
  return `x_${hashId('erased', oldId, anon)}`
}

type Field = Record<string, unknown>

/** The fields of `doc` that name `openid`, set to `anon`. */
function renamed<T extends object>(doc: T, fields: readonly string[], openid: string, anon: string): Partial<T> {
  const change: Field = {}
  for (const field of fields) if ((doc as Field)[field] === openid) change[field] = anon
  return change as Partial<T>
}

function fieldsOf(name: CollectionName): string[] {
  const holding = PERSONAL_DATA[name]
  return 'subject' in holding || 'actor' in holding ? [...(holding.subject ?? []), ...(holding.actor ?? [])] : []
}

async function eraseAs(ctx: Context, openid: string, anon: string): Promise<void> {
  const { store } = ctx
  const now = ctx.clock.now()
  await movePoints(store, openid, anon, now)
  await rekeyEach(store, 'signups', openid, anon)
  await rekeyEach(store, 'wishes', openid, anon)
  await rekeyEach(store, 'monthlyEarned', openid, anon)

  // Gone: what only served the person (day aliases, notices, rate-limit counters).
  await store.collection('passAliases').removeWhere({ courierId: openid })
  await store.collection('notices').removeWhere({ courierId: openid })
  for (const id of rateLimitIds(openid)) await store.collection('rateLimits').remove(id)

  // Kept anonymously: every other document naming the person, as its subject or as who acted.
  for (const name of Object.keys(PERSONAL_DATA) as Array<CollectionName>) {
    const fields = fieldsOf(name)
    for (const field of fields) {
      for (const doc of await findAll(store, name, { [field]: openid })) {
        await store.collection(name).update(doc._id, { set: renamed(doc, fields, openid, anon) })
      }
    }
  }

  const courier = await store.collection('couriers').get(openid)
  const photos = [courier?.photoUrl, courier?.photoPending].filter((ref): ref is string => !!ref)
  if (photos.length > 0) await ctx.photos?.remove(photos)
  ctx.notifier?.forget?.(openid)
  await store.collection('users').remove(openid)
  await store.collection('couriers').remove(openid)
}

/**
 * A ledger line under the anonymous id. A redemption's lines are named after it (`<redemption>_out`, `_back`),
 * and the redemption is re-keyed too (rekeyEach), so its lines take the names of its new id.
 */
function anonymousLine(line: LedgerEntry, openid: string, anon: string): LedgerEntry {
  const by = line.by === openid ? anon : line.by
  if (line.kind === 'redeem' || line.kind === 'refund') {
    const ref = anonymousDocId(line.ref, anon)
    return { ...line, _id: line.kind === 'redeem' ? redeemEntryId(ref) : refundEntryId(ref), courierId: anon, by, ref }
  }
  return { ...line, _id: anonymousDocId(line._id, anon), courierId: anon, by }
}

/**
 * The balance, its ledger lines and the redemptions they name move in one transaction, so that after every
 * transaction each account equals its lines, each redemption has its lines and its pickup code, and no balance
 * is below zero (moving them in batches would leave one side negative half-way: the awards and the spending
 * need not land in the same batch). A courier has a few lines per week of activity; a transaction holds them
 * comfortably. A line added meanwhile (a refund racing the deletion) is moved by the next round.
 */
async function movePoints(store: AppStore, openid: string, anon: string, now: number): Promise<void> {
  const fields = fieldsOf('redemptions')
  for (;;) {
    const [lines, redemptions] = await Promise.all([
      findAll(store, 'ledger', { courierId: openid }),
      findAll(store, 'redemptions', { courierId: openid }),
    ])
    const holds = await holdsOf(
      store,
      redemptions.map((r) => r._id),
    )
    const moved = await store.transaction(async (tx) => {
      const ledger = tx.collection('ledger')
      const accounts = tx.collection('pointsAccounts')
      const sums = { balance: 0, earned: 0 }
      for (const { _id } of lines) {
        const line = await ledger.get(_id)
        if (!line || line.courierId !== openid) continue
        await ledger.insert(anonymousLine(line, openid, anon))
        await ledger.remove(line._id)
        sums.balance += line.delta
        if (line.kind === 'activity' || line.kind === 'report') sums.earned += line.delta
      }
      for (const { _id } of redemptions) {
        const redemption = await tx.collection('redemptions').get(_id)
        if (!redemption || redemption.courierId !== openid) continue
        const id = anonymousDocId(_id, anon)
        await tx
          .collection('redemptions')
          .insert({ ...redemption, ...renamed(redemption, fields, openid, anon), _id: id })
        await tx.collection('redemptions').remove(_id)
        for (const hold of holds.filter((h) => h.record.id === _id)) {
          await tx.collection('counterHolds').update(hold._id, { set: { 'record.id': id } }, { 'record.id': _id })
        }
        const claimId = pickupClaimId(redemption.stationId, redemption.pickupCode)
        await tx.collection('pickupCodes').update(claimId, { set: { redemptionId: id } }, { redemptionId: _id })
      }
      const from = await accounts.get(openid)
      if (!from && lines.length === 0 && redemptions.length === 0) return false
      // The old account holds the sum of every line still under the OPENID: all of it moves, or (when an
      // earlier round moved it already) what the lines moved now add up to.
      const take = from ?? sums
      const to = await accounts.get(anon)
      if (from || lines.length > 0) {
        await accounts.put({
          _id: anon,
          balance: (to?.balance ?? 0) + take.balance,
          earned: (to?.earned ?? 0) + take.earned,
          updatedAt: now,
        })
      }
      if (from) await accounts.remove(openid)
      return true
    })
    if (!moved) return
  }
}

/** The counter holds (points/holds.ts) of these sign-ups or redemptions. */
async function holdsOf(store: AppStore, recordIds: string[]): Promise<CounterHold[]> {
  const found: CounterHold[] = []
  for (const ids of chunks(recordIds, 100)) {
    found.push(...(await store.collection('counterHolds').find({ 'record.id': { in: ids } }, { limit: 1000 })))
  }
  return found
}

/**
 * Documents whose id was derived from the person's OPENID get a new id from the anonymous one, each in its own
 * transaction with what refers to it (a sign-up's counter holds, so its activity's places still add up).
 */
async function rekeyEach(
  store: AppStore,
  name: 'signups' | 'wishes' | 'monthlyEarned',
  openid: string,
  anon: string,
): Promise<void> {
  const fields = fieldsOf(name)
  for (const { _id } of await findAll(store, name, { courierId: openid })) {
    const holds = name === 'signups' ? await holdsOf(store, [_id]) : []
    await store.transaction(async (tx) => {
      const docs = tx.collection(name) as unknown as {
        get(id: string): Promise<(Field & { _id: string }) | null>
        insert(doc: Field & { _id: string }): Promise<void>
        remove(id: string): Promise<boolean>
      }
      const doc = await docs.get(_id)
      if (!doc || doc.courierId !== openid) return
      const id = anonymousDocId(_id, anon)
      await docs.insert({ ...doc, ...renamed(doc, fields, openid, anon), _id: id })
      await docs.remove(_id)
      for (const hold of holds) {
        await tx.collection('counterHolds').update(hold._id, { set: { 'record.id': id } }, { 'record.id': _id })
      }
    })
  }
}
