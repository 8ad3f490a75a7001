import zlib from 'node:zlib'
import { PNG } from 'pngjs'

/*
 * A PNG of few colours written as an indexed PNG (colour type 3, a palette with its alpha in tRNS): the same
 * pixels in about two thirds of the bytes. The tab icons are one colour with anti-aliased edges, around 200
 * distinct RGBA values, and they ride in the weapp main package.
 */

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** `png` as an indexed PNG with exactly its pixels; `png` itself when it has more than 256 colours. */
export function toIndexedPng(png: Buffer): Buffer {
  const { width, height, data } = PNG.sync.read(png)
  const index = new Map<number, number>()
  // one filter byte (0, none) before each row of palette indices
  const rows = Buffer.alloc((width + 1) * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const rgba = data.readUInt32BE((y * width + x) * 4)
      let i = index.get(rgba)
      if (i === undefined) {
        if (index.size === 256) return png
        i = index.size
        index.set(rgba, i)
      }
      rows[y * (width + 1) + 1 + x] = i
    }
  }
  const palette = Buffer.alloc(index.size * 3)
  const alpha = Buffer.alloc(index.size)
  for (const [rgba, i] of index) {
    palette.writeUIntBE(rgba >>> 8, i * 3, 3)
    alpha[i] = rgba & 0xff
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bits per index
  header[9] = 3 // indexed colour; compression, filter and interlace stay 0
  const indexed = Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('PLTE', palette),
    chunk('tRNS', alpha),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
  return indexed.length < png.length ? indexed : png
}
