import Taro from '@tarojs/taro'
import { PhotoRef } from '../../types'
import { CloudError, wxCloudFailureCode } from './cloud-error'
import { checkPhoto, isPickerCancel, PHOTO_WRONG_TYPE, PICKER_FAILED, type ChosenPhoto } from './photo-rules'
import { newRequestKey } from './points'
import { ensureCloud } from './transport.weapp'

export { MAX_PHOTO_BYTES, type ChosenPhoto } from './photo-rules'

/*
 * weapp build of photo.ts: pick with WeChat's picker (compressed), upload to CloudBase storage with
 * wx.cloud.uploadFile, and use the file id (`cloud://…`) as the report's photo; <Image> shows it directly.
 */

/**
 * Opens WeChat's picker (album or camera) for one compressed picture; null when the user closed it.
 * wx.chooseMedia (base library 2.10.0), not the deprecated wx.chooseImage. Its `fileType` is "image" or "video",
 * not a MIME type, so the kind is judged from the file's extension when it is uploaded.
 */
export async function choosePhoto(): Promise<ChosenPhoto | null> {
  let chosen: Taro.chooseMedia.SuccessCallbackResult
  try {
    chosen = await Taro.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    })
  } catch (error) {
    if (isPickerCancel(error)) return null
    throw new Error(PICKER_FAILED, { cause: error })
  }
  const file = chosen.tempFiles?.[0]
  return file?.tempFilePath ? { path: file.tempFilePath, size: file.size ?? 0 } : null
}

/** The stored file's extension from the temp path WeChat gave; other picture kinds (GIF, HEIC…) are refused. */
function extensionOf(path: string): 'jpg' | 'png' | 'webp' {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(path)?.[1]?.toLowerCase()
  if (ext === undefined || ext === 'jpg' || ext === 'jpeg') return 'jpg'
  if (ext === 'png' || ext === 'webp') return ext
  throw new CloudError('BAD_REQUEST', PHOTO_WRONG_TYPE)
}

/** Uploads to `reports/<random>.<ext>` in CloudBase storage and answers the file id for submitReport. */
export async function uploadPhoto(photo: ChosenPhoto): Promise<string> {
  checkPhoto(photo.size, photo.type)
  const cloudPath = `reports/${newRequestKey()}.${extensionOf(photo.path)}`
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

/** A CloudBase file id is shown by <Image> as it is; a local upload cannot be shown in WeChat. */
export function photoUrl(ref: string): string | null {
  return ref.startsWith('cloud://') ? ref : null
}
