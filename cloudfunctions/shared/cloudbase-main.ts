import * as cloud from 'wx-server-sdk'
import { fail } from '../../types'
import { systemClock, type Clock } from './clock'
import { loadConfig, type Config } from './config'
import { isMediaCheckEvent, wechatContentCheck, type SecurityOpenApi } from './content-check'
import type { Router } from './handler'
import { cloudPhotoAccess } from './photos'
import { wxacodeMaker, type WxacodeOpenApi } from './mini-program-code'
import { wechatNotifier, type Notifier, type SubscribeOpenApi } from './notify'
import type { AppStore, Collections } from './store/collections'
import { createCloudBaseStore } from './store/cloudbase'

/**
 * Builds a CloudBase function's `main`: everything platform-specific happens here and only here.
 * The store and configuration are created once per cold start; identity comes from the WX context
 * (OPENID is injected by the platform), never from the event.
 */
export interface TimerTask {
  (platform: { store: AppStore; clock: Clock; config: Config; notifier: Notifier }): Promise<unknown>
}

/** Subscribe messages through `cloud.openapi.subscribeMessage.send`, with the configured template ids. */
function notifierOf(config: Config): Notifier {
  return wechatNotifier(
    cloud.openapi as unknown as SubscribeOpenApi,
    config.subscribeTemplateIds,
    config.miniProgramEnvVersion,
  )
}

/** WeChat's wxa_media_check message push (configured in the WeChat admin to reach the `points` function). */
export interface MediaCheckTask {
  (event: unknown, platform: { openid: string | undefined; store: AppStore; clock: Clock }): Promise<unknown>
}

/** CloudBase's timer-trigger event. Only the platform sends it: a client call always carries an OPENID. */
function isTimerEvent(event: unknown, openid: string | undefined): boolean {
  return !openid && typeof event === 'object' && event !== null && (event as { Type?: unknown }).Type === 'Timer'
}

export function cloudbaseMain(router: Router, onTimer?: TimerTask, onMediaCheck?: MediaCheckTask) {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  const config = loadConfig(process.env)
  const store = createCloudBaseStore<Collections>(cloud.database())
  const miniProgramCode = wxacodeMaker(cloud.openapi as unknown as WxacodeOpenApi)
  const contentCheck = wechatContentCheck(cloud.openapi as unknown as SecurityOpenApi, cloud)
  const notifier = notifierOf(config)
  const photos = cloudPhotoAccess(cloud)
  return async function main(event: unknown): Promise<unknown> {
    const { OPENID } = cloud.getWXContext()
    if (onTimer && isTimerEvent(event, OPENID)) return onTimer({ store, clock: systemClock, config, notifier })
    if (onMediaCheck && isMediaCheckEvent(event))
      return onMediaCheck(event, { openid: OPENID, store, clock: systemClock })
    return router.dispatch(event, {
      openid: OPENID,
      store,
      clock: systemClock,
      config,
      miniProgramCode,
      contentCheck,
      notifier,
      photos,
    })
  }
}

/**
 * Builds the `main` of a function that only runs on its timer trigger (the daily purge). Anything else, a call
 * from the mini-program above all, is refused: such a function offers no action.
 */
export function cloudbaseTimer(task: TimerTask) {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  const config = loadConfig(process.env)
  const store = createCloudBaseStore<Collections>(cloud.database())
  const notifier = notifierOf(config)
  return async function main(event: unknown): Promise<unknown> {
    const { OPENID } = cloud.getWXContext()
    if (!isTimerEvent(event, OPENID)) return fail('FORBIDDEN', '该云函数只由定时触发器调用')
    return task({ store, clock: systemClock, config, notifier })
  }
}
