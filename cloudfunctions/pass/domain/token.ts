import { createHash, randomBytes, sign, verify } from 'node:crypto'
import type { PassRefusal } from '../../../types'
import type { Keyring, VerifyKeys } from '../../shared/pass-keys'

/**
 * The 小哥码 token: a fixed binary layout, Ed25519-signed, base64url with a short prefix.
 *
 *   0      version (1)
 *   1      kid (1)
 *   2..7   alias (6)        — the courier's pseudonym of the day (alias.ts): no stable id, not the OPENID
 *   8..11  issuedAt (uint32, seconds)
 *   12     lifetime (seconds)
 *   13..16 nonce (4)
 *   17     destination length n (0..24)
 *   18..   destination (n bytes UTF-8)
 *   then   Ed25519 signature (64) over everything before it
 *
 * At most 106 bytes → 142 base64url characters + "XG1." = 146, inside a version-8 QR code at level M.
 */
export const TOKEN_PREFIX = 'XG1.'
const VERSION = 1
const HEADER = 18
const SIGNATURE = 64
const MAX_DESTINATION = 24
export const MAX_TOKEN_CHARS = TOKEN_PREFIX.length + Math.ceil(((HEADER + MAX_DESTINATION + SIGNATURE) * 4) / 3)
/**
 * How far ahead of the checking instance's clock a token's issue time may be: both times are the server's (one
 * function instance issues, another checks), so this only absorbs the instances' clock difference. It never
 * lengthens a token's life: a token expires exactly when the courier's screen says 已失效.
 */
export const ISSUE_SKEW_SECONDS = 5

export interface TokenClaims {
  /** The courier's alias of the day (base64url of 6 bytes). */
  alias: string
  issuedAt: number // seconds
  lifetime: number // seconds
  nonce: string // base64url
  destination?: string
}

export function issueToken(keys: Keyring, claims: Omit<TokenClaims, 'nonce'>, nonce = randomBytes(4)): string {
  const dest = Buffer.from(claims.destination ?? '', 'utf8')
  if (dest.length > MAX_DESTINATION) throw new RangeError('destination too long')
  const body = Buffer.alloc(HEADER + dest.length)
  body[0] = VERSION
  body[1] = keys.active.kid
  Buffer.from(claims.alias, 'base64url').copy(body, 2, 0, 6)
  body.writeUInt32BE(claims.issuedAt, 8)
  body[12] = claims.lifetime
  nonce.copy(body, 13, 0, 4)
  body[17] = dest.length
  dest.copy(body, HEADER)
  const signature = sign(null, body, keys.active.privateKey)
  return TOKEN_PREFIX + Buffer.concat([body, signature]).toString('base64url')
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims; tokenId: string; expiresAt: number }
  | { ok: false; code: PassRefusal; claims?: TokenClaims }

const BASE64URL = /^[A-Za-z0-9_-]+$/

/** Strict parse → known kid → signature → time window. Pure apart from the signature check. */
export function checkToken(keys: VerifyKeys, text: string, nowMs: number): TokenCheck {
  if (text.length > MAX_TOKEN_CHARS || !text.startsWith(TOKEN_PREFIX)) return { ok: false, code: 'PASS_MALFORMED' }
  const encoded = text.slice(TOKEN_PREFIX.length)
  if (!BASE64URL.test(encoded) || encoded.length % 4 === 1) return { ok: false, code: 'PASS_MALFORMED' }
  const bytes = Buffer.from(encoded, 'base64url')
  // re-encoding must give the same text: no alternative spellings of one token
  if (bytes.toString('base64url') !== encoded) return { ok: false, code: 'PASS_MALFORMED' }
  if (bytes.length < HEADER + SIGNATURE || bytes[0] !== VERSION) return { ok: false, code: 'PASS_MALFORMED' }
  const destLength = bytes[17]
  if (destLength > MAX_DESTINATION || bytes.length !== HEADER + destLength + SIGNATURE)
    return { ok: false, code: 'PASS_MALFORMED' }

  const key = keys.byKid.get(bytes[1])
  if (!key) return { ok: false, code: 'PASS_UNKNOWN_KEY' }
  const body = bytes.subarray(0, HEADER + destLength)
  if (!verify(null, body, key.publicKey, bytes.subarray(HEADER + destLength)))
    return { ok: false, code: 'PASS_BAD_SIGNATURE' }

  const claims: TokenClaims = {
    alias: bytes.subarray(2, 8).toString('base64url'),
    issuedAt: bytes.readUInt32BE(8),
    lifetime: bytes[12],
    nonce: bytes.subarray(13, 17).toString('base64url'),
    destination: destLength > 0 ? body.subarray(HEADER).toString('utf8') : undefined,
  }
  const now = nowMs / 1000
  const expiresAt = claims.issuedAt + claims.lifetime
  if (claims.issuedAt > now + ISSUE_SKEW_SECONDS) return { ok: false, code: 'PASS_NOT_YET_VALID', claims }
  // one lifetime, the one the courier sees: no grace after it
  if (now >= expiresAt) return { ok: false, code: 'PASS_EXPIRED', claims }
  return { ok: true, claims, tokenId: tokenIdOf(bytes), expiresAt: expiresAt * 1000 }
}

/**
 * A token's id, unique per issued token: 120 bits of SHA-256 over alias, time and nonce. Hashed because it is
 * stored (as the id of the token's first access-log entry) and the log must not hold the courier's alias.
 */
function tokenIdOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes.subarray(2, 17)).digest().subarray(0, 15).toString('base64url')
}
