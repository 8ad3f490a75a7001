// The platform services behind the 小哥码 pages: QR drawing (both builds), and the weapp variants of screen,
// scan and canvas lookup, imported directly (jest, like tsc, resolves the default files).
import Taro from '@tarojs/taro'
import { paintQr, qrMatrix, type Paint2d } from '../../src/services/qr'
import { getCanvasSurface } from '../../src/services/qr-canvas'
import { getCanvasSurface as getWeappCanvasSurface } from '../../src/services/qr-canvas.weapp'
import { holdScreenForPass as holdScreenH5 } from '../../src/services/screen'
import { holdScreenForPass } from '../../src/services/screen.weapp'
import { CAMERA_SCAN_AVAILABLE as H5_CAN_SCAN, scanPassCode as scanH5 } from '../../src/services/scan'
import { CAMERA_SCAN_AVAILABLE, scanPassCode } from '../../src/services/scan.weapp'

/** Taro's APIs as plain async functions, to spy on whichever a test needs. */
const taro = Taro as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>

afterEach(() => jest.restoreAllMocks())

/** A context that records the rectangles painted dark and light. */
function recorder() {
  const rects: Array<{ style: unknown; x: number; y: number; w: number; h: number }> = []
  const ctx: Paint2d = {
    fillStyle: '',
    fillRect(x, y, w, h) {
      rects.push({ style: this.fillStyle, x, y, w, h })
    },
  }
  return { ctx, rects }
}

describe('QR drawing', () => {
  // As long as the longest token with a full 送往 (the cloud's own test proves the real bound).
  const TOKEN = `XG1.${'A'.repeat(140)}`

  it('encodes a 小哥码-sized text at level M in version 8 or less (49 modules)', () => {
    const matrix = qrMatrix(TOKEN)
    expect(matrix.size).toBeLessThanOrEqual(49)
    expect((matrix.size - 17) % 4).toBe(0) // a real QR version: 21, 25, …
  })

  it('paints every dark module as a whole-pixel square, centred on white', () => {
    const matrix = qrMatrix('XG1.test')
    const { ctx, rects } = recorder()
    paintQr(ctx, matrix, 500)
    expect(rects[0]).toEqual({ style: '#ffffff', x: 0, y: 0, w: 500, h: 500 })
    let dark = 0
    for (let r = 0; r < matrix.size; r++) for (let c = 0; c < matrix.size; c++) if (matrix.isDark(r, c)) dark++
    const modules = rects.slice(1)
    expect(modules).toHaveLength(dark)
    const cell = modules[0].w
    expect(Number.isInteger(cell)).toBe(true)
    expect(modules.every((m) => m.style === '#000000' && m.w === cell && m.h === cell)).toBe(true)
    // The finder pattern's top-left module sits at the offset, the same from the left and from the top.
    const offset = Math.floor((500 - cell * matrix.size) / 2)
    expect(modules[0]).toMatchObject({ x: offset, y: offset })
  })
})

describe('qr-canvas (h5)', () => {
  it('sizes the canvas inside Taro’s <Canvas> to device pixels and returns its context', async () => {
    const host = document.createElement('taro-canvas-core')
    host.id = 'qr-test'
    const canvas = document.createElement('canvas')
    host.appendChild(canvas)
    document.body.appendChild(host)
    Object.defineProperty(canvas, 'clientWidth', { value: 260 })
    const ctx = { fillStyle: '', fillRect: jest.fn() }
    jest.spyOn(canvas, 'getContext').mockReturnValue(ctx as unknown as CanvasRenderingContext2D)
    const before = window.devicePixelRatio
    window.devicePixelRatio = 2
    const surface = await getCanvasSurface('qr-test')
    expect(surface).toEqual({ ctx, pixels: 520 })
    expect(canvas.width).toBe(520)
    expect(canvas.height).toBe(520)
    window.devicePixelRatio = before
    host.remove()
  })

  it('gives up quietly when the canvas never appears', async () => {
    jest.useFakeTimers()
    const pending = getCanvasSurface('nowhere')
    await jest.runAllTimersAsync()
    await expect(pending).resolves.toBeNull()
    jest.useRealTimers()
  })
})

