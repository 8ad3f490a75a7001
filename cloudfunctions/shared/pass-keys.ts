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

/** Public keys only: all a verifier (attendance, an offline gate phone) ever holds. */
export interface VerifyKeys {
  byKid: ReadonlyMap<number, PassKey>
}

/** The signing keyring: only the `pass` function holds one. */
export interface Keyring extends VerifyKeys {
  active: PassKey & { privateKey: KeyObject }
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
  const byKid = new Map(verifyKeysFrom(spec.publicKeys).byKid)
  const listed = byKid.get(active.kid)
  if (listed && listed.publicRaw !== active.publicRaw) {
    throw new Error(`kid ${active.kid} is listed with a public key that is not the active key's`)
  }
  byKid.set(active.kid, active)
  return { active, byKid }
}

/** A verify-only keyring from kid → raw public key (base64url). */
export function verifyKeysFrom(publicKeys: Readonly<Record<string, string>>): VerifyKeys {
  const byKid = new Map<number, PassKey>()
  for (const [kid, raw] of Object.entries(publicKeys)) {
    const k = Kid.parse(kid)
    byKid.set(k, { kid: k, publicKey: publicFromRaw(Raw32.parse(raw)), publicRaw: raw })
  }
  return { byKid }
}

/**
 * `PASS_PUBLIC_KEYS` as deployed: `kid:key` pairs separated by commas, e.g. `2:AbC…,1:XyZ…` (not JSON: the
 * CloudBase CLI turns JSON-looking variable values into objects). Throws a message naming what is wrong.
 */
export function parsePublicKeyList(text: string): Record<string, string> {
  const keys: Record<string, string> = {}
  for (const part of text.split(',').map((s) => s.trim())) {
    if (part === '') continue
    const match = /^(\d{1,3}):([A-Za-z0-9_-]{43})$/.exec(part)
    if (!match || Number(match[1]) > 255) {
      throw new Error(`expected kid:key pairs (kid 0–255, key 43 base64url characters), got "${part.slice(0, 12)}…"`)
    }
    if (keys[match[1]] !== undefined) throw new Error(`kid ${match[1]} is listed twice`)
    keys[match[1]] = match[2]
  }
  return keys
}

/** The inverse of parsePublicKeyList, newest kid first. */
export function formatPublicKeyList(publicKeys: Readonly<Record<string, string>>): string {
  return Object.entries(publicKeys)
    .sort(([a], [b]) => Number(b) - Number(a))
    .map(([kid, raw]) => `${kid}:${raw}`)
    .join(',')
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
