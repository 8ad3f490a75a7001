/*
 * QR Code symbols in byte mode at error-correction level M, the smallest version (1–40) that holds the text: what
 * the app draws (小哥码, 场所码, invitations). A port of the part of qrcode-generator 2.0.4 that does this
 * (Copyright (c) 2009 Kazuhiko Arase, MIT licence, github.com/kazuhikoarase/qrcode-generator), module for module,
 * the mask choice included; the library's other modes and levels and its HTML, SVG and GIF output are left out,
 * which keeps ≈ 16 KB out of the mini-program's main package. test/unit/qr-encode.test.ts compares every module
 * with the library's at every version. "QR Code" is a registered trademark of DENSO WAVE INCORPORATED.
 */

/** Error-correction blocks of each version at level M: [count, total codewords, data codewords], once or twice. */
const RS_BLOCKS_M = [
  [1, 26, 16], [1, 44, 28], [1, 70, 44], [2, 50, 32], [2, 67, 43], [4, 43, 27], [4, 49, 31],
  [2, 60, 38, 2, 61, 39], [3, 58, 36, 2, 59, 37], [4, 69, 43, 1, 70, 44], [1, 80, 50, 4, 81, 51],
  [6, 58, 36, 2, 59, 37], [8, 59, 37, 1, 60, 38], [4, 64, 40, 5, 65, 41], [5, 65, 41, 5, 66, 42],
  [7, 73, 45, 3, 74, 46], [10, 74, 46, 1, 75, 47], [9, 69, 43, 4, 70, 44], [3, 70, 44, 11, 71, 45],
  [3, 67, 41, 13, 68, 42], [17, 68, 42], [17, 74, 46], [4, 75, 47, 14, 76, 48], [6, 73, 45, 14, 74, 46],
  [8, 75, 47, 13, 76, 48], [19, 74, 46, 4, 75, 47], [22, 73, 45, 3, 74, 46], [3, 73, 45, 23, 74, 46],
  [21, 73, 45, 7, 74, 46], [19, 75, 47, 10, 76, 48], [2, 74, 46, 29, 75, 47], [10, 74, 46, 23, 75, 47],
  [14, 74, 46, 21, 75, 47], [14, 74, 46, 23, 75, 47], [12, 75, 47, 26, 76, 48], [6, 75, 47, 34, 76, 48],
  [29, 74, 46, 14, 75, 47], [13, 74, 46, 32, 75, 47], [40, 75, 47, 7, 76, 48], [18, 75, 47, 31, 76, 48],
] // prettier-ignore

interface Block {
  total: number
  data: number
}

function blocksOf(version: number): Block[] {
  const row = RS_BLOCKS_M[version - 1]
  const blocks: Block[] = []
  for (let i = 0; i < row.length; i += 3) {
    for (let n = 0; n < row[i]; n++) blocks.push({ total: row[i + 1], data: row[i + 2] })
  }
  return blocks
}

const dataCodewords = (blocks: Block[]) => blocks.reduce((sum, block) => sum + block.data, 0)

/** Where the alignment patterns' centres are, on each axis (none for version 1). */
function alignmentPositions(version: number): number[] {
  if (version === 1) return []
  const size = version * 4 + 17
  const count = Math.floor(version / 7) + 2
  const step = version === 32 ? 26 : Math.ceil((size - 13) / (2 * count - 2)) * 2
  const positions = [6]
  for (let pos = size - 7; positions.length < count; pos -= step) positions.splice(1, 0, pos)
  return positions
}

// GF(256) with the QR polynomial x^8 + x^4 + x^3 + x^2 + 1
const EXP: number[] = []
const LOG: number[] = []
for (let i = 0; i < 256; i++) EXP[i] = i < 8 ? 1 << i : EXP[i - 4] ^ EXP[i - 5] ^ EXP[i - 6] ^ EXP[i - 8]
for (let i = 0; i < 255; i++) LOG[EXP[i]] = i
const gexp = (n: number) => EXP[n % 255]

