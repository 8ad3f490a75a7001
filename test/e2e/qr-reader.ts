import jsQR from 'jsqr'
import type { Locator } from 'playwright-core'
import { PNG } from 'pngjs'

/** Decodes the one QR code in a PNG image (e.g. a screenshot); null when none can be read. */
export function decodeQrPng(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length)
  return jsQR(pixels, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null
}

/**
 * Screenshots `element` (a QR code's canvas, as the phone shows it) and decodes it from its pixels, trying again
 * until the canvas has been painted with a readable code. `accept` rejects a decoded text that is not the one
 * awaited yet (e.g. the code from before a refresh).
 */
export async function readQrFromScreen(
  element: Locator,
  { timeoutMs = 10_000, accept = () => true }: { timeoutMs?: number; accept?: (text: string) => boolean } = {},
): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const decoded = decodeQrPng(await element.screenshot({ animations: 'disabled' }))
    if (decoded !== null && accept(decoded)) return decoded
    if (Date.now() > deadline) {
      throw new Error(
        `no acceptable QR code on screen within ${timeoutMs} ms (last decoded: ${JSON.stringify(decoded)})`,
      )
    }
    await element.page().waitForTimeout(100)
  }
}
