import type CloudBase from '@cloudbase/manager-node'

/**
 * The storage step of the deploy: face photos (`faces/`) and 随手拍 photos (`reports/`) are uploaded by the
 * mini-program into the environment's bucket, and no other user may read them: the bucket is PRIVATE
 * (仅创建者及管理员可读写), so a courier reads only what they uploaded, and everyone else sees a photo only through
 * the short-lived URL a function answers (cloud.getTempFileURL; functions read as admin). The default
 * (READONLY: 所有用户可读) would let any user of the app download any photo whose file id they learn, through a
 * URL that never expires. Reads before it writes: a second run changes nothing.
 */
export const STORAGE_ACL = 'PRIVATE'

/** The two management calls the step needs, as @cloudbase/manager-node offers them (see managerStorage). */
export interface StorageAdmin {
  acl(): Promise<string>
  setAcl(acl: typeof STORAGE_ACL): Promise<void>
}

export async function applyStorage(admin: StorageAdmin, log: (line: string) => void = () => {}): Promise<string[]> {
  const acl = await admin.acl()
  if (acl === STORAGE_ACL) return []
  await admin.setAcl(STORAGE_ACL)
  const line = `set storage from ${acl || 'unknown'} to ${STORAGE_ACL}`
  log(line)
  return [line]
}

export function managerStorage(manager: CloudBase): StorageAdmin {
  return {
    acl: async () => String(await manager.storage.getStorageAcl()),
    setAcl: async (acl) => {
      await manager.storage.setStorageAcl(acl)
    },
  }
}
