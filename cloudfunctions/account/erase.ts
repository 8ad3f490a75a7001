import { randomBytes } from 'node:crypto'
import type { LedgerEntry } from '../../types'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { hashId } from '../shared/ids'
import type { AppStore } from '../shared/store/collections'
import { pickupClaimId } from '../points/domain/keys'
import { deleteBlockers } from './my-data'
import { findAll, PERSONAL_DATA, rateLimitIds, type CollectionName } from './personal-data'

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
  await rekeyEach(store, 'redemptions', openid, anon)
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
  for (const ref of [courier?.photoUrl, courier?.photoPending]) {
    if (ref) await ctx.photos?.remove(ref)
  }
  await store.collection('users').remove(openid)
  await store.collection('couriers').remove(openid)
}

/**
 * The ledger and balance move together, a batch of lines per transaction: each moves its lines' sum from the
 * old account to the anonymous one, so every account equals its lines after every transaction. A line of a
 * redemption names it by id, which is re-keyed too (rekeyEach), so the line follows.
 */
async function movePoints(store: AppStore, openid: string, anon: string, now: number): Promise<void> {
  for (;;) {
    const lines = (await findAll(store, 'ledger', { courierId: openid })).slice(0, 100)
    await store.transaction(async (tx) => {
      const ledger = tx.collection('ledger')
      const accounts = tx.collection('pointsAccounts')
      let balance = 0
      let earned = 0
      for (const { _id } of lines) {
        const line = await ledger.get(_id)
        if (!line || line.courierId !== openid) continue
        const moved: LedgerEntry = {
          ...line,
          _id: anonymousDocId(line._id, anon),
          courierId: anon,
          by: line.by === openid ? anon : line.by,
          ref: line.kind === 'redeem' || line.kind === 'refund' ? anonymousDocId(line.ref, anon) : line.ref,
        }
        await ledger.insert(moved)
        await ledger.remove(line._id)
        balance += line.delta
        if (line.kind === 'activity' || line.kind === 'report') earned += line.delta
      }
      const from = await accounts.get(openid)
      const to = await accounts.get(anon)
      if (from) {
        const rest = lines.length === 0
        const take = rest ? { balance: from.balance, earned: from.earned } : { balance, earned }
        await accounts.put({
          _id: anon,
          balance: (to?.balance ?? 0) + take.balance,
          earned: (to?.earned ?? 0) + take.earned,
          updatedAt: now,
        })
        if (rest) await accounts.remove(openid)
        else
          await accounts.put({ ...from, balance: from.balance - balance, earned: from.earned - earned, updatedAt: now })
      }
    })
    if (lines.length === 0) return
  }
}

/**
 * Documents whose id was derived from the person's OPENID get a new id from the anonymous one, each in its own
 * transaction with what refers to it: the counter holds of a sign-up or redemption, a redemption's pickup code
 * claim.
 */
async function rekeyEach(
  store: AppStore,
  name: 'signups' | 'redemptions' | 'wishes' | 'monthlyEarned',
  openid: string,
  anon: string,
): Promise<void> {
  const fields = fieldsOf(name)
  for (const { _id } of await findAll(store, name, { courierId: openid })) {
    const holds =
      name === 'signups' || name === 'redemptions'
        ? await store.collection('counterHolds').find({ 'record.id': _id }, { limit: 1000 })
        : []
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
      if (name === 'redemptions') {
        const claimId = pickupClaimId(String(doc.stationId), String(doc.pickupCode))
        await tx.collection('pickupCodes').update(claimId, { set: { redemptionId: id } }, { redemptionId: _id })
      }
    })
  }
}
