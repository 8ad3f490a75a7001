import Taro from '@tarojs/taro'
import { IssueSupplyOutput, type SuppliedCode } from '../../types'
import { getDemoOpenid } from './demo-identity'
import { call } from './cloud'

/*
 * The offline supply of 小哥码 (WeChat Pay keeps 付款码 the same way for no signal): while online the code page
 * keeps 35 minutes of future codes on the phone, each valid only in its own minute, and shows them when the
 * network is gone. Kept in the mini-program's storage, under the identity it was made for.
 */
const STORAGE_KEY = 'passSupply'
/** Fetch a new supply once what is left covers less than this. */
export const SUPPLY_RENEW_BELOW_MS = 25 * 60_000
/** The server rounds issue times down to the second: a code's end is taken this much early on the phone. */
const ROUNDING_MS = 1_000

export interface StoredSupply {
  /** Whose codes (the demo identity in h5; WeChat keeps storage per user in weapp). */
  owner: string | null
  destination: string | null
  /** This phone's clock minus the server's, measured when the supply came (the phone's clock may be off). */
  offsetMs: number
  codes: SuppliedCode[]
}

/** The code to show at `localNow`, with when it stops being valid on this phone's clock; null when none is. */
export function suppliedCodeAt(
  supply: StoredSupply,
  localNow: number,
): { token: string; expiresAt: number; nextAt: number | null; coverUntil: number } | null {
  const serverNow = localNow - supply.offsetMs
  const usable = supply.codes.filter((c) => c.validFrom <= serverNow && serverNow < c.expiresAt - ROUNDING_MS)
  if (usable.length === 0) return null
  const code = usable[usable.length - 1] // the newest started: it lives longest
  const next = supply.codes.find((c) => c.validFrom > serverNow)
  const last = supply.codes[supply.codes.length - 1]
  return {
    token: code.token,
    expiresAt: code.expiresAt - ROUNDING_MS + supply.offsetMs,
    nextAt: next ? next.validFrom + supply.offsetMs : null,
    coverUntil: last.expiresAt - ROUNDING_MS + supply.offsetMs,
  }
}

/** How long the stored supply still covers from `localNow` (0 when there is none). */
export function supplyCoverMs(supply: StoredSupply | null, localNow: number): number {
  if (!supply || supply.codes.length === 0) return 0
  const last = supply.codes[supply.codes.length - 1]
  return Math.max(0, last.expiresAt - ROUNDING_MS + supply.offsetMs - localNow)
}

export function loadSupply(destination: string | undefined): StoredSupply | null {
  const value: unknown = Taro.getStorageSync(STORAGE_KEY)
  if (!value || typeof value !== 'object') return null
  const stored = value as Partial<StoredSupply>
  const codes = IssueSupplyOutput.shape.codes.safeParse(stored.codes)
  if (!codes.success || typeof stored.offsetMs !== 'number') return null
  if ((stored.owner ?? null) !== getDemoOpenid() || (stored.destination ?? null) !== (destination ?? null)) return null
  return {
    owner: stored.owner ?? null,
    destination: stored.destination ?? null,
    offsetMs: stored.offsetMs,
    codes: codes.data,
  }
}

export function clearSupply(): void {
  Taro.removeStorageSync(STORAGE_KEY)
}

/** Fetches and stores a fresh supply for `destination`. */
export async function renewSupply(destination: string | undefined): Promise<StoredSupply> {
  const requestedAt = Date.now()
  const reply = await call('pass', { action: 'issueSupply', ...(destination ? { destination } : {}) })
  // Counting the phone's offset from before the request makes every code end early rather than late on screen.
  const supply: StoredSupply = {
    owner: getDemoOpenid(),
    destination: destination ?? null,
    offsetMs: requestedAt - reply.issuedAt,
    codes: reply.codes,
  }
  Taro.setStorageSync(STORAGE_KEY, supply)
  return supply
}
