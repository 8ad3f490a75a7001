import Taro from '@tarojs/taro'
import type { CanvasSurface } from './qr-canvas'

export type { CanvasSurface } from './qr-canvas'

/*
 * weapp build of qr-canvas.ts: a <Canvas type='2d'> is reached through a selector query for its node, then
 * sized in device pixels (WeChat draws 2d canvases at 1× otherwise, which blurs the modules).
 */

const ATTEMPTS = 20
const INTERVAL_MS = 50

interface CanvasNode {
  width: number
  height: number
  getContext(type: '2d'): CanvasSurface['ctx'] | null
}

function pixelRatio(): number {
  try {
    return Taro.getWindowInfo().pixelRatio || 2
  } catch {
    return 2
  }
}

function query(id: string): Promise<{ node: CanvasNode | null; width: number }> {
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: CanvasNode; width?: number } | null>) => {
          const found = res?.[0]
          resolve({ node: found?.node ?? null, width: found?.width ?? 0 })
        })
    } catch {
      // a host without selector queries (e.g. a test simulator): nothing to draw on
      resolve({ node: null, width: 0 })
    }
  })
}

export async function getCanvasSurface(id: string): Promise<CanvasSurface | null> {
  for (let tries = 0; tries < ATTEMPTS; tries++) {
    const { node, width } = await query(id)
    if (node && width > 0) {
      const pixels = Math.round(width * pixelRatio())
      node.width = pixels
      node.height = pixels
      const ctx = node.getContext('2d')
      return ctx ? { ctx, pixels } : null
    }
    await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS))
  }
  return null
}
