import Taro from '@tarojs/taro'
import { CloudError } from './cloud-error'

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

/** WeChat's code for "the function ran and threw": not the network's fault. */
const FUNCTION_EXECUTE_FAIL = -504002

export async function send(name: string, request: unknown): Promise<unknown> {
  ensureCloud()
  try {
    const response = await Taro.cloud.callFunction({ name, data: request as TaroGeneral.IAnyObject })
    return response.result
  } catch (error) {
    const errCode = (error as { errCode?: unknown } | null)?.errCode
    throw new CloudError(errCode === FUNCTION_EXECUTE_FAIL ? 'INTERNAL' : 'NETWORK', undefined, { cause: error })
  }
}
