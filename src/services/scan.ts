/*
 * Reading a 小哥码 or a 场所码. Browsers here have no camera scanner, so the h5 (default) build offers none and
 * the pages show a field where the code's text can be pasted; scan.weapp.ts scans with WeChat's camera.
 */

/** Whether this build can scan with the camera. */
export const CAMERA_SCAN_AVAILABLE = false

/** The text of a scanned QR code, or null when the guard cancelled; throws an Error with a Chinese message. */
export async function scanPassCode(): Promise<string | null> {
  return null
}

/** A gate's 场所码 as text (a plain QR's text or a 小程序码's scene), or null when cancelled. */
export async function scanPlaceCode(): Promise<string | null> {
  return null
}