/** The generator polynomial of `degree` error-correction codewords, highest power first. */
function generator(degree: number): number[] {
  let poly = [1]
  for (let i = 0; i < degree; i++) {
    const next = new Array<number>(poly.length + 1).fill(0)
    for (let j = 0; j < poly.length; j++) {
      next[j] ^= poly[j]
      next[j + 1] ^= gexp(LOG[poly[j]] + i)
    }
    poly = next
  }
  return poly
}

/** The error-correction codewords of one block: the remainder of data × x^degree by the generator. */
function errorCorrection(data: number[], degree: number): number[] {
  const gen = generator(degree)
  const rest = [...data, ...new Array<number>(degree).fill(0)]
  for (let i = 0; i < data.length; i++) {
    const lead = rest[i]
    if (lead === 0) continue
    for (let j = 0; j < gen.length; j++) rest[i + j] ^= gexp(LOG[gen[j]] + LOG[lead])
  }
  return rest.slice(data.length)
}

/** Mode, length, data, terminator and padding, split into blocks, each with its error correction, interleaved. */
function codewords(bytes: number[], version: number, blocks: Block[]): number[] {
  const bits: number[] = []
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1)
  }
  put(0b0100, 4) // byte mode
  put(bytes.length, version < 10 ? 8 : 16)
  for (const byte of bytes) put(byte, 8)
  const capacity = dataCodewords(blocks) * 8
  if (bits.length > capacity) throw new RangeError(`QR code length overflow (${bits.length} > ${capacity} bits)`)
  if (bits.length + 4 <= capacity) put(0, 4)
  while (bits.length % 8 !== 0) bits.push(0)
  for (let pad = 0; bits.length < capacity; pad++) put(pad % 2 === 0 ? 0xec : 0x11, 8)

  const stream: number[] = []
  for (let i = 0; i < bits.length; i += 8) stream.push(bits.slice(i, i + 8).reduce((byte, bit) => (byte << 1) | bit, 0))
  const data: number[][] = []
  const ec: number[][] = []
  let offset = 0
  for (const block of blocks) {
    data.push(stream.slice(offset, offset + block.data))
    ec.push(errorCorrection(data[data.length - 1], block.total - block.data))
    offset += block.data
  }
  const interleaved: number[] = []
  for (const part of [data, ec]) {
    const longest = Math.max(...part.map((words) => words.length))
    for (let i = 0; i < longest; i++) for (const words of part) if (i < words.length) interleaved.push(words[i])
  }
  return interleaved
}

/** BCH code of `data` with generator `poly` of degree `bits` (format and version information). */
function bch(data: number, poly: number, bits: number): number {
  const degree = (n: number) => (n === 0 ? 0 : 32 - Math.clz32(n))
  let rest = data << bits
  while (degree(rest) >= degree(poly)) rest ^= poly << (degree(rest) - degree(poly))
  return (data << bits) | rest
}

