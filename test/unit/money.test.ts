import { fenToYuan, formatPrice, yuanToFen } from '../../types'

describe('money in fen', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(fenToYuan(990)).toBe('9.90')
    expect(fenToYuan(1000)).toBe('10.00')
    expect(fenToYuan(5)).toBe('0.05')
    expect(fenToYuan(-250)).toBe('-2.50')
    expect(formatPrice(990)).toBe('¥9.90')
  })

  it('parses yuan text into fen without floating-point drift', () => {
    expect(yuanToFen('9.9')).toBe(990)
    expect(yuanToFen('9.90')).toBe(990)
    expect(yuanToFen('0.07')).toBe(7)
    expect(yuanToFen('1234.5')).toBe(123450)
  })

  it('refuses negative, over-precise and non-numeric amounts', () => {
    for (const text of ['-1', '9.999', 'abc', '', '1e3', '9.']) expect(yuanToFen(text)).toBeNull()
  })

  it('round-trips every amount up to 100 yuan', () => {
    for (let fen = 0; fen <= 10_000; fen++) expect(yuanToFen(fenToYuan(fen))).toBe(fen)
  })
})
