/**
 * Stored photos (face photos, 随手拍 photos) as clients may see them. A stored reference (`cloud://…` or
 * `local:<id>`, see PhotoRef) is never answered to a client: whoever the functions decide may see a photo gets
 * a short-lived URL minted for that answer (CloudBase: `getTempFileURL` with a max age; locally: a signed
 * `/local/files/<id>?e=…&t=…`). So a reference that leaks (in a log, a signed offline list) shows nothing.
 */
export interface PhotoAccess {
  /** Displayable URLs, valid for PHOTO_URL_TTL_S, by reference; a reference it cannot serve is left out. */
  urls(refs: readonly string[]): Promise<Map<string, string>>
  /** Deletes stored photos (account deletion, a replaced face photo); unknown references are ignored. */
  remove(refs: readonly string[]): Promise<void>
}

/** How long a minted URL shows its photo: a review page or a green card stays open a while, not a day. */
export const PHOTO_URL_TTL_S = 30 * 60

/** The URLs of `refs` (absent ones skipped); empty when the platform has no photo service. */
export async function photoUrls(
  ctx: { photos?: PhotoAccess },
  refs: ReadonlyArray<string | undefined>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(refs.filter((r): r is string => typeof r === 'string' && r.length > 0))]
  if (!ctx.photos || wanted.length === 0) return new Map()
  return ctx.photos.urls(wanted)
}

/** One photo's URL, or undefined (no photo, no service, or a reference the storage does not know). */
export async function photoUrl(ctx: { photos?: PhotoAccess }, ref: string | undefined): Promise<string | undefined> {
  return ref ? (await photoUrls(ctx, [ref])).get(ref) : undefined
}

/** The largest batch `getTempFileURL` and `deleteFile` take. */
const CLOUD_BATCH = 50

interface CloudStorage {
  getTempFileURL(param: { fileList: Array<{ fileID: string; maxAge: number }> }): unknown
  deleteFile(param: { fileList: string[] }): unknown
}

interface FileListResult {
  fileList?: Array<{ fileID?: string; tempFileURL?: string; status?: number }>
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CLOUD_BATCH) out.push(items.slice(i, i + CLOUD_BATCH))
  return out
}

/**
 * CloudBase storage through wx-server-sdk. The functions read as admin, so the storage rule may (and must) keep
 * clients from reading face photos themselves (docs/GO-LIVE.md). `local:` references are not CloudBase's.
 */
export function cloudPhotoAccess(cloud: CloudStorage): PhotoAccess {
  return {
    async urls(refs) {
      const ids = refs.filter((r) => r.startsWith('cloud://'))
      const found = new Map<string, string>()
      for (const batch of batches(ids)) {
        const fileList = batch.map((fileID) => ({ fileID, maxAge: PHOTO_URL_TTL_S }))
        const result = (await cloud.getTempFileURL({ fileList })) as FileListResult | undefined
        for (const item of result?.fileList ?? []) {
          if (item.status === 0 && item.fileID && item.tempFileURL) found.set(item.fileID, item.tempFileURL)
        }
      }
      return found
    },
    async remove(refs) {
      const ids = refs.filter((r) => r.startsWith('cloud://'))
      for (const batch of batches(ids)) await cloud.deleteFile({ fileList: batch })
    },
  }
}
