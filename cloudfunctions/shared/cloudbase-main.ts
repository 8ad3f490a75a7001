import * as cloud from 'wx-server-sdk'
import { systemClock } from './clock'
import { loadConfig } from './config'
import type { Router } from './handler'
import type { Collections } from './store/collections'
import { createCloudBaseStore } from './store/cloudbase'

/**
 * Builds a CloudBase function's `main`: everything platform-specific happens here and only here.
 * The store and configuration are created once per cold start; identity comes from the WX context
 * (OPENID is injected by the platform), never from the event.
 */
export function cloudbaseMain(router: Router) {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  const config = loadConfig(process.env)
  const store = createCloudBaseStore<Collections>(cloud.database())
  return async function main(event: unknown): Promise<unknown> {
    const { OPENID } = cloud.getWXContext()
    return router.dispatch(event, { openid: OPENID, store, clock: systemClock, config })
  }
}
