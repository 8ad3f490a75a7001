import type { DemoIdentity as DemoIdentityType } from './demo-identity'

/*
 * weapp build of demo-identity.ts: in WeChat the cloud knows the caller from its OPENID, so there is no demo
 * identity to pick. Same exports, inert behaviour; the demo-login page then shows its empty state.
 */

export const DEMO_LOGIN_ENABLED = false

export const DEMO_OPENID_KEY = 'demoOpenid'

export type DemoIdentity = DemoIdentityType

export function getDemoOpenid(): string | null {
  return null
}

export function setDemoOpenid(_openid: string): void {}

export function needsDemoLogin(): boolean {
  return false
}

export async function listDemoIdentities(): Promise<DemoIdentity[]> {
  return []
}
