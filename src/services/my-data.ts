import type { ActionOutput, MyDataOutput } from '../../types'
import { call } from './cloud'
import { clearSupply } from './pass-supply'

export type MyData = MyDataOutput
export type MyDataExport = ActionOutput<'account', 'exportMyData'>

/** 我的数据: everything the system holds about the caller, as the page shows it. */
export function fetchMyData(): Promise<MyData> {
  return call('account', { action: 'myData' })
}

/** Every record held about the caller, as a JSON file and a CSV table. */
export function exportMyData(): Promise<MyDataExport> {
  return call('account', { action: 'exportMyData' })
}

/**
 * Gives or withdraws the entry-record consent. Withdrawn, the codes kept on this phone for no signal are
 * dropped too: none would be let in, and none should be shown.
 */
export async function setMovementConsent(given: boolean) {
  const out = await call('account', { action: 'setMovementConsent', given })
  if (!given) clearSupply()
  return out
}

/** Deletes the account for good; the phone's stored codes go with it. */
export async function deleteMyAccount(): Promise<void> {
  await call('account', { action: 'deleteMyAccount', confirm: '注销' })
  clearSupply()
}
