import { applyStorage, STORAGE_ACL, type StorageAdmin } from '../../scripts/deploy/storage'

/** The deploy's storage step: the bucket holding face and 随手拍 photos is made private, once. */
function admin(initial: string): StorageAdmin & { acl: () => Promise<string>; sets: string[] } {
  let current = initial
  const sets: string[] = []
  return {
    sets,
    acl: async () => current,
    setAcl: async (acl) => {
      sets.push(acl)
      current = acl
    },
  }
}

describe('deploy: storage', () => {
  it('makes a bucket every user may read (the default) private, and says so', async () => {
    const bucket = admin('READONLY')
    const log: string[] = []
    expect(await applyStorage(bucket, (line) => log.push(line))).toEqual(['set storage from READONLY to PRIVATE'])
    expect(bucket.sets).toEqual([STORAGE_ACL])
    expect(log).toEqual(['set storage from READONLY to PRIVATE'])
  })

  it('changes nothing the second time', async () => {
    const bucket = admin('READONLY')
    await applyStorage(bucket)
    expect(await applyStorage(bucket)).toEqual([])
    expect(bucket.sets).toEqual(['PRIVATE'])
  })
})
