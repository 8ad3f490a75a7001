import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fail, Id, type Envelope } from '../types'
import type { Config } from '../cloudfunctions/shared/config'
import { PHOTO_URL_TTL_S, type PhotoAccess } from '../cloudfunctions/shared/photos'
import { AppError } from '../cloudfunctions/shared/errors'
import { callerFrom, isAllowed, ruleFor } from '../cloudfunctions/shared/policy'
import { admit } from '../cloudfunctions/shared/scope'
import type { AppStore } from '../cloudfunctions/shared/store/collections'

/**
 * Photos the local cloud keeps for 随手拍 reports, standing in for CloudBase storage (`wx.cloud.uploadFile`):
 * files under `<dataDir>/uploads/`, or in memory for a throw-away database. A photo is referred to as
 * `local:<id>` (see PhotoRef) and served back at `/local/files/<id>`.
 */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024
export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp'

const EXTENSIONS: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }
const ID = /^[A-Za-z0-9_-]{22}$/

/** What the first bytes say the file is: only real JPEG, PNG and WebP pictures are kept. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
  if (bytes.length >= 8 && png.every((b, i) => bytes[i] === b)) return 'image/png'
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1')
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return null
}

export interface PhotoStore {
  /** Keeps the picture and answers its reference, or null when the bytes are not a JPEG, PNG or WebP. */
  save(bytes: Uint8Array): { ref: string; type: PhotoType } | null
  read(id: string): { bytes: Buffer; type: PhotoType } | null
  /** Deletes a kept picture; an unknown id is ignored. */
  remove(id: string): void
}

export function createPhotoStore(dataDir: string): PhotoStore {
  const memory = new Map<string, { bytes: Buffer; type: PhotoType }>()
  const dir = dataDir === ':memory:' ? null : path.join(dataDir, 'uploads')
  return {
    save(bytes) {
      const type = sniffPhotoType(bytes)
      if (!type || bytes.length > MAX_PHOTO_BYTES) return null
      const id = randomBytes(16).toString('base64url')
      if (dir) {
        fs.mkdirSync(dir, { recursive: true })
        fs.writeFileSync(path.join(dir, `${id}.${EXTENSIONS[type]}`), bytes)
      } else {
        memory.set(id, { bytes: Buffer.from(bytes), type })
      }
      return { ref: `local:${id}`, type }
    },
    read(id) {
      if (!ID.test(id)) return null
      if (!dir) return memory.get(id) ?? null
      for (const [type, ext] of Object.entries(EXTENSIONS) as Array<[PhotoType, string]>) {
        const file = path.join(dir, `${id}.${ext}`)
        if (fs.existsSync(file)) return { bytes: fs.readFileSync(file), type }
      }
      return null
    },
    remove(id) {
      if (!ID.test(id)) return
      if (!dir) return void memory.delete(id)
      for (const ext of Object.values(EXTENSIONS)) fs.rmSync(path.join(dir, `${id}.${ext}`), { force: true })
    },
  }
}

const LOCAL_REF = /^local:([A-Za-z0-9_-]{16,40})$/

/**
 * The local cloud's PhotoAccess: `/local/files/<id>?e=<expiry s>&t=<HMAC>` signed with a key of this process
 * (restarting the server retires every URL it gave, as a temp URL expires), checked by `verify` before a byte
 * is served. So knowing a photo's id, or its reference, shows nothing.
 */
export function createLocalPhotoAccess(
  photos: PhotoStore,
  now: () => number,
  secret: Buffer = randomBytes(32),
): PhotoAccess & { verify(id: string, expires: string | null, tag: string | null): boolean } {
  const tagOf = (id: string, expires: number) =>
    createHmac('sha256', secret).update(`${id}.${expires}`).digest('base64url').slice(0, 32)
  const idOf = (ref: string) => LOCAL_REF.exec(ref)?.[1]
  return {
    async urls(refs) {
      const expires = Math.floor(now() / 1000) + PHOTO_URL_TTL_S
      const found = new Map<string, string>()
      for (const ref of refs) {
        const id = idOf(ref)
        if (id && photos.read(id)) found.set(ref, `/local/files/${id}?e=${expires}&t=${tagOf(id, expires)}`)
      }
      return found
    },
    async remove(refs) {
      for (const ref of refs) {
        const id = idOf(ref)
        if (id) photos.remove(id)
      }
    },
    verify(id, expires, tag) {
      if (!expires || !/^\d{1,12}$/.test(expires) || !tag) return false
      if (Number(expires) * 1000 <= now()) return false
      const want = Buffer.from(tagOf(id, Number(expires)))
      const given = Buffer.from(tag)
      return given.length === want.length && timingSafeEqual(given, want)
    },
  }
}

