import Taro from '@tarojs/taro'
import nacl from 'tweetnacl'
import {
  PASS_REFUSALS,
  STATUS_LIST_CONTEXT,
  STATUS_LIST_MAX_AGE_MS,
  StatusListBody,
  chinaDateText,
  type OfflineCheck,
  type PassRefusal,
  type SignedStatusList,
  type UploadOfflineChecksOutput,
  type VerifyOutput,
} from '../../types'
import { call } from './cloud'
import { CloudError } from './cloud-error'
import { verifyPass } from './pass'
import { cachedPhoto, cachePhotos } from './photo-cache'
// (tweetnacl's randomBytes finds no random source in WeChat: the check id needs uniqueness only, as a request key)
import { newRequestKey } from './points'

/*
 * The gate without signal (as the EU health certificate is checked offline with published keys): the guard's
 * phone keeps the community's public keys and the signed status list of today and tomorrow, checks a 小哥码's
 * signature and time on the phone (tweetnacl: pure ES5 JavaScript, no BigInt, which the weapp build's syntax
 * level requires), finds the courier by the code's alias of the day, and queues the check for upload.
 */
const DATA_KEY = 'gateOfflineData'
const QUEUE_KEY = 'gateOfflineQueue'
/** Refresh keys and lists this often while online. */
export const OFFLINE_DATA_REFRESH_MS = 10 * 60_000
/** A code may be issued this far ahead of the checking clock (as the server allows). */
const ISSUE_SKEW_SECONDS = 5
const MAX_UPLOAD = 50
const MAX_QUEUE = 2000

interface StoredKey {
  kid: number
  publicKey: string
}

export interface OfflineData {
  keys: StoredKey[]
  lists: SignedStatusList[]
  /** This phone's clock minus the server's when the data came. */
  offsetMs: number
  /** Local epoch ms of the fetch. */
  fetchedAt: number
}

export type OfflineVerdict =
  | {
      offline: true
      allowed: true
      courier: { maskedName: string; platform: string; photoUrl?: string }
      destination?: string
      listIssuedAt: number
      checkedAt: number
    }
  | {
      offline: true
      allowed: false
      code: PassRefusal | 'NOT_ON_LIST'
      message: string
      listIssuedAt: number
      checkedAt: number
    }

export type GateResult = (VerifyOutput & { offline?: undefined }) | OfflineVerdict

function base64urlBytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  const out = new Uint8Array(Math.floor((text.length * 3) / 4))
  let bits = 0
  let value = 0
  let index = 0
  for (const char of text) {
    value = (value << 6) | alphabet.indexOf(char)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[index++] = (value >> bits) & 0xff
    }
  }
  return out
}

function bytesBase64url(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0)
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2
    for (let c = 0; c < chars; c++) out += alphabet[(n >> (18 - 6 * c)) & 63]
  }
  return out
}

function utf8Bytes(text: string): Uint8Array {
  const escaped = encodeURIComponent(text)
  const out: number[] = []
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] === '%') {
      out.push(parseInt(escaped.slice(i + 1, i + 3), 16))
      i += 2
    } else out.push(escaped.charCodeAt(i))
  }
  return Uint8Array.from(out)
}

function utf8Text(bytes: Uint8Array): string {
  return decodeURIComponent(Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join(''))
}

/** A scanned 小哥码 taken apart exactly as the server's token.ts lays it out; null when it is not one. */
export function parseToken(text: string): {
  kid: number
  alias: string
  issuedAt: number
  lifetime: number
  destination?: string
  body: Uint8Array
  signature: Uint8Array
} | null {
  const PREFIX = 'XG1.'
  if (!text.startsWith(PREFIX) || text.length > 200) return null
  const bytes = base64urlBytes(text.slice(PREFIX.length))
  if (!bytes || bytes.length < 18 + 64 || bytes[0] !== 1) return null
  if (bytesBase64url(bytes) !== text.slice(PREFIX.length)) return null // one spelling per token, as the server
  const destLength = bytes[17]
  if (destLength > 24 || bytes.length !== 18 + destLength + 64) return null
  const issuedAt = ((bytes[8] << 24) >>> 0) + (bytes[9] << 16) + (bytes[10] << 8) + bytes[11]
  return {
    kid: bytes[1],
    alias: bytesBase64url(bytes.subarray(2, 8)),
    issuedAt,
    lifetime: bytes[12],
    destination: destLength ? utf8Text(bytes.subarray(18, 18 + destLength)) : undefined,
    body: bytes.subarray(0, 18 + destLength),
    signature: bytes.subarray(18 + destLength),
  }
}

