import { CloudError } from './cloud-error'

/*
 * What a 随手拍 photo may be in every build, checked on the phone before anything is sent: the local cloud
 * keeps at most 2 MiB of JPEG, PNG or WebP (it sniffs the bytes again), and the weapp build keeps to the same.
 * Shared by photo.ts and photo.weapp.ts (which cannot import each other: in the weapp build `./photo` is
 * photo.weapp.ts itself).
 */

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024
export const PHOTO_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp']
export const PHOTO_TOO_LARGE = `照片过大（上限 ${MAX_PHOTO_BYTES / 1024 / 1024} MB），请压缩后再传`
export const PHOTO_WRONG_TYPE = '只能上传 JPG、PNG 或 WebP 照片'

/** What a photo is for: a 随手拍 report, or the courier's face photo (the guard compares it at the gate). */
export type PhotoPurpose = 'report' | 'face'

/** A picture picked on the phone, not yet uploaded. */
export interface ChosenPhoto {
  /** A local path the page can show at once (a blob URL in h5, a temp file in WeChat). */
  path: string
  /** Bytes, as the picker says (0 when unknown). */
  size: number
  /** MIME type, when the picker knows it (h5). */
  type?: string
}

/** Throws the Chinese refusal for a picture too large or of a kind that is not kept. */
export function checkPhoto(size: number, type?: string): void {
  if (type && !PHOTO_TYPES.includes(type.toLowerCase())) throw new CloudError('BAD_REQUEST', PHOTO_WRONG_TYPE)
  if (size > MAX_PHOTO_BYTES) throw new CloudError('BODY_TOO_LARGE', PHOTO_TOO_LARGE)
}

/** Whether a picker error is the user closing it (WeChat: "chooseImage:fail cancel"; h5: "cancel"). */
export function isPickerCancel(error: unknown): boolean {
  const errMsg: unknown = (error as { errMsg?: unknown } | null)?.errMsg
  return typeof errMsg === 'string' && /cancel/i.test(errMsg)
}

export const PICKER_FAILED = '无法选择照片，请在设置中允许使用相册和摄像头'
