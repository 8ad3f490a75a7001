/**
 * What a guard may see of a name: first and last character, the middle masked (张*明, 欧阳**锋); a two-character
 * name keeps only the first (张*).
 */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}

/** "****5678" — secretaries see only the last four digits of a phone number in lists. */
export function phoneTail(phone: string): string {
  return `****${phone.slice(-4)}`
}
