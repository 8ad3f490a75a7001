import type { MeOutput } from '../../types'
import { call } from './cloud'

/** Who the caller is: nickname, roles with community names, courier registration if any. */
export function fetchMe(): Promise<MeOutput> {
  return call('account', { action: 'me' })
}