/** What a photo is uploaded for: a 随手拍 report (the default) or the courier's face photo (`?for=face`). */
export type UploadPurpose = 'report' | 'face'

/** A face photo may come from whoever may register (a visitor, a rejected or pending courier) or replace one. */
const FACE_REGISTRANTS = new Set(['pending', 'rejected'])

/**
 * Who may upload a photo: exactly who may make the call it is for, through the steps the handler wrapper takes
 * for that action: the OPENID must be a well-formed `Id` (as for `/fn`), the caller must hold a role its policy
 * rule allows, and `admit` applies the rule's courier status. A report photo is only used by
 * `points.submitReport` (`courier`: a visitor never seen, staff and admins are FORBIDDEN; pending, rejected and
 * suspended couriers are NOT_APPROVED). A face photo is used by `account.register` (anyone who has no courier
 * record, or whose registration is pending or rejected) or `account.replacePhoto` (a pending or approved
 * courier): a suspended courier may do neither. Whoever could not make the call is refused with the code the
 * call itself would get, before a byte of the photo is read.
 */
export async function checkUploader(
  services: { store: AppStore; config: Config },
  header: string | string[] | undefined,
  purpose: UploadPurpose = 'report',
): Promise<{ ok: true; openid: string } | { ok: false; refusal: Envelope<never> }> {
  const openid = Id.safeParse(header)
  if (!openid.success) return { ok: false, refusal: fail('UNAUTHENTICATED') }
  const { store, config } = services
  const user = await store.collection('users').get(openid.data)
  const caller = callerFrom(openid.data, user, config.adminOpenids)
  if (purpose === 'face') {
    const register = ruleFor('account', 'register')
    if (!register) throw new Error('account.register has no policy rule')
    const courier = await store.collection('couriers').get(openid.data)
    if (isAllowed(register, caller) && (!courier || FACE_REGISTRANTS.has(courier.status))) {
      return { ok: true, openid: openid.data }
    }
  }
  const rule = purpose === 'face' ? ruleFor('account', 'replacePhoto') : ruleFor('points', 'submitReport')
  if (!rule) throw new Error(`the ${purpose} photo's action has no policy rule`)
  if (!isAllowed(rule, caller)) return { ok: false, refusal: fail('FORBIDDEN', '只有认证小哥可以上传随手拍照片') }
  try {
    // the photo arrives before the call, so there is no input yet: the rule's scope has nothing to read
    await admit(rule, caller, {}, store)
  } catch (error) {
    if (error instanceof AppError) return { ok: false, refusal: fail(error.code, error.message) }
    throw error
  }
  return { ok: true, openid: openid.data }
}

/** How many photos one identity may store in a sliding window. */
export interface UploadQuota {
  files: number
  windowMs: number
}

/**
 * 30 photos per courier in any hour. A courier may have at most 20 reports waiting for review, each with one
 * photo, and the report page uploads as soon as a picture is chosen, so re-picks and retries need headroom;
 * beyond that it is a script filling the disk (30 × 2 MiB = 60 MiB per courier and hour at most).
 */
export const UPLOAD_QUOTA: UploadQuota = { files: 30, windowMs: 3600_000 }

export interface UploadLimiter {
  /**
   * Takes one place in `openid`'s window before the photo is read (so concurrent uploads cannot overshoot),
   * or says how long until the oldest upload leaves the window. `release` gives the place back when nothing
   * was stored (too large, not a picture, the client went away): only stored photos count.
   */
  reserve(openid: string): { ok: true; release: () => void } | { ok: false; retryAfterMs: number }
}

/** In memory, per process: the local cloud's guard against one identity filling `.data/uploads/`. */
export function createUploadLimiter(quota: UploadQuota, now: () => number): UploadLimiter {
  const taken = new Map<string, number[]>()
  return {
    reserve(openid) {
      const at = now()
      const recent = (taken.get(openid) ?? []).filter((t) => t > at - quota.windowMs)
      if (recent.length >= quota.files) {
        taken.set(openid, recent)
        return { ok: false, retryAfterMs: Math.max(1, recent[0] + quota.windowMs - at) }
      }
      recent.push(at)
      taken.set(openid, recent)
      let released = false
      return {
        ok: true,
        release: () => {
          if (released) return
          released = true
          const list = taken.get(openid) ?? []
          const index = list.indexOf(at)
          if (index >= 0) list.splice(index, 1)
          if (list.length === 0) taken.delete(openid)
        },
      }
    },
  }
}
