// 随手拍 photos: the h5 (default) service against a mocked local cloud, and the weapp one (imported directly,
// as jest and tsc resolve the default files) against stubs of WeChat's picker and wx.cloud.uploadFile.
import Taro from '@tarojs/taro'
import { choosePhoto, MAX_PHOTO_BYTES, uploadPhoto } from '../../src/services/photo'
import * as weapp from '../../src/services/photo.weapp'
import { CloudError } from '../../src/services/cloud-error'
import { PhotoRef } from '../../types'
import { chooseDemoIdentity, failReply, mockActions, okReply, sentUploads } from './helpers'

const picker = Taro as unknown as {
  chooseMedia: typeof Taro.chooseMedia
  chooseImage: typeof Taro.chooseImage
  compressImage: typeof Taro.compressImage
}
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46])
const jpeg = () => new Blob([JPEG], { type: 'image/jpeg' })
const LOCAL_REF = 'local:AbCdEfGhIjKlMnOpQrStUv'

/** What h5's chooseImage answers (photo.ts explains why h5 keeps it). */
function pickedImage(path: string, size: number, type?: string) {
  return {
    tempFilePaths: [path],
    tempFiles: [{ path, size, ...(type ? { type } : {}) }],
    errMsg: 'chooseImage:ok',
  } as never
}

/** What WeChat's chooseMedia answers for one picture: `fileType` is "image" there, not a MIME type. */
function picked(tempFilePath: string, size: number, fileType = 'image') {
  return {
    tempFiles: [{ tempFilePath, size, fileType, duration: 0, height: 600, width: 800, thumbTempFilePath: '' }],
    type: 'image',
    errMsg: 'chooseMedia:ok',
  } as never
}

async function failure(promise: Promise<unknown>): Promise<CloudError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CloudError)
  return error as CloudError
}

afterEach(() => jest.restoreAllMocks())

