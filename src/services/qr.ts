import qrcode from 'qrcode-generator'

/** The modules of a QR code: `size` × `size`, dark or light. */
export interface QrMatrix {
  size: number
  isDark(row: number, col: number): boolean
}

/**
 * The QR code of `text` at error-correction level M, the smallest version that holds it (a 小哥码 token fits
 * version 8 or less, which cheap phone cameras at a gate read easily).
 */
export function qrMatrix(text: string): QrMatrix {
  const qr = qrcode(0, 'M')
  qr.addData(text, 'Byte')
  qr.make()
  return { size: qr.getModuleCount(), isDark: (row, col) => qr.isDark(row, col) }
}

/** The part of a 2D canvas context the QR painter needs (the same in a browser and in WeChat's canvas 2d). */
export interface Paint2d {
  fillStyle: unknown
  fillRect(x: number, y: number, width: number, height: number): void
}

/** Light margin inside the canvas, in modules; the white card around it makes up the four the standard asks for. */
export const QR_QUIET_MODULES = 2

/**
 * Paints `matrix` centred on a white square of `pixels` device pixels, with whole-pixel modules so the edges
 * stay sharp for the camera.
 */
export function paintQr(ctx: Paint2d, matrix: QrMatrix, pixels: number): void {
  const span = matrix.size + QR_QUIET_MODULES * 2
  const cell = Math.max(1, Math.floor(pixels / span))
  const offset = Math.floor((pixels - cell * matrix.size) / 2)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, pixels, pixels)
  ctx.fillStyle = '#000000'
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (matrix.isDark(row, col)) ctx.fillRect(offset + col * cell, offset + row * cell, cell, cell)
    }
  }
}
