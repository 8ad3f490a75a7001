import { sign, verify } from 'node:crypto'
import type { PassRefusal } from '../../../types'
import type { Keyring, VerifyKeys } from '../../shared/pass-keys'

/**
 * The 场所码 (place code): a gate's id, Ed25519-signed, printed as a QR code at a gate without a guard app.
 *
 *   0      version (1)
 *   1      kid (1)
 *   2      gateId length n (1..32)
 *   3..    gateId (n bytes UTF-8)
 *   then   Ed25519 signature (64) over everything before it
 *
 * At most 99 bytes → 132 base64url characters + "XGG1." = 137. It never expires: it is printed once and
 * re-printed after a key is retired. Being static, a photo of it works anywhere — which is why the courier's
 * live pass (time ticking, the day's moving colour) is what the gate judges, and every use is logged.
 */
export const PLACE_PREFIX = 'XGG1.'
/**
 * Place codes are signed with the same keys as 小哥码 tokens, so the signature covers this context too: a
 * signed token body can never pass as a place code, nor the reverse (domain separation).
 */
const SIGNING_CONTEXT = Buffer.from('xiaoge/place-code/v1\0', 'utf8')
const VERSION = 1
const HEADER = 3
const SIGNATURE = 64
export const MAX_GATE_ID_BYTES = 32
export const MAX_PLACE_CODE_CHARS = PLACE_PREFIX.length + Math.ceil(((HEADER + MAX_GATE_ID_BYTES + SIGNATURE) * 4) / 3)

export function encodePlaceCode(keys: Keyring, gateId: string): string {
  const id = Buffer.from(gateId, 'utf8')
  if (id.length < 1 || id.length > MAX_GATE_ID_BYTES) throw new RangeError('gate id must be 1..32 bytes')
  const body = Buffer.alloc(HEADER + id.length)
  body[0] = VERSION
  body[1] = keys.active.kid
  body[2] = id.length
  id.copy(body, HEADER)
  const signature = sign(null, Buffer.concat([SIGNING_CONTEXT, body]), keys.active.privateKey)
  return PLACE_PREFIX + Buffer.concat([body, signature]).toString('base64url')
}

export type PlaceCodeCheck = { ok: true; gateId: string } | { ok: false; code: PassRefusal }

const BASE64URL = /^[A-Za-z0-9_-]+$/

/** Strict parse (length cap, one spelling only) → known kid → signature. Pure apart from the signature check. */
export function checkPlaceCode(keys: VerifyKeys, text: string): PlaceCodeCheck {
  if (text.length > MAX_PLACE_CODE_CHARS || !text.startsWith(PLACE_PREFIX)) return { ok: false, code: 'PASS_MALFORMED' }
  const encoded = text.slice(PLACE_PREFIX.length)
  if (!BASE64URL.test(encoded) || encoded.length % 4 === 1) return { ok: false, code: 'PASS_MALFORMED' }
  const bytes = Buffer.from(encoded, 'base64url')
  if (bytes.toString('base64url') !== encoded) return { ok: false, code: 'PASS_MALFORMED' }
  if (bytes.length < HEADER + 1 + SIGNATURE || bytes[0] !== VERSION) return { ok: false, code: 'PASS_MALFORMED' }
  const idLength = bytes[2]
  if (idLength < 1 || idLength > MAX_GATE_ID_BYTES || bytes.length !== HEADER + idLength + SIGNATURE) {
    return { ok: false, code: 'PASS_MALFORMED' }
  }
  const key = keys.byKid.get(bytes[1])
  if (!key) return { ok: false, code: 'PASS_UNKNOWN_KEY' }
  const body = bytes.subarray(0, HEADER + idLength)
  if (!verify(null, Buffer.concat([SIGNING_CONTEXT, body]), key.publicKey, bytes.subarray(HEADER + idLength)))
    return { ok: false, code: 'PASS_BAD_SIGNATURE' }
  const gateId = body.subarray(HEADER).toString('utf8')
  // a signed id that does not round-trip as UTF-8 is not one we issued
  if (Buffer.from(gateId, 'utf8').length !== idLength) return { ok: false, code: 'PASS_MALFORMED' }
  return { ok: true, gateId }
}
