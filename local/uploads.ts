import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

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
  }
}
