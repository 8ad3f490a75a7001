import { pickupClaimId } from '../points/domain/keys'
import type { AppStore, Collections } from '../shared/store/collections'
import { MAX_LIMIT } from '../shared/store/port'

/**
 * Where the store holds something about one person (PIPL Art. 45, 47): for every collection, the fields that
 * may hold their OPENID, and how to find those documents. The export reads exactly this, and the erasure
 * (erase.ts) clears or re-keys exactly this; a test checks that every collection is listed and that nothing
 * else in the store names the person.
 *
 * - `subject`: fields naming the person the document is about (a courier's entry record, ledger line, …).
 * - `actor`: fields naming who did something (a secretary who reviewed, a courier who redeemed, a guard who
 *   scanned). About the person too, as their own act.
 * - `idIsOpenid`: the document's id is the OPENID (users, couriers, pointsAccounts), or, for rateLimits, one
 *   of the ids `rateLimitIds` gives.
 * - `linked`: found through the person's other documents (a pickup code through its redemption, a counter
 *   hold through its sign-up or redemption).
 * - `none`: holds no one (places, gates, catalogues, tallies): what it counts stays true without anyone named.
 */
/** The collections by name (the index signature of `Collections` left out). */
export type CollectionName = keyof {
  [K in keyof Collections as string extends K ? never : number extends K ? never : K]: true
}

export type Holding =
  | { subject?: readonly string[]; actor?: readonly string[]; idIsOpenid?: true }
  | { linked: 'redemptionId' | 'record.id' }
  | { none: string }

export const PERSONAL_DATA: { readonly [K in CollectionName]: Holding } = {
  users: { idIsOpenid: true },
  couriers: { idIsOpenid: true },
  pointsAccounts: { idIsOpenid: true },
  rateLimits: { idIsOpenid: true },
  reviewLogs: { subject: ['courierId'], actor: ['by'] },
  accessLogs: { subject: ['courierId'], actor: ['scannedBy'] },
  passAliases: { subject: ['courierId'] },
  signups: { subject: ['courierId'] },
  ledger: { subject: ['courierId'], actor: ['by'] },
  monthlyEarned: { subject: ['courierId'] },
  redemptions: { subject: ['courierId'], actor: ['closedBy'] },
  reports: { subject: ['courierId'], actor: ['reviewedBy'] },
  wishes: { subject: ['courierId'] },
  notices: { subject: ['courierId'] },
  dataReads: { subject: ['courierId'], actor: ['by'] },
  activities: { actor: ['createdBy'] },
  themes: { actor: ['updatedBy'] },
  invitations: { actor: ['createdBy', 'usedBy', 'closedBy'] },
  staff: { subject: ['openid'], actor: ['grantedBy'] },
  staffLogs: { actor: ['by'] },
  pickupCodes: { linked: 'redemptionId' },
  counterHolds: { linked: 'record.id' },
  communities: { none: 'a community’s name and place' },
  stations: { none: 'a place on the map' },
  meals: { none: 'a place on the map' },
  rooms: { none: 'a place on the map' },
  gates: { none: 'a community’s gate' },
  exchangeItems: { none: 'a station’s catalogue' },
  wishTallies: { none: 'how many wish for an item, no one named' },
}

/** The rate-limit counters kept under a person's OPENID (pass/rate-limit.ts: gate checks, 场所码 scans). */
export function rateLimitIds(openid: string): string[] {
  return [openid, `place:${openid}`]
}

export type Records = { [K in CollectionName]?: Array<Collections[K]> }

/** Every document matching `filter`, page by page (a store answers at most MAX_LIMIT at once). */
export async function findAll<K extends CollectionName>(
  store: AppStore,
  name: K,
  filter: Record<string, string>,
): Promise<Array<Collections[K]>> {
  const found: Array<Collections[K]> = []
  for (;;) {
    const page = await store
      .collection(name)
      .find(filter, { orderBy: [['_id', 'asc']], limit: MAX_LIMIT, skip: found.length })
    found.push(...page)
    if (page.length < MAX_LIMIT) return found
  }
}

/** Every document the store holds about `openid`, by collection (collections with none are left out). */
export async function readPersonalData(store: AppStore, openid: string): Promise<Records> {
  const records: Record<string, Array<{ _id: string }>> = {}
  const add = (name: string, docs: Array<{ _id: string }>) => {
    const known = new Set((records[name] ?? []).map((d) => d._id))
    const fresh = docs.filter((d) => !known.has(d._id) && known.add(d._id))
    if (fresh.length > 0) records[name] = [...(records[name] ?? []), ...fresh]
  }
  const direct = Object.entries(PERSONAL_DATA) as Array<[CollectionName, Holding]>
  await Promise.all(
    direct.map(async ([name, holding]) => {
      if ('none' in holding || 'linked' in holding) return
      if (holding.idIsOpenid) {
        const ids = name === 'rateLimits' ? rateLimitIds(openid) : [openid]
        const docs = await Promise.all(ids.map((id) => store.collection(name).get(id)))
        add(
          name,
          docs.filter((d) => d !== null),
        )
      }
      for (const field of [...(holding.subject ?? []), ...(holding.actor ?? [])]) {
        add(name, await findAll(store, name, { [field]: openid }))
      }
    }),
  )
  // Linked documents: a redemption's pickup code claim (by its derived id), the counter holds of sign-ups and
  // redemptions.
  const found = records as Records
  const redemptions = (found.redemptions ?? []).filter((r) => r.courierId === openid)
  const claims = await Promise.all(
    redemptions.map((r) => store.collection('pickupCodes').get(pickupClaimId(r.stationId, r.pickupCode))),
  )
  add(
    'pickupCodes',
    claims.filter((c) => c !== null).filter((c) => redemptions.some((r) => r._id === c.redemptionId)),
  )
  const recordIds = [...redemptions, ...(found.signups ?? [])].map((r) => r._id)
  for (const ids of chunks(recordIds, 100)) {
    add('counterHolds', await store.collection('counterHolds').find({ 'record.id': { in: ids } }, { limit: MAX_LIMIT }))
  }
  return records
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
