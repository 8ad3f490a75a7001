import qrcode from 'qrcode-generator'
import { encodeQr } from '../../src/services/qr-encode'

/** The library's modules for `text` (byte mode, level M, smallest version): what the port must equal. */
function library(text: string): boolean[][] {
  const qr = qrcode(0, 'M')
  qr.addData(text, 'Byte')
  qr.make()
  const size = qr.getModuleCount()
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => qr.isDark(row, col)))
}

/** A repeatable text of `length` characters from `alphabet`. */
function text(length: number, seed: number, alphabet: string): string {
  let state = seed
  let out = ''
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    out += alphabet[state % alphabet.length]
  }
  return out
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'

describe('encodeQr', () => {
  it('equals qrcode-generator module for module, at every version from 1 to 40', () => {
    // what each version holds in byte mode at level M (ISO/IEC 18004, table 7): a text that long takes that
    // version, one byte more the next
    const CAPACITY = [
      14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911,
      997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
    ]
    CAPACITY.forEach((bytes, i) => {
      for (const [length, version] of [
        [bytes, i + 1],
        [bytes + 1, i + 2],
      ]) {
        if (version > 40) continue
        const sample = text(length, length, BASE64URL)
        const expected = library(sample)
        expect([length, (expected.length - 17) / 4]).toEqual([length, version])
        expect(encodeQr(sample)).toEqual(expected)
      }
    })
  })

  it('equals it on the texts the app draws and on any character, taken as its low byte', () => {
    for (const sample of [
      'XG1.' + text(180, 7, BASE64URL),
      'XGG1.' + text(120, 8, BASE64URL),
      'XGI1.' + text(22, 9, BASE64URL),
      '',
      '0',
      '送往3幢 ✓',
      text(100, 3, '\u0000\u00ff\u0100 ~é中'),
    ]) {
      expect(encodeQr(sample)).toEqual(library(sample))
    }
  })

  it('refuses a text longer than version 40 holds', () => {
    expect(() => encodeQr('x'.repeat(2332))).toThrow(RangeError)
    expect(encodeQr('x'.repeat(2331))).toHaveLength(177)
  })
})