function keyOf(data: OfflineData, kid: number): Uint8Array | null {
  const key = data.keys.find((k) => k.kid === kid)
  const raw = key ? base64urlBytes(key.publicKey) : null
  return raw && raw.length === 32 ? raw : null
}

/** Lists already opened, by key and signature, with the exact text checked: a signature is checked once. */
const opened = new Map<string, { text: string; body: StatusListBody | null }>()

/** A list whose signature holds under one of the stored keys, parsed; null otherwise. */
export function openList(data: Pick<OfflineData, 'keys'>, signed: SignedStatusList): StatusListBody | null {
  const key = data.keys.find((k) => k.kid === signed.kid)?.publicKey ?? ''
  const cacheKey = `${signed.kid}:${key}:${signed.signature}`
  const known = opened.get(cacheKey)
  if (known && known.text === signed.list) return known.body
  const body = openListUncached(data, signed)
  if (opened.size > 16) opened.clear()
  opened.set(cacheKey, { text: signed.list, body })
  return body
}

function openListUncached(data: Pick<OfflineData, 'keys'>, signed: SignedStatusList): StatusListBody | null {
  const key = keyOf({ ...data, lists: [], offsetMs: 0, fetchedAt: 0 }, signed.kid)
  const signature = base64urlBytes(signed.signature)
  if (!key || !signature || signature.length !== 64) return null
  if (!nacl.sign.detached.verify(utf8Bytes(STATUS_LIST_CONTEXT + signed.list), signature, key)) return null
  try {
    const parsed = StatusListBody.safeParse(JSON.parse(signed.list))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export function loadOfflineData(): OfflineData | null {
  const value: unknown = Taro.getStorageSync(DATA_KEY)
  if (!value || typeof value !== 'object') return null
  const data = value as Partial<OfflineData>
  if (!Array.isArray(data.keys) || !Array.isArray(data.lists) || typeof data.offsetMs !== 'number') return null
  return data as OfflineData
}

/** Fetches the public keys and the signed lists; stores them only if every list's signature holds. */
export async function refreshOfflineData(): Promise<OfflineData> {
  const requestedAt = Date.now()
  const [{ keys }, { lists, issuedAt, photos }] = await Promise.all([
    call('pass', { action: 'publicKeys' }),
    call('pass', { action: 'statusList' }),
  ])
  const data: OfflineData = {
    keys: keys.map((k) => ({ kid: k.kid, publicKey: k.publicKey })),
    lists,
    offsetMs: requestedAt - issuedAt,
    fetchedAt: Date.now(),
  }
  const opened = lists.map((l) => openList(data, l))
  if (opened.some((l) => l === null)) throw new CloudError('BAD_RESPONSE', '离线名单签名无效，未保存')
  Taro.setStorageSync(DATA_KEY, data)
  // The listed couriers' photos, kept for the offline green card (best effort: the list judges without them).
  const refs = opened.flatMap((l) => l?.entries.map((e) => e[3]) ?? [])
  await cachePhotos(refs, photos ?? {}).catch(() => undefined)
  return data
}

/** The age of the newest list, on this phone's clock (null when there is none). */
export function listAgeMs(data: OfflineData | null, localNow: number): number | null {
  if (!data || data.lists.length === 0) return null
  const newest = Math.max(...data.lists.map((l) => openList(data, l)?.issuedAt ?? 0))
  return newest ? localNow - data.offsetMs - newest : null
}

function refused(code: PassRefusal | 'NOT_ON_LIST', message: string, listIssuedAt: number, checkedAt: number) {
  return { offline: true as const, allowed: false as const, code, message, listIssuedAt, checkedAt }
}

/**
 * Judges a code on the phone: the signature under a stored key, the code's minute on the server's clock as
 * estimated, and the courier on the signed list of the code's day. Throws (with a message for the guard) when it
 * cannot judge at all: no data, or a list older than STATUS_LIST_MAX_AGE_MS.
 */
export function judgeOffline(data: OfflineData | null, text: string, localNow: number): OfflineVerdict {
  if (!data) throw new CloudError('NETWORK', '没有网络，且本机没有离线名单：请联网后核验')
  const now = localNow - data.offsetMs
  const lists = data.lists.map((l) => openList(data, l)).filter((l): l is StatusListBody => l !== null)
  if (lists.length === 0) throw new CloudError('NETWORK', '没有网络，且本机的离线名单无效：请联网后核验')
  const token = parseToken(text.trim())
  const list = token ? lists.find((l) => l.day === chinaDateText(token.issuedAt * 1000)) : undefined
  const listIssuedAt = list?.issuedAt ?? Math.max(...lists.map((l) => l.issuedAt))
  if (now - listIssuedAt > STATUS_LIST_MAX_AGE_MS)
    throw new CloudError('NETWORK', '没有网络，离线名单已超过 6 小时未更新：请联网后核验')
  if (!token) return refused('PASS_MALFORMED', PASS_REFUSALS.PASS_MALFORMED, listIssuedAt, now)
  const key = keyOf(data, token.kid)
  if (!key) return refused('PASS_UNKNOWN_KEY', PASS_REFUSALS.PASS_UNKNOWN_KEY, listIssuedAt, now)
  if (!nacl.sign.detached.verify(token.body, token.signature, key))
    return refused('PASS_BAD_SIGNATURE', PASS_REFUSALS.PASS_BAD_SIGNATURE, listIssuedAt, now)
  if (token.issuedAt > now / 1000 + ISSUE_SKEW_SECONDS)
    return refused('PASS_NOT_YET_VALID', PASS_REFUSALS.PASS_NOT_YET_VALID, listIssuedAt, now)
  if (now / 1000 >= token.issuedAt + token.lifetime)
    return refused('PASS_EXPIRED', PASS_REFUSALS.PASS_EXPIRED, listIssuedAt, now)
  const matches = list?.entries.filter((e) => e[0] === token.alias) ?? []
  if (matches.length !== 1)
    return refused('NOT_ON_LIST', '离线名单中没有这位小哥（可能未通过审核或已暂停），请联网后核验', listIssuedAt, now)
  const [, maskedName, platform, photoRef] = matches[0]
  // The entry names a stored photo; the card shows the copy this phone kept, if any.
  const photoUrl = photoRef ? cachedPhoto(photoRef) : undefined
  return {
    offline: true,
    allowed: true,
    courier: { maskedName, platform, ...(photoUrl ? { photoUrl } : {}) },
    ...(token.destination ? { destination: token.destination } : {}),
    listIssuedAt,
    checkedAt: now,
  }
}

export function queuedChecks(): OfflineCheck[] {
  const value: unknown = Taro.getStorageSync(QUEUE_KEY)
  return Array.isArray(value) ? (value as OfflineCheck[]) : []
}

function saveQueue(checks: OfflineCheck[]): void {
  Taro.setStorageSync(QUEUE_KEY, checks.slice(-MAX_QUEUE))
}

export function enqueueCheck(token: string, verdict: OfflineVerdict): void {
  saveQueue([
    ...queuedChecks(),
    {
      checkId: newRequestKey(),
      token: token.trim(),
      checkedAt: verdict.checkedAt,
      verdict: verdict.allowed ? 'allowed' : 'refused',
    },
  ])
}

/** Uploads queued checks (50 at a time); those the server answered leave the queue. */
export async function uploadQueued(): Promise<UploadOfflineChecksOutput['results']> {
  const results: UploadOfflineChecksOutput['results'] = []
  for (;;) {
    const queue = queuedChecks()
    if (queue.length === 0) return results
    const batch = queue.slice(0, MAX_UPLOAD)
    const reply = await call('pass', { action: 'uploadOfflineChecks', checks: batch })
    results.push(...reply.results)
    const done = new Set(reply.results.map((r) => r.checkId))
    saveQueue(queuedChecks().filter((c) => !done.has(c.checkId)))
  }
}

const OFFLINE_CODES = new Set(['NETWORK', 'TIMEOUT'])

/**
 * The gate check: online as always; when the network fails, on the phone with the stored keys and list, and
 * the check is queued for upload.
 */
export async function verifyAtGate(token: string): Promise<GateResult> {
  try {
    return await verifyPass(token)
  } catch (error) {
    if (!(error instanceof CloudError) || !OFFLINE_CODES.has(error.code)) throw error
    const verdict = judgeOffline(loadOfflineData(), token, Date.now())
    enqueueCheck(token, verdict)
    return verdict
  }
}
