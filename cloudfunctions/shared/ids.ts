import { createHash, randomUUID } from 'node:crypto'

/** A random document id (a v4 UUID without dashes: 122 random bits), valid as an `Id`. randomUUID draws from
 *  a cached entropy pool, several times faster than a small randomBytes call on the gate-check path. */
export function newId(): string {
  return randomUUID().replace(/-/g, '')
}

/**
 * A document id derived from its parts (SHA-256, 192 bits in base64url): one document per combination, found
 * again from the same parts, and revealing none of them (e.g. an OPENID) to whoever sees the id.
 */
export function hashId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest().subarray(0, 24).toString('base64url')
}
