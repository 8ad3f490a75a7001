import { randomBytes } from 'node:crypto'

/** A random document id: 16 base64url characters (96 bits), valid as an `Id`. */
export function newId(): string {
  return randomBytes(12).toString('base64url')
}
