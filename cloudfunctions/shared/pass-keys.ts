import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { z } from 'zod'

/**
 * 小哥码 signing keys. Ed25519: verifying needs only public keys, so a gate device could verify offline and a
 * leaked verifier key forges nothing. Each key has a small numeric `kid` carried in the token; several public
 * keys verify at once, so a new key can be rolled out while codes signed with the old one expire.
 */
export interface PassKey {
  kid: number
  publicKey: KeyObject
  /** The raw 32-byte public key, base64url: what `pass.publicKeys` publishes. */
  publicRaw: string
}

export interface Keyring {
  active: PassKey & { privateKey: KeyObject }
  byKid: ReadonlyMap<number, PassKey>
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

const Kid = z.coerce.number().int().min(0).max(255)
const Raw32 = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected 32 bytes, base64url')

/** The stored form (environment variables in production, `.data/pass-keys.json` locally). */
export const KeyringSpec = z.object({
  activeKid: Kid,
  /** The active key's 32-byte Ed25519 seed, base64url. */
  privateKey: Raw32,
  /** Older public keys that still verify (kid → raw public key, base64url); the active one is derived. */
  publicKeys: z.record(z.string(), Raw32).default({}),
})
export type KeyringSpec = z.infer<typeof KeyringSpec>

function publicFromRaw(raw: string): KeyObject {
  return createPublicKey({
    key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(raw, 'base64url')]),
    format: 'der',
    type: 'spki',
  })
}

function rawPublic(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length).toString('base64url')
}

export function keyringFrom(spec: KeyringSpec): Keyring {
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(spec.privateKey, 'base64url')]),
    format: 'der',
    type: 'pkcs8',
  })
  const publicKey = createPublicKey(privateKey)
  const active = { kid: spec.activeKid, publicKey, publicRaw: rawPublic(publicKey), privateKey }
  const byKid = new Map<number, PassKey>()
  for (const [kid, raw] of Object.entries(spec.publicKeys)) {
    const k = Kid.parse(kid)
    byKid.set(k, { kid: k, publicKey: publicFromRaw(raw), publicRaw: raw })
  }
  byKid.set(active.kid, active)
  return { active, byKid }
}

/** A new key pair as a spec; `previous` keys keep verifying (rotation). */
export function generateKeyringSpec(activeKid = 1, previous: Record<string, string> = {}): KeyringSpec {
  const { privateKey } = generateKeyPairSync('ed25519')
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(PKCS8_ED25519_PREFIX.length)
  return { activeKid, privateKey: seed.toString('base64url'), publicKeys: previous }
}

/** Rotates: a new active key with kid + 1; the old public key keeps verifying until removed (retired). */
export function rotate(spec: KeyringSpec): KeyringSpec {
  const current = keyringFrom(spec).active
  return generateKeyringSpec((spec.activeKid + 1) % 256, {
    ...spec.publicKeys,
    [String(current.kid)]: current.publicRaw,
  })
}
