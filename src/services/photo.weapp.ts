import Taro from '@tarojs/taro'
import { PhotoRef } from '../../types'
import { CloudError, wxCloudFailureCode } from './cloud-error'
import {
  checkPhoto,
  isPickerCancel,
  PHOTO_WRONG_TYPE,
  PICKER_FAILED,
  type ChosenPhoto,
  type PhotoPurpose,
} from './photo-rules'
import { newRequestKey } from './points'
import { ensureCloud } from './transport.weapp'

export { MAX_PHOTO_BYTES, type ChosenPhoto, type PhotoPurpose } from './photo-rules'

/*
 * weapp build of photo.ts: pick with WeChat's picker (compressed), upload to CloudBase storage with
 * wx.cloud.uploadFile, and use the file id (`cloud://…`) as the photo's reference. The storage rule keeps
 * clients from reading it (docs/GO-LIVE.md): a photo is shown through the temp URL a function answers.
 */

/**
 * Opens WeChat's picker (album or camera) for one compressed picture; null when the user closed it.
 * wx.chooseMedia (base library 2.10.0), not the deprecated wx.chooseImage. Its `fileType` is "image" or "video",
 * not a MIME type, so the kind is judged from the file's extension when it is uploaded.
 */
export async function choosePhoto(purpose: PhotoPurpose = 'report'): Promise<ChosenPhoto | null> {
  let chosen: Taro.chooseMedia.SuccessCallbackResult
  try {
    chosen = await Taro.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sizeType: ['compressed'],
      // a face photo: the camera first, facing the courier
      ...(purpose === 'face'
        ? { sourceType: ['camera', 'album'], camera: 'front' as const }
        : { sourceType: ['album', 'camera'] }),
    })
  } catch (error) {
    if (isPickerCancel(error)) return null
    throw new Error(PICKER_FAILED, { cause: error })
  }
  const file = chosen.tempFiles?.[0]
  if (!file?.tempFilePath) return null
  return purpose === 'face'
    ? smallerFace(file.tempFilePath, file.size ?? 0)
    : { path: file.tempFilePath, size: file.size ?? 0 }
}

/**
 * A face photo is shown at most about 320 px tall and kept on guards' phones for offline checks: compressed
 * again on the phone (JPEG quality 60, longest side 1080 px). The picker's own file when that fails.
 */
async function smallerFace(path: string, size: number): Promise<ChosenPhoto> {
  try {
    const { tempFilePath } = await Taro.compressImage({ src: path, quality: 60, compressedWidth: 1080 })
    // never larger than the picker's file, whose size is the bound the upload checks
    return { path: tempFilePath || path, size }
  } catch {
    return { path, size }
  }
}

/** The stored file's extension from the temp path WeChat gave; other picture kinds (GIF, HEIC…) are refused. */
function extensionOf(path: string): 'jpg' | 'png' | 'webp' {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(path)?.[1]?.toLowerCase()
  if (ext === undefined || ext === 'jpg' || ext === 'jpeg') return 'jpg'
  if (ext === 'png' || ext === 'webp') return ext
  throw new CloudError('BAD_REQUEST', PHOTO_WRONG_TYPE)
}

/** Uploads to `reports/` (or `faces/`) `<random>.<ext>` in CloudBase storage and answers the file id. */
export async function uploadPhoto(photo: ChosenPhoto, purpose: PhotoPurpose = 'report'): Promise<string> {
  checkPhoto(photo.size, photo.type)
  const folder = purpose === 'face' ? 'faces' : 'reports'
  const cloudPath = `${folder}/${newRequestKey()}.${extensionOf(photo.path)}`
  ensureCloud()
  let fileID: unknown
  try {
    fileID = (await Taro.cloud.uploadFile({ cloudPath, filePath: photo.path })).fileID
  } catch (error) {
    // Storage of an environment that does not exist says so; any other failure of a (large) upload is the network's.
    if (wxCloudFailureCode(error) === 'SERVICE_NOT_CONFIGURED') {
      throw new CloudError('SERVICE_NOT_CONFIGURED', undefined, { cause: error })
    }
    throw new CloudError('NETWORK', '照片上传失败，请检查网络后重试', { cause: error })
  }
  const ref = PhotoRef.safeParse(fileID)
  if (!ref.success) throw new CloudError('BAD_RESPONSE', undefined, { cause: ref.error })
  return ref.data
}
