import { memo, useEffect } from 'react'
import { Canvas, View } from '@tarojs/components'
import { paintQr, qrMatrix } from '../../services/qr'
import { getCanvasSurface } from '../../services/qr-canvas'
import './index.css'

export interface QrCodeProps {
  /** The text to encode. */
  value: string
  /** Id of the canvas (unique on the page): the canvas is found by it. */
  canvasId: string
}

/**
 * A QR code drawn on a canvas (2d). Memoised on its value, so a page that re-renders every second (a
 * countdown) never touches the canvas; a new value is drawn as soon as the canvas is there.
 */
function QrCode({ value, canvasId }: QrCodeProps) {
  useEffect(() => {
    let current = true
    getCanvasSurface(canvasId)
      .then((surface) => {
        if (current && surface) paintQr(surface.ctx, qrMatrix(value), surface.pixels)
      })
      // No canvas, or text too long for any QR version: the page still shows everything else.
      .catch(() => {})
    return () => {
      current = false
    }
  }, [value, canvasId])

  return (
    <View className='qr-code' data-value={value}>
      <Canvas type='2d' id={canvasId} className='qr-code__canvas' />
    </View>
  )
}

export default memo(QrCode)
