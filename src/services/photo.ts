import Taro from '@tarojs/taro'
import { z } from '../../types/zod'
import { envelopeOf, PhotoRef } from '../../types'
import { CloudError } from './cloud-error'
import { getDemoOpenid } from './demo-identity'
import { checkPhoto, isPickerCancel, PICKER_FAILED, type ChosenPhoto, type PhotoPurpose } from './photo-rules'

export { MAX_PHOTO_BYTES, type ChosenPhoto, type PhotoPurpose } from './photo-rules'

/*
 * Photos (随手拍 and the courier's face photo), h5 (and default) build: the local cloud keeps them (`POST
 * /local/upload`, raw bytes, the demo identity in `x-openid`, as transport.ts sends function calls). A stored
 * photo is shown only through the short-lived URL a function answers to someone allowed to see it.
 * The weapp build uses photo.weapp.ts instead (CloudBase storage through wx.cloud.uploadFile).
 */

const UploadReply = envelopeOf(z.object({ photo: PhotoRef }))

/**
 * Opens the picker for one picture; null when the user closed it without choosing.
 * h5 stays on Taro.chooseImage, unlike photo.weapp.ts: in Taro's h5 build it is chooseMedia({ mediaType: ['image'] })
 * under its old name (a file input either way, no compression), so nothing is gained for the browser, while the
 * report page's tests stub chooseImage. Move this and those stubs to chooseMedia together.
 */
export async function choosePhoto(_purpose: PhotoPurpose = 'report'): Promise<ChosenPhoto | null> {
  let chosen: Taro.chooseImage.SuccessCallbackResult
  try {
    chosen = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] })
  } catch (error) {
    if (isPickerCancel(error)) return null
    throw new Error(PICKER_FAILED, { cause: error })
  }
  const file = chosen.tempFiles?.[0]
  const path = file?.path ?? chosen.tempFilePaths?.[0]
  if (!path) return null
  return { path, size: file?.size ?? 0, ...(file?.type ? { type: file.type } : {}) }
}

/**
 * Uploads a chosen picture and answers its reference (`local:<id>`) for submitReport, or with `face` for the
 * registration or a replacement. Refuses (CloudError with a Chinese message) a picture over 2 MiB or not JPEG,
 * PNG or WebP before sending it.
 */
export async function uploadPhoto(photo: ChosenPhoto, purpose: PhotoPurpose = 'report'): Promise<string> {
  checkPhoto(photo.size, photo.type)
  let blob: Blob
  try {
    // h5's picker gives a blob URL: read the picture's bytes back from it.
    blob = await (await fetch(photo.path)).blob()
  } catch (error) {
    throw new CloudError('BAD_REQUEST', '无法读取这张照片，请重新选择', { cause: error })
  }
  checkPhoto(blob.size, blob.type || photo.type)

  const headers: Record<string, string> = { 'content-type': blob.type || photo.type || 'application/octet-stream' }
  const openid = getDemoOpenid()
  if (openid) headers['x-openid'] = openid
  let response: Response
  try {
    const path = purpose === 'face' ? '/local/upload?for=face' : '/local/upload'
    response = await fetch(path, { method: 'POST', headers, body: blob })
  } catch (error) {
    throw new CloudError('NETWORK', undefined, { cause: error })
  }
  let body: unknown
  try {
    body = await response.json()
  } catch (error) {
    throw new CloudError(response.status >= 502 && response.status <= 504 ? 'NETWORK' : 'BAD_RESPONSE', undefined, {
      cause: error,
    })
  }
  const reply = UploadReply.safeParse(body)
  if (!reply.success) throw new CloudError('BAD_RESPONSE', undefined, { cause: reply.error })
  if (!reply.data.ok) throw new CloudError(reply.data.error.code, reply.data.error.message)
  return reply.data.data.photo
}
