import type {
  AccessLogOutput,
  EnterByPlaceOutput,
  IssueOutput,
  ListGatesOutput,
  PlaceCodeOutput,
  VerifyOutput,
} from '../../types'
import { call } from './cloud'

/** A fresh 小哥码 for the calling courier; `destination` (送往) travels signed inside it. */
export function issuePass(destination?: string): Promise<IssueOutput> {
  return call('pass', { action: 'issue', ...(destination ? { destination } : {}) })
}

/**
 * A guard's check of a scanned code. The gate and community come from the guard's role binding on the
 * server; a refusal is a normal answer (`allowed: false` with code and message), not an error.
 */
export function verifyPass(token: string): Promise<VerifyOutput> {
  return call('pass', { action: 'verify', token })
}

export interface AccessLogQuery {
  communityId: string
  /** China-time day "YYYY-MM-DD". */
  day: string
  /** Only passed (true) or refused (false) entries; all when absent. */
  allowed?: boolean
  limit: number
  /** The `at` of the last entry already shown. */
  before?: number
}

export type AccessLogEntry = AccessLogOutput['entries'][number]

/** One page of a community's gate checks on a day, newest first, and today's counts. */
export function fetchAccessLog(query: AccessLogQuery): Promise<AccessLogOutput> {
  return call('pass', {
    action: 'accessLog',
    communityId: query.communityId,
    day: query.day,
    limit: query.limit,
    ...(query.allowed === undefined ? {} : { allowed: query.allowed }),
    ...(query.before === undefined ? {} : { before: query.before }),
  })
}

export type GateView = ListGatesOutput['gates'][number]

/** A community's gates with their guards (manager, secretary or admin of it). */
export function listGates(communityId: string): Promise<ListGatesOutput> {
  return call('pass', { action: 'listGates', communityId })
}

/** Adds a gate (no `gateId`) or renames one. */
export function saveGate(communityId: string, name: string, gateId?: string): Promise<{ gate: GateView }> {
  return call('pass', { action: 'saveGate', communityId, name, ...(gateId ? { gateId } : {}) })
}

/** A gate's printable 场所码 (a signed gate id). */
export function fetchPlaceCode(gateId: string): Promise<PlaceCodeOutput> {
  return call('pass', { action: 'placeCode', gateId })
}

/**
 * A courier scanned a gate's 场所码: the cloud checks and logs the entry and answers the live pass (a refusal is
 * a normal answer with `allowed: false`, code and message).
 */
export function enterByPlace(placeCode: string): Promise<EnterByPlaceOutput> {
  return call('pass', { action: 'enterByPlace', placeCode })
}
