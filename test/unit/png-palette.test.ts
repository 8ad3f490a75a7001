import fs from 'node:fs'
import path from 'node:path'
import { PNG } from 'pngjs'
import { toIndexedPng } from '../../scripts/png-palette'

const ASSETS = path.resolve(__dirname, '../../src/assets')
const TAB_ICONS = fs.readdirSync(path.join(ASSETS, 'tab')).map((name) => path.join(ASSETS, 'tab', name))

/** An RGBA PNG of `width` × `height` whose pixel (x, y) is `colour(x, y)`. */
function rgbaPng(width: number, height: number, colour: (x: number, y: number) => number): Buffer {
  const png = new PNG({ width, height })
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) png.data.writeUInt32BE(colour(x, y) >>> 0, (y * width + x) * 4)
  }
  return PNG.sync.write(png)
}

const pixels = (png: Buffer) => PNG.sync.read(png).data

describe('toIndexedPng', () => {
  it('keeps every pixel, alpha included, and writes a palette', () => {
    // one colour at 81 levels of alpha, like an anti-aliased icon, plus full transparency
    const png = rgbaPng(81, 81, (x, y) => (x === y ? 0 : 0xc2410c00 + ((x * 3 + y) % 81) * 3))
    const indexed = toIndexedPng(png)
    expect(indexed[25]).toBe(3) // IHDR colour type: indexed
    expect(pixels(indexed).equals(pixels(png))).toBe(true)
    expect(indexed.length).toBeLessThan(png.length)
  })

  it('leaves a picture of more than 256 colours as it was', () => {
    const png = rgbaPng(32, 32, (x, y) => ((x * 32 + y) << 8) | 0xff)
    expect(toIndexedPng(png)).toBe(png)
  })

  it('has been applied to the tab icons (the weapp main package carries them)', () => {
    expect(TAB_ICONS).toHaveLength(6)
    for (const file of TAB_ICONS) {
      const png = fs.readFileSync(file)
      expect([path.basename(file), png[25]]).toEqual([path.basename(file), 3])
      expect(toIndexedPng(png).length).toBe(png.length)
    }
  })
})
