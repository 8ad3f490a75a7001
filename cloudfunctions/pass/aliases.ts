import { chinaDateText, type Courier } from '../../types'
import { AppError } from '../shared/errors'
import type { AppStore } from '../shared/store/collections'
import { StoreError } from '../shared/store/port'
import { MAX_ALIAS_ATTEMPTS, dayAlias } from './domain/alias'

/** How long an alias can still be looked up after its day: late offline uploads, then the purge removes it. */
export const ALIAS_KEEP_DAYS = 3

/**
 * The courier's alias for the China-time day of `at`, recorded so that verifiers (which hold no key) can find the
 * courier from it: `passAliases/<alias>` → courier. The same courier and day always give the same alias.
 */
export async function ensureAlias(store: AppStore, aliasKey: Buffer, courier: Courier, at: number): Promise<string> {
  if (!courier.passId) throw new AppError('NOT_APPROVED', '你的小哥认证尚未通过审核，暂时无法出示小哥码')
  const day = chinaDateText(at)
  const aliases = store.collection('passAliases')
  for (let attempt = 0; attempt < MAX_ALIAS_ATTEMPTS; attempt++) {
    const alias = dayAlias(aliasKey, courier.passId, day, attempt)
    const known = await aliases.get(alias)
    if (known?.courierId === courier._id) return alias
    if (known) continue // another courier's alias that day: take the next attempt
    try {
      await aliases.insert({ _id: alias, courierId: courier._id, day, at })
      return alias
    } catch (error) {
      if (!(error instanceof StoreError && error.kind === 'DUPLICATE')) throw error
      if ((await aliases.get(alias))?.courierId === courier._id) return alias
    }
  }
  throw new AppError('INTERNAL')
}

/** The record of an alias, if it is an alias of the day its code was issued on. */
export async function aliasRecord(store: AppStore, alias: string, issuedAtMs: number) {
  const known = await store.collection('passAliases').get(alias)
  return known && known.day === chinaDateText(issuedAtMs) ? known : null
}

/** The courier an alias names, if it is an alias of the day its code was issued on. */
export async function courierByAlias(store: AppStore, alias: string, issuedAtMs: number): Promise<Courier | null> {
  const known = await aliasRecord(store, alias, issuedAtMs)
  return known ? store.collection('couriers').get(known.courierId) : null
}
