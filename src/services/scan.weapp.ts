import Taro from '@tarojs/taro'

/* weapp build of scan.ts: WeChat's camera scanner, QR codes only, never a picture from the album. */

export const CAMERA_SCAN_AVAILABLE = true

export async function scanPassCode(): Promise<string | null> {
  let result: string
  try {
    ;({ result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] }))
  } catch (error) {
    const errMsg = String((error as { errMsg?: unknown } | null)?.errMsg ?? '')
    if (/cancel/i.test(errMsg)) return null // the guard closed the scanner
    throw new Error('无法打开扫码，请在设置中允许小程序使用摄像头')
  }
  return typeof result === 'string' && result.length > 0 ? result : null
}
