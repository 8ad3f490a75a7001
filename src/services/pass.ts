import type { AccessLogOutput, IssueOutput, VerifyOutput } from '../../types'
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