describe('photo (h5): pick, then POST the bytes to /local/upload', () => {
  beforeEach(() => {
    localStorage.clear()
    chooseDemoIdentity('demo-courier')
  })

  it('asks for one compressed picture and gives its blob URL, size and type', async () => {
    const spy = jest
      .spyOn(picker, 'chooseImage')
      .mockResolvedValue(pickedImage('blob:http://127.0.0.1/p1', 1234, 'image/jpeg'))
    await expect(choosePhoto()).resolves.toEqual({ path: 'blob:http://127.0.0.1/p1', size: 1234, type: 'image/jpeg' })
    expect(spy).toHaveBeenCalledWith({ count: 1, sizeType: ['compressed'] })
  })

  it('gives null when the picker is closed, and a Chinese message when it fails', async () => {
    const spy = jest.spyOn(picker, 'chooseImage').mockRejectedValue({ errMsg: 'cancel' })
    await expect(choosePhoto()).resolves.toBeNull()
    spy.mockRejectedValue({ errMsg: 'chooseImage:fail something broke' })
    await expect(choosePhoto()).rejects.toThrow('无法选择照片')
  })

  it('reads the picture behind the blob URL and uploads its raw bytes as the demo user', async () => {
    const photo = jpeg()
    const fetchMock = mockActions({}, { blobs: { 'blob:p1': photo }, upload: () => okReply({ photo: LOCAL_REF }) })
    await expect(uploadPhoto({ path: 'blob:p1', size: photo.size, type: 'image/jpeg' })).resolves.toBe(LOCAL_REF)
    expect(fetchMock.mock.calls.map((call) => call[0])).toEqual(['blob:p1', '/local/upload'])
    const [upload] = sentUploads(fetchMock)
    expect(upload.headers).toEqual({ 'content-type': 'image/jpeg', 'x-openid': 'demo-courier' })
    expect(upload.body).toBe(photo)
    expect((fetchMock.mock.calls[1][1] as RequestInit).method).toBe('POST')
  })

  it('refuses a picture over 2 MiB before sending anything', async () => {
    const fetchMock = mockActions({}, { upload: () => okReply({ photo: LOCAL_REF }) })
    const error = await failure(uploadPhoto({ path: 'blob:big', size: MAX_PHOTO_BYTES + 1, type: 'image/jpeg' }))
    expect(error.code).toBe('BODY_TOO_LARGE')
    expect(error.message).toBe('照片过大（上限 2 MB），请压缩后再传')
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('refuses what the file turns out to be when the picker did not say: too large, or not a photo', async () => {
    const big = new Blob([new Uint8Array(MAX_PHOTO_BYTES + 1)], { type: 'image/png' })
    const gif = new Blob([new Uint8Array([0x47, 0x49, 0x46])], { type: 'image/gif' })
    const fetchMock = mockActions(
      {},
      { blobs: { 'blob:big': big, 'blob:gif': gif }, upload: () => okReply({ photo: LOCAL_REF }) },
    )
    expect((await failure(uploadPhoto({ path: 'blob:big', size: 0 }))).code).toBe('BODY_TOO_LARGE')
    const wrong = await failure(uploadPhoto({ path: 'blob:gif', size: 0 }))
    expect(wrong.code).toBe('BAD_REQUEST')
    expect(wrong.message).toBe('只能上传 JPG、PNG 或 WebP 照片')
    expect(sentUploads(fetchMock)).toHaveLength(0)
  })

  it('passes on the local cloud’s refusal with its Chinese message', async () => {
    mockActions(
      {},
      { blobs: { 'blob:p1': jpeg() }, upload: () => failReply('BAD_REQUEST', '只能上传 JPG、PNG 或 WebP 照片') },
    )
    const error = await failure(uploadPhoto({ path: 'blob:p1', size: 10, type: 'image/jpeg' }))
    expect(error.code).toBe('BAD_REQUEST')
    expect(error.message).toBe('只能上传 JPG、PNG 或 WebP 照片')
  })

  it('sends no identity when none was picked, and shows UNAUTHENTICATED as the cloud says it', async () => {
    localStorage.clear()
    const fetchMock = mockActions({}, { blobs: { 'blob:p1': jpeg() }, upload: () => failReply('UNAUTHENTICATED') })
    const error = await failure(uploadPhoto({ path: 'blob:p1', size: 10, type: 'image/jpeg' }))
    expect(error.message).toBe('未识别到用户身份，请重新进入小程序')
    expect(sentUploads(fetchMock)[0].headers['x-openid']).toBeUndefined()
  })

  it('refuses a reply that is not a photo reference', async () => {
    mockActions({}, { blobs: { 'blob:p1': jpeg() }, upload: () => okReply({ photo: 'file:///etc/passwd' }) })
    expect((await failure(uploadPhoto({ path: 'blob:p1', size: 10, type: 'image/jpeg' }))).code).toBe('BAD_RESPONSE')
  })

  it('uploads a face photo with `?for=face`, which a visitor registering may send', async () => {
    const photo = jpeg()
    const fetchMock = mockActions({}, { blobs: { 'blob:p1': photo }, upload: () => okReply({ photo: LOCAL_REF }) })
    await expect(uploadPhoto({ path: 'blob:p1', size: photo.size, type: 'image/jpeg' }, 'face')).resolves.toBe(
      LOCAL_REF,
    )
    expect(sentUploads(fetchMock).map((u) => u.url)).toEqual(['/local/upload?for=face'])
  })
})

describe('photo.weapp: WeChat’s picker, then wx.cloud.uploadFile', () => {
  type CloudStub = { init: jest.Mock; uploadFile: jest.Mock }
  const cloud: CloudStub = { init: jest.fn(), uploadFile: jest.fn() }
  const FILE_ID = 'cloud://xiaoge-test.7869-xiaoge-test-1300000000/reports/abc.jpg'

  beforeAll(() => {
    ;(Taro as unknown as { cloud?: CloudStub }).cloud = cloud
  })
  beforeEach(() => cloud.uploadFile.mockReset())

  it('asks chooseMedia for one compressed picture from the album or the camera', async () => {
    const deprecated = jest.spyOn(picker, 'chooseImage')
    const spy = jest.spyOn(picker, 'chooseMedia').mockResolvedValue(picked('http://tmp/wx1.jpg', 2048))
    // WeChat's fileType is "image", not a MIME type: nothing is claimed about the kind (the upload checks the name)
    await expect(weapp.choosePhoto()).resolves.toEqual({ path: 'http://tmp/wx1.jpg', size: 2048 })
    expect(spy).toHaveBeenCalledWith({
      count: 1,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['album', 'camera'],
    })
    expect(deprecated).not.toHaveBeenCalled()
    spy.mockRejectedValue({ errMsg: 'chooseMedia:fail cancel' })
    await expect(weapp.choosePhoto()).resolves.toBeNull()
    spy.mockRejectedValue({ errMsg: 'chooseMedia:fail auth deny' })
    await expect(weapp.choosePhoto()).rejects.toThrow('无法选择照片，请在设置中允许使用相册和摄像头')
    spy.mockResolvedValue({ tempFiles: [], type: 'image', errMsg: 'chooseMedia:ok' })
    await expect(weapp.choosePhoto()).resolves.toBeNull()
  })

  it('uploads to reports/<random>.jpg in CloudBase storage and answers the file id', async () => {
    cloud.uploadFile.mockResolvedValue({ fileID: FILE_ID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' })
    await expect(weapp.uploadPhoto({ path: 'http://tmp/wx1.jpg', size: 2048 })).resolves.toBe(FILE_ID)
    await weapp.uploadPhoto({ path: 'wxfile://tmp_2.png', size: 2048 })
    expect(cloud.init).toHaveBeenCalledTimes(1)
    expect(cloud.init).toHaveBeenCalledWith({ env: 'xiaoge-test', traceUser: true })
    const [first, second] = cloud.uploadFile.mock.calls.map(
      (call) => call[0] as { cloudPath: string; filePath: string },
    )
    expect(first.filePath).toBe('http://tmp/wx1.jpg')
    expect(first.cloudPath).toMatch(/^reports\/[A-Za-z0-9_-]{22}\.jpg$/)
    expect(second.cloudPath).toMatch(/^reports\/[A-Za-z0-9_-]{22}\.png$/)
    expect(second.cloudPath).not.toBe(first.cloudPath.replace('.jpg', '.png'))
    // What comes back is what a report may carry.
    expect(PhotoRef.safeParse(FILE_ID).success).toBe(true)
  })

  it('refuses a picture over 2 MiB or a GIF before uploading', async () => {
    expect((await failure(weapp.uploadPhoto({ path: 'http://tmp/big.jpg', size: MAX_PHOTO_BYTES + 1 }))).code).toBe(
      'BODY_TOO_LARGE',
    )
    expect((await failure(weapp.uploadPhoto({ path: 'http://tmp/moving.gif', size: 100 }))).message).toBe(
      '只能上传 JPG、PNG 或 WebP 照片',
    )
    expect(cloud.uploadFile).not.toHaveBeenCalled()
  })

  it('says 服务环境未配置 when the CloudBase environment of the upload does not exist', async () => {
    cloud.uploadFile.mockRejectedValueOnce({
      errCode: -501000,
      errMsg: 'cloud.uploadFile:fail Error: errCode: -501000 | errMsg: [100003] env not exists',
    })
    const error = await failure(weapp.uploadPhoto({ path: 'http://tmp/wx1.jpg', size: 10 }))
    expect(error.code).toBe('SERVICE_NOT_CONFIGURED')
    expect(error.message).toBe('服务环境未配置，请联系管理员')
  })

  it('reports a failed upload as NETWORK with a Chinese message, and an odd file id as BAD_RESPONSE', async () => {
    cloud.uploadFile.mockRejectedValueOnce({ errMsg: 'cloud.uploadFile:fail timeout' })
    const network = await failure(weapp.uploadPhoto({ path: 'http://tmp/wx1.jpg', size: 10 }))
    expect(network.code).toBe('NETWORK')
    expect(network.message).toBe('照片上传失败，请检查网络后重试')
    cloud.uploadFile.mockResolvedValueOnce({ fileID: 'https://example.com/a.jpg', statusCode: 200, errMsg: 'ok' })
    expect((await failure(weapp.uploadPhoto({ path: 'http://tmp/wx1.jpg', size: 10 }))).code).toBe('BAD_RESPONSE')
  })

  it('takes a face photo with the front camera first, compresses it again, and keeps it under faces/', async () => {
    const spy = jest.spyOn(picker, 'chooseMedia').mockResolvedValue(picked('http://tmp/face.jpg', 900_000))
    const compress = jest
      .spyOn(picker, 'compressImage')
      .mockResolvedValue({ tempFilePath: 'http://tmp/face-small.jpg', errMsg: 'compressImage:ok' })
    await expect(weapp.choosePhoto('face')).resolves.toEqual({ path: 'http://tmp/face-small.jpg', size: 900_000 })
    expect(spy).toHaveBeenCalledWith({
      count: 1,
      mediaType: ['image'],
      sizeType: ['compressed'],
      sourceType: ['camera', 'album'],
      camera: 'front',
    })
    expect(compress).toHaveBeenCalledWith({ src: 'http://tmp/face.jpg', quality: 60, compressedWidth: 1080 })
    // a phone that cannot compress still sends the picker's (compressed) picture
    compress.mockRejectedValueOnce({ errMsg: 'compressImage:fail' })
    await expect(weapp.choosePhoto('face')).resolves.toEqual({ path: 'http://tmp/face.jpg', size: 900_000 })

    cloud.uploadFile.mockResolvedValue({ fileID: FILE_ID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' })
    await weapp.uploadPhoto({ path: 'http://tmp/face-small.jpg', size: 10 }, 'face')
    const [call] = cloud.uploadFile.mock.calls.map((c) => c[0] as { cloudPath: string })
    expect(call.cloudPath).toMatch(/^faces\/[A-Za-z0-9_-]{22}\.jpg$/)
  })
})
