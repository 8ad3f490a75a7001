import { cloudPhotoAccess, PHOTO_URL_TTL_S, photoUrl, photoUrls } from '../../cloudfunctions/shared/photos'

/** CloudBase storage as wx-server-sdk answers: getTempFileURL and deleteFile take at most 50 files a call. */
function fakeCloud(missing: ReadonlySet<string> = new Set()) {
  const asked: Array<Array<{ fileID: string; maxAge: number }>> = []
  const deleted: string[][] = []
  return {
    asked,
    deleted,
    getTempFileURL: async ({ fileList }: { fileList: Array<{ fileID: string; maxAge: number }> }) => {
      if (fileList.length > 50) throw new Error('at most 50')
      asked.push(fileList)
      return {
        fileList: fileList.map(({ fileID }) =>
          missing.has(fileID)
            ? { fileID, tempFileURL: '', status: -503003, errMsg: 'file not exists' }
            : { fileID, tempFileURL: `https://bucket.tcb.qcloud.la/${fileID.slice(-8)}?sign=x`, status: 0 },
        ),
      }
    },
    deleteFile: async ({ fileList }: { fileList: string[] }) => {
      if (fileList.length > 50) throw new Error('at most 50')
      deleted.push(fileList)
      return { fileList: fileList.map((fileID) => ({ fileID, status: 0 })) }
    },
  }
}

const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `cloud://env-1.7465/faces/p${String(i).padStart(6, '0')}.jpg`)

describe('photos on CloudBase (cloudPhotoAccess)', () => {
  it('asks for temp URLs of the given max age, 50 at a time, and leaves out files storage does not have', async () => {
    const refs = ids(120)
    const cloud = fakeCloud(new Set([refs[7]]))
    const urls = await cloudPhotoAccess(cloud).urls(refs)
    expect(cloud.asked.map((batch) => batch.length)).toEqual([50, 50, 20])
    expect(cloud.asked.flat().every((f) => f.maxAge === PHOTO_URL_TTL_S)).toBe(true)
    expect(urls.size).toBe(119)
    expect(urls.has(refs[7])).toBe(false)
    expect(urls.get(refs[0])).toBe('https://bucket.tcb.qcloud.la/0000.jpg?sign=x')
  })

  it('never hands a local reference to CloudBase', async () => {
    const cloud = fakeCloud()
    expect(await cloudPhotoAccess(cloud).urls(['local:AbCdEfGhIjKlMnOpQrStUv'])).toEqual(new Map())
    await cloudPhotoAccess(cloud).remove(['local:AbCdEfGhIjKlMnOpQrStUv'])
    expect(cloud.asked).toEqual([])
    expect(cloud.deleted).toEqual([])
  })

  it('deletes files 50 at a time', async () => {
    const cloud = fakeCloud()
    await cloudPhotoAccess(cloud).remove(ids(51))
    expect(cloud.deleted.map((batch) => batch.length)).toEqual([50, 1])
  })
})

describe('photoUrls / photoUrl (what handlers call)', () => {
  it('asks once for each distinct reference, skips empty ones, and answers nothing without a service', async () => {
    const cloud = fakeCloud()
    const ctx = { photos: cloudPhotoAccess(cloud) }
    const [a, b] = ids(2)
    const urls = await photoUrls(ctx, [a, undefined, '', a, b])
    expect(cloud.asked).toEqual([
      [
        { fileID: a, maxAge: PHOTO_URL_TTL_S },
        { fileID: b, maxAge: PHOTO_URL_TTL_S },
      ],
    ])
    expect([...urls.keys()]).toEqual([a, b])
    expect(await photoUrl({}, a)).toBeUndefined()
    expect(await photoUrl(ctx, undefined)).toBeUndefined()
    expect(await photoUrls(ctx, [])).toEqual(new Map())
    expect(cloud.asked).toHaveLength(1)
  })
})
