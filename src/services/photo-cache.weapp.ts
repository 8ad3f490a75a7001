import Taro from '@tarojs/taro'

/*
 * weapp build of photo-cache.ts: the photos of the guard's offline list as files under the user data folder
 * (WeChat allows 200 MB there; a face photo is compressed on the courier's phone to well under 200 KB), with
 * an index in storage. Downloaded when the list is refreshed, through the short-lived URLs answered with it;
 * a photo no longer listed is deleted at the next refresh.
 */
const INDEX_KEY = 'gateOfflinePhotos'
export const MAX_CACHED_PHOTOS = 300
const MAX_PHOTO_BYTES = 512 * 1024

type Index = Record<string, string>

declare const wx: { env: { USER_DATA_PATH: string } }

function loadIndex(): Index {
  const value: unknown = Taro.getStorageSync(INDEX_KEY)
  return value && typeof value === 'object' ? (value as Index) : {}
}

function folder(): string {
  return `${wx.env.USER_DATA_PATH}/gate-photos`
}

/** A file name of the reference's own characters (its last segment is random), unique per reference. */
function fileFor(ref: string): string {
  return `${folder()}/${ref.replace(/[^A-Za-z0-9._-]/g, '_').slice(-96)}`
}

async function download(url: string, ref: string): Promise<string | undefined> {
  const fs = Taro.getFileSystemManager()
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url })
  if (statusCode !== 200 || !tempFilePath) return undefined
  const size = (fs.statSync(tempFilePath) as { size?: number }).size ?? 0
  if (size > MAX_PHOTO_BYTES) return undefined
  try {
    fs.mkdirSync(folder(), true)
  } catch {
    // already there
  }
  const target = fileFor(ref)
  fs.saveFileSync(tempFilePath, target)
  return target
}

/** Keeps the photos of the listed references (new ones through `urls`), deleting those no longer listed. */
export async function cachePhotos(refs: readonly string[], urls: Record<string, string>): Promise<void> {
  const kept = loadIndex()
  const next: Index = {}
  for (const ref of [...new Set(refs)].filter(Boolean).slice(0, MAX_CACHED_PHOTOS)) {
    const url = urls[ref]
    const path = kept[ref] ?? (url ? await download(url, ref).catch(() => undefined) : undefined)
    if (path) next[ref] = path
  }
  const fs = Taro.getFileSystemManager()
  for (const [ref, path] of Object.entries(kept)) {
    if (next[ref]) continue
    try {
      fs.unlinkSync(path)
    } catch {
      // gone already
    }
  }
  Taro.setStorageSync(INDEX_KEY, next)
}

export function cachedPhoto(ref: string): string | undefined {
  return ref ? loadIndex()[ref] : undefined
}
