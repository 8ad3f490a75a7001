import type { Paint2d } from './qr'

/** A canvas ready to paint on: its 2D context and its square size in device pixels. */
export interface CanvasSurface {
  ctx: Paint2d
  pixels: number
}

/*
 * h5 (and default): Taro's <Canvas> is a web component that renders its own <canvas> inside, a frame or two
 * after React mounts it. The weapp build replaces this module (qr-canvas.weapp.ts): there the canvas 2d node
 * comes from a selector query.
 */

const ATTEMPTS = 40
const INTERVAL_MS = 50

function findCanvas(id: string): HTMLCanvasElement | null {
  const host = document.getElementById(id)
  if (!host) return null
  if (host instanceof HTMLCanvasElement) return host
  return host.querySelector('canvas')
}

/**
 * The canvas with `id`, sized to its displayed width times the device pixel ratio; null when it never
 * appears (e.g. the page was left, or a test environment without canvas).
 */
export function getCanvasSurface(id: string): Promise<CanvasSurface | null> {
  return new Promise((resolve) => {
    let tries = 0
    const attempt = () => {
      const canvas = findCanvas(id)
      const cssWidth = canvas?.clientWidth ?? 0
      if (canvas && cssWidth > 0) {
        const pixels = Math.round(cssWidth * (window.devicePixelRatio || 1))
        canvas.width = pixels
        canvas.height = pixels
        const ctx = canvas.getContext('2d')
        resolve(ctx ? { ctx, pixels } : null)
        return
      }
      if (++tries >= ATTEMPTS) {
        resolve(null)
        return
      }
      setTimeout(attempt, INTERVAL_MS)
    }
    attempt()
  })
}
