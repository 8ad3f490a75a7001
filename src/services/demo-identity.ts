import Taro from '@tarojs/taro'
import { DemoIdentitiesReply, Id, type DemoIdentity } from '../../types'
import { CloudError } from './cloud-error'

/*
 * The h5 demo runs against the local cloud, which takes the caller's identity from an `x-openid` header
 * chosen here. The weapp build replaces this module (demo-identity.weapp.ts): there WeChat says who the user is.
 */

/** Whether this build lets people pick a demo identity (h5 only). */
export const DEMO_LOGIN_ENABLED = true

export const DEMO_OPENID_KEY = 'demoOpenid'

export type { DemoIdentity }

export function getDemoOpenid(): string | null {
  const value: unknown = Taro.getStorageSync(DEMO_OPENID_KEY)
  return typeof value === 'string' && Id.safeParse(value).success ? value : null
}

export function setDemoOpenid(openid: string): void {
  Taro.setStorageSync(DEMO_OPENID_KEY, openid)
}

/** True when the demo needs someone to pick an identity before anything else is shown. */
export function needsDemoLogin(): boolean {
  return DEMO_LOGIN_ENABLED && getDemoOpenid() === null
}

/** The demo identities the local cloud offers (`GET /local/demo-identities`). */
export async function listDemoIdentities(): Promise<DemoIdentity[]> {
  let response: Response
  try {
    response = await fetch('/local/demo-identities', { headers: { accept: 'application/json' } })
  } catch (error) {
    throw new CloudError('NETWORK', undefined, { cause: error })
  }
  if (!response.ok) throw new CloudError('INTERNAL')
  const body: unknown = await response.json().catch(() => null)
  const parsed = DemoIdentitiesReply.safeParse(body)
  if (!parsed.success) throw new CloudError('BAD_RESPONSE', undefined, { cause: parsed.error })
  return parsed.data.identities
}