describe('qr-canvas.weapp', () => {
  it('finds the canvas 2d node by a selector query and sizes it by the pixel ratio', async () => {
    const node = { width: 0, height: 0, getContext: jest.fn(() => ({ fillStyle: '', fillRect: jest.fn() })) }
    const fields = jest.fn()
    const query: { select: jest.Mock; fields: jest.Mock; exec: jest.Mock } = {
      select: jest.fn(() => query),
      fields: jest.fn((wanted: unknown) => {
        fields(wanted)
        return query
      }),
      exec: jest.fn((cb: (res: unknown[]) => void) => cb([{ node, width: 260 }])),
    }
    jest.spyOn(taro, 'createSelectorQuery').mockReturnValue(query as never)
    jest.spyOn(taro, 'getWindowInfo').mockReturnValue({ pixelRatio: 3 } as never)
    const surface = await getWeappCanvasSurface('pass-qr')
    expect(query.select).toHaveBeenCalledWith('#pass-qr')
    expect(fields).toHaveBeenCalledWith({ node: true, size: true })
    expect(surface?.pixels).toBe(780)
    expect(node.width).toBe(780)
    expect(node.getContext).toHaveBeenCalledWith('2d')
  })
})

describe('screen', () => {
  it('does nothing in h5 (browsers cannot)', async () => {
    const release = await holdScreenH5(() => {})
    expect(() => release()).not.toThrow()
  })

  it('weapp: raises brightness, keeps the screen on, hides captures, warns on a screenshot, and restores', async () => {
    const calls: string[] = []
    let captureListener: (() => void) | undefined
    jest.spyOn(taro, 'getScreenBrightness').mockResolvedValue({ value: 0.35 })
    jest
      .spyOn(taro, 'setScreenBrightness')
      .mockImplementation(async (o) => calls.push(`brightness ${(o as { value: number }).value}`))
    jest
      .spyOn(taro, 'setKeepScreenOn')
      .mockImplementation(async (o) => calls.push(`keepOn ${String((o as { keepScreenOn: boolean }).keepScreenOn)}`))
    jest
      .spyOn(taro, 'setVisualEffectOnCapture')
      .mockImplementation(async (o) => calls.push(`capture ${(o as { visualEffect: string }).visualEffect}`))
    jest.spyOn(taro, 'onUserCaptureScreen').mockImplementation(async (cb) => {
      captureListener = cb as () => void
    })
    const off = jest.spyOn(taro, 'offUserCaptureScreen').mockImplementation(async () => undefined)
    const onCapture = jest.fn()

    const release = await holdScreenForPass(onCapture)
    expect(calls).toEqual(['brightness 1', 'keepOn true', 'capture hidden'])
    captureListener?.()
    expect(onCapture).toHaveBeenCalledTimes(1)

    release()
    release() // twice is harmless
    await Promise.resolve()
    expect(off).toHaveBeenCalledWith(captureListener)
    expect(calls.slice(3)).toEqual(['capture none', 'keepOn false', 'brightness 0.35'])
  })

  it('weapp: a device that refuses every step still shows the code', async () => {
    for (const api of [
      'getScreenBrightness',
      'setScreenBrightness',
      'setKeepScreenOn',
      'setVisualEffectOnCapture',
      'onUserCaptureScreen',
    ]) {
      jest.spyOn(taro, api).mockRejectedValue({ errMsg: `${api}:fail not supported` })
    }
    const setBrightness = taro.setScreenBrightness as unknown as jest.Mock
    const release = await holdScreenForPass(() => {})
    release()
    // The previous brightness is unknown, so it is left to WeChat to restore.
    expect(setBrightness).toHaveBeenCalledTimes(1)
  })
})

describe('scan', () => {
  it('h5 has no camera scanner', async () => {
    expect(H5_CAN_SCAN).toBe(false)
    await expect(scanH5()).resolves.toBeNull()
  })

  it('weapp scans QR codes from the camera only', async () => {
    const scan = jest.spyOn(taro, 'scanCode').mockResolvedValue({ result: 'XG1.abc', scanType: 'QR_CODE' })
    expect(CAMERA_SCAN_AVAILABLE).toBe(true)
    await expect(scanPassCode()).resolves.toBe('XG1.abc')
    expect(scan).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] })
  })

  it('weapp: a cancelled scan is no scan; a refused camera is a Chinese error', async () => {
    jest.spyOn(taro, 'scanCode').mockRejectedValueOnce({ errMsg: 'scanCode:fail cancel' })
    await expect(scanPassCode()).resolves.toBeNull()
    jest.spyOn(taro, 'scanCode').mockRejectedValueOnce({ errMsg: 'scanCode:fail auth deny' })
    await expect(scanPassCode()).rejects.toThrow('无法打开扫码，请在设置中允许小程序使用摄像头')
  })
})
