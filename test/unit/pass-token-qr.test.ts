import qrcode from 'qrcode-generator'
import { DESTINATION_MAX_BYTES, PASS_MAX_CHARS, PASS_TTL_SECONDS, utf8ByteLength } from '../../types'
import { issueToken, MAX_TOKEN_CHARS, TOKEN_PREFIX } from '../../cloudfunctions/pass/domain/token'
import { generateKeyringSpec, keyringFrom } from '../../cloudfunctions/shared/pass-keys'

/** The longest "送往" a token may carry: 8 Chinese characters, 24 UTF-8 bytes. */
const LONGEST_DESTINATION = '一二三四五六七八'
const keys = keyringFrom(generateKeyringSpec(255))
const NOW_SECONDS = Math.floor(Date.parse('2026-11-23T10:00:00+08:00') / 1000)

function token(destination?: string, issuedAt = NOW_SECONDS): string {
  return issueToken(keys, { alias: 'ZGVtby1j', issuedAt, lifetime: PASS_TTL_SECONDS, destination })
}

/** The smallest QR version holding `text` in byte mode at error-correction level M. */
function qrVersionM(text: string): number {
  const qr = qrcode(0, 'M')
  qr.addData(text, 'Byte')
  qr.make()
  return (qr.getModuleCount() - 17) / 4
}

describe('the 小哥码 token as a QR code', () => {
  it('with the longest destination, fits a QR code of version 8 or less at error-correction level M', () => {
    expect(Buffer.byteLength(LONGEST_DESTINATION, 'utf8')).toBe(DESTINATION_MAX_BYTES)
    const longest = token(LONGEST_DESTINATION)
    expect(longest.length).toBe(MAX_TOKEN_CHARS)
    expect(longest.length).toBeLessThanOrEqual(PASS_MAX_CHARS)
    expect(qrVersionM(longest)).toBeLessThanOrEqual(8)
    // and explicitly: a version-8 symbol at level M takes it (qrcode-generator throws on overflow)
    const v8 = qrcode(8, 'M')
    v8.addData(longest, 'Byte')
    expect(() => v8.make()).not.toThrow()
    expect(v8.getModuleCount()).toBe(17 + 4 * 8)
  })

  it('cannot be made longer: a destination over 24 UTF-8 bytes is refused when issuing', () => {
    expect(() => token(`${LONGEST_DESTINATION}九`)).toThrow(RangeError)
    expect(() => token('x'.repeat(DESTINATION_MAX_BYTES + 1))).toThrow(RangeError)
  })

  it('is only the prefix followed by base64url characters', () => {
    const destinations = [
      undefined,
      '3幢',
      '3幢2单元',
      'B12-1203',
      LONGEST_DESTINATION,
      'x'.repeat(DESTINATION_MAX_BYTES),
    ]
    for (let i = 0; i < 300; i++) {
      const text = token(destinations[i % destinations.length], NOW_SECONDS + i * 7919)
      expect(text.startsWith(TOKEN_PREFIX)).toBe(true)
      expect(text.slice(TOKEN_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/)
      if (i < destinations.length) expect(qrVersionM(text)).toBeLessThanOrEqual(8)
    }
    expect(TOKEN_PREFIX).toBe('XG1.')
  })
})

describe('utf8ByteLength (no TextEncoder in WeChat)', () => {
  it('counts bytes exactly as UTF-8 does, including 4-byte characters', () => {
    for (const text of ['', 'a', '3幢2单元', 'é', '𠮷野家', '一二三四五六七八', 'Zürich 🚲 门']) {
      expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'))
    }
  })
})
