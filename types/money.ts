import { z } from './zod'

/** Money is stored as integer fen (分): 9.9 yuan = 990. */
export const Fen = z.int().check(z.gte(0), z.lte(100_000_000))
export type Fen = z.infer<typeof Fen>

/** "9.90" — always two decimals, as prices are shown in China. */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`
}

/** "¥9.90" */
export function formatPrice(fen: number): string {
  return `¥${fenToYuan(fen)}`
}

/** Parses "9.9", "9.90" or "10" into fen; null for anything that is not a non-negative amount with ≤ 2 decimals. */
export function yuanToFen(text: string): number | null {
  const m = /^\s*(\d{1,7})(?:\.(\d{1,2}))?\s*$/.exec(text)
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
