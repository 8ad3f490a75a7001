import Taro from '@tarojs/taro'

/*
 * The guard's phone keeps the photos of its offline list, so the offline green card shows the face too.
 * h5 (the local demo) build: each photo as a data URL in storage, small ones only and a bounded total (a
 * browser's storage is a few MB). The weapp build (photo-cache.weapp.ts) keeps files in the user data folder.
 * Downloaded when the list is refreshed (online, through the short-lived URLs answered with it); a photo no
 * longer listed is dropped at the next refresh.
 */
const INDEX_KEY = 'gateOfflinePhotos'
/** At most this many photos, as many as the cloud answers URLs for with one list. */
export const MAX_CACHED_PHOTOS = 300
const MAX_PHOTO_BYTES = 256 * 1024
const MAX_TOTAL_BYTES = 2 * 1024 * 1024

type Index = Record<string, string>

function loadIndex(): Index {
  const value: unknown = Taro.getStorageSync(INDEX_KEY)
  return value && typeof value === 'object' ? (value as Index) : {}
}

function readAsDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '')
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(blob)
  })
}

/**
 * Keeps the photos of the listed references, downloading those not kept yet through `urls` (reference →
 * short-lived URL) and dropping those no longer listed. Best effort: a photo that fails to download is tried at the next refresh.
 */
export async function cachePhotos(refs: readonly string[], urls: Record<string, string>): Promise<void> {
  const kept = loadIndex()
  const next: Index = {}
  let total = 0
  for (const ref of [...new Set(refs)].filter(Boolean).slice(0, MAX_CACHED_PHOTOS)) {
    let dataUrl: string | undefined = kept[ref]
    if (!dataUrl && urls[ref]) {
      try {
        const response = await fetch(urls[ref])
        const blob = response.ok ? await response.blob() : null
        if (blob && blob.size <= MAX_PHOTO_BYTES && /^image\//.test(blob.type)) dataUrl = await readAsDataUrl(blob)
      } catch {
        // offline again, or the photo is gone: the card says to check an ID
      }
    }
    if (!dataUrl || total + dataUrl.length > MAX_TOTAL_BYTES) continue
    total += dataUrl.length
    next[ref] = dataUrl
  }
  Taro.setStorageSync(INDEX_KEY, next)
}

/** The kept copy of a listed photo, to show offline; undefined when this phone has none. */
export function cachedPhoto(ref: string): string | undefined {
  return ref ? loadIndex()[ref] : undefined
}
