import Taro from '@tarojs/taro'
import { sceneFrom } from '../../types'

/* weapp build of scan.ts: WeChat's camera scanner, never a picture from the album. */

export const CAMERA_SCAN_AVAILABLE = true

type ScanType = 'qrCode' | 'wxCode'

async function scanWithCamera(scanType: ScanType[]): Promise<Taro.scanCode.SuccessCallbackResult | null> {
  try {
    // WeChat lists 'wxCode' (小程序码) among scanType's values; Taro's typings predate it.
    return await Taro.scanCode({
      onlyFromCamera: true,
      scanType: scanType as unknown as Array<keyof Taro.scanCode.ScanType>,
    })
  } catch (error) {
    const errMsg: unknown = (error as { errMsg?: unknown } | null)?.errMsg
    if (typeof errMsg === 'string' && /cancel/i.test(errMsg)) return null // closed the scanner
    throw new Error('无法打开扫码，请在设置中允许小程序使用摄像头', { cause: error })
  }
}

export async function scanPassCode(): Promise<string | null> {
  const scanned = await scanWithCamera(['qrCode'])
  return typeof scanned?.result === 'string' && scanned.result.length > 0 ? scanned.result : null
}

/** A gate's 场所码: the plain QR's text, or the scene of the gate's 小程序码 (which arrives as a page path). */
export async function scanPlaceCode(): Promise<string | null> {
  const scanned = await scanWithCamera(['qrCode', 'wxCode'])
  if (!scanned) return null
  const scene = scanned.path ? sceneFrom(scanned.path) : null
  if (scene) return scene
  return typeof scanned.result === 'string' && scanned.result.length > 0 ? scanned.result : null
}