const MASKS: Array<(i: number, j: number) => boolean> = [
  (i, j) => (i + j) % 2 === 0,
  (i) => i % 2 === 0,
  (_i, j) => j % 3 === 0,
  (i, j) => (i + j) % 3 === 0,
  (i, j) => (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0,
  (i, j) => ((i * j) % 2) + ((i * j) % 3) === 0,
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2 === 0,
  (i, j) => (((i * j) % 3) + ((i + j) % 2)) % 2 === 0,
]

/** The symbol with `mask`; `test` leaves the format and version information light, as for choosing a mask. */
function symbol(version: number, words: number[], mask: number, test: boolean): boolean[][] {
  const size = version * 4 + 17
  const m: Array<Array<boolean | null>> = Array.from({ length: size }, () => new Array<boolean | null>(size).fill(null))

  for (const [row, col] of [
    [0, 0],
    [size - 7, 0],
    [0, size - 7],
  ]) {
    for (let r = -1; r <= 7; r++) {
      for (let c = -1; c <= 7; c++) {
        if (row + r < 0 || row + r >= size || col + c < 0 || col + c >= size) continue
        m[row + r][col + c] =
          (r >= 0 && r <= 6 && (c === 0 || c === 6)) ||
          (c >= 0 && c <= 6 && (r === 0 || r === 6)) ||
          (r >= 2 && r <= 4 && c >= 2 && c <= 4)
      }
    }
  }
  const centres = alignmentPositions(version)
  for (const row of centres) {
    for (const col of centres) {
      if (m[row][col] !== null) continue
      for (let r = -2; r <= 2; r++) {
        for (let c = -2; c <= 2; c++) m[row + r][col + c] = Math.max(Math.abs(r), Math.abs(c)) !== 1
      }
    }
  }
  for (let i = 8; i < size - 8; i++) {
    if (m[i][6] === null) m[i][6] = i % 2 === 0
    if (m[6][i] === null) m[6][i] = i % 2 === 0
  }
  // level M is 00, then the mask
  const format = bch(mask, 0b10100110111, 10) ^ 0b101010000010010
  for (let i = 0; i < 15; i++) {
    const dark = !test && ((format >> i) & 1) === 1
    m[i < 6 ? i : i < 8 ? i + 1 : size - 15 + i][8] = dark
    m[8][i < 8 ? size - i - 1 : i < 9 ? 15 - i : 14 - i] = dark
  }
  m[size - 8][8] = !test
  if (version >= 7) {
    const info = bch(version, 0b1111100100101, 12)
    for (let i = 0; i < 18; i++) {
      const dark = !test && ((info >> i) & 1) === 1
      m[Math.floor(i / 3)][(i % 3) + size - 11] = dark
      m[(i % 3) + size - 11][Math.floor(i / 3)] = dark
    }
  }

  // the data, in two-module columns from the right, up and down in turn, skipping the timing column
  const masked = MASKS[mask]
  let bit = 0
  let up = true
  for (let col = size - 1; col > 0; col -= 2) {
    if (col === 6) col--
    for (let step = 0; step < size; step++) {
      const row = up ? size - 1 - step : step
      for (let c = 0; c < 2; c++) {
        if (m[row][col - c] !== null) continue
        const byte = bit >> 3
        const dark = byte < words.length && ((words[byte] >>> (7 - (bit & 7))) & 1) === 1
        m[row][col - c] = dark !== masked(row, col - c)
        bit++
      }
    }
    up = !up
  }
  return m as boolean[][]
}

/** qrcode-generator's penalty of a symbol (its own weights): the mask with the least is chosen. */
function penalty(m: boolean[][]): number {
  const size = m.length
  // dark, light, dark dark dark, light, dark: a run like a finder pattern's middle
  const finderLike = (at: (k: number) => boolean) => at(0) && !at(1) && at(2) && at(3) && at(4) && !at(5) && at(6)
  let points = 0
  let dark = 0
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const here = m[row][col]
      let same = 0
      for (let r = Math.max(0, row - 1); r <= Math.min(size - 1, row + 1); r++) {
        for (let c = Math.max(0, col - 1); c <= Math.min(size - 1, col + 1); c++) {
          if ((r !== row || c !== col) && m[r][c] === here) same++
        }
      }
      if (same > 5) points += 3 + same - 5
      if (here) dark++
      if (row < size - 1 && col < size - 1) {
        const square = [here, m[row + 1][col], m[row][col + 1], m[row + 1][col + 1]].filter(Boolean).length
        if (square === 0 || square === 4) points += 3
      }
      if (col < size - 6) {
        if (finderLike((k) => m[row][col + k])) points += 40
        // the same along a column: `row` is the column, `col` the first row
        if (finderLike((k) => m[col + k][row])) points += 40
      }
    }
  }
  return points + (Math.abs((100 * dark) / size / size - 50) / 5) * 10
}

/** The modules of `text`'s QR code, dark (true) or light, row by row; each character is one byte (its low 8 bits). */
export function encodeQr(text: string): boolean[][] {
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) bytes.push(text.charCodeAt(i) & 0xff)
  let version = 1
  while (version < 40 && 4 + (version < 10 ? 8 : 16) + bytes.length * 8 > dataCodewords(blocksOf(version)) * 8) {
    version++
  }
  const words = codewords(bytes, version, blocksOf(version))
  let best = 0
  let least = Infinity
  for (let mask = 0; mask < 8; mask++) {
    const points = penalty(symbol(version, words, mask, true))
    if (points < least) {
      least = points
      best = mask
    }
  }
  return symbol(version, words, best, false)
}
