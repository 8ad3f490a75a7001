import Taro from '@tarojs/taro'
import { CloudError, wxCloudFailureCode } from './cloud-error'

/*
 * weapp transport: CloudBase through wx.cloud. WeChat attaches the caller's OPENID itself, so nothing about
 * identity is sent. Replaces transport.ts in the weapp build (Taro resolves `*.weapp.ts` first).
 */

let initialised = false

/** Initialises wx.cloud once per app run; the photo upload (photo.weapp.ts) shares it. */
export function ensureCloud(): void {
  if (initialised) return
  Taro.cloud.init({ env: CLOUD_ENV, traceUser: true })
  initialised = true
}

/**
 * Calls a function. A failed call is told apart by what WeChat says (cloud-error.ts): a function that threw is
 * INTERNAL, an environment that does not exist SERVICE_NOT_CONFIGURED, a cloud that answered too late TIMEOUT, and
 * only a request that never got through NETWORK.
 */
export async function send(name: string, request: unknown): Promise<unknown> {
  ensureCloud()
  try {
    const response = await Taro.cloud.callFunction({ name, data: request as TaroGeneral.IAnyObject })
    return response.result
  } catch (error) {
    throw new CloudError(wxCloudFailureCode(error), undefined, { cause: error })
  }
}
