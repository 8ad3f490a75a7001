import { createHmac, hkdfSync } from 'node:crypto'
import type { KeyObject } from 'node:crypto'

/**
 * The courier's name inside a 小哥码: a per-day pseudonym, not a stable id. It is 6 bytes of HMAC-SHA256, keyed
 * by a key only the issuing function holds (derived from the signing key, for that use alone), over the
 * courier's passId and the China-time day. Two codes of one courier on different days carry unrelated aliases to
 * anyone without that key; codes of one day share the alias, which is what the day's status list for offline
 * guards is keyed by. An alias that two couriers would share on one day (48 bits: rare) is skipped by taking the
 * next `attempt`.
 */
export const ALIAS_BYTES = 6
export const MAX_ALIAS_ATTEMPTS = 4

const derived = new WeakMap<KeyObject, Buffer>()

export function aliasKeyOf(privateKey: KeyObject): Buffer {
  const known = derived.get(privateKey)
  if (known) return known
  const der = privateKey.export({ format: 'der', type: 'pkcs8' })
  const seed = der.subarray(der.length - 32)
  const key = Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), 'xiaoge pass alias v1', 32))
  derived.set(privateKey, key)
  return key
}

export function dayAlias(aliasKey: Buffer, passId: string, day: string, attempt = 0): string {
  return createHmac('sha256', aliasKey)
    .update(`${passId}\u0000${day}\u0000${attempt}`)
    .digest()
    .subarray(0, ALIAS_BYTES)
    .toString('base64url')
}
