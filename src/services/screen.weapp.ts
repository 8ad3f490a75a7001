import Taro from '@tarojs/taro'

/*
 * weapp build of screen.ts: brightness up (the previous value restored on release), screen kept on, captures
 * hidden where WeChat supports it (Android, base library 3.3.0+) and a callback on every screenshot.
 * Each step is best effort: a refusal never keeps the code from being shown.
 */

async function quietly<T>(step: () => Promise<T> | T): Promise<T | undefined> {
  try {
    return await step()
  } catch {
    return undefined
  }
}

/** wx.setVisualEffectOnCapture, which Taro exposes only where this WeChat has it. */
async function setCaptureEffect(visualEffect: 'hidden' | 'none'): Promise<void> {
  if (typeof Taro.setVisualEffectOnCapture !== 'function') return
  await quietly(() => Taro.setVisualEffectOnCapture({ visualEffect }))
}

export async function holdScreenForPass(onCapture: () => void): Promise<() => void> {
  const before = await quietly(() => Taro.getScreenBrightness())
  await quietly(() => Taro.setScreenBrightness({ value: 1 }))
  await quietly(() => Taro.setKeepScreenOn({ keepScreenOn: true }))
  await setCaptureEffect('hidden')
  const listener = () => onCapture()
  await quietly(() => Taro.onUserCaptureScreen(listener))

  let released = false
  return () => {
    if (released) return
    released = true
    void quietly(() => Taro.offUserCaptureScreen(listener))
    void setCaptureEffect('none')
    void quietly(() => Taro.setKeepScreenOn({ keepScreenOn: false }))
    // Within the mini-program, back to the brightness read before (WeChat itself drops the setting when the
    // mini-program leaves the foreground); unknown, it stays until then.
    const value = before?.value
    if (typeof value === 'number' && value >= 0 && value <= 1) void quietly(() => Taro.setScreenBrightness({ value }))
  }
}
