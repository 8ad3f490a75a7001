import { z } from 'zod'
import { ACCESS_LOG_RETENTION_DAYS_DEFAULT, MAX_REPORT_POINTS, REPORT_POINTS_DEFAULT } from '../../types'
import { keyringFrom, KeyringSpec, type Keyring } from './pass-keys'

/** Function configuration, read from environment variables and validated once at cold start. */
const ConfigSchema = z.object({
  /** Comma-separated OPENIDs that are admins regardless of stored roles: how the first admin exists. */
  ADMIN_OPENIDS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  /** The 小哥码 signing key (see pass-keys.ts): kid, 32-byte seed, and older public keys as JSON. */
  PASS_ACTIVE_KID: z.string().optional(),
  PASS_PRIVATE_KEY: z.string().optional(),
  PASS_PUBLIC_KEYS: z.string().optional(),
  ACCESS_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(ACCESS_LOG_RETENTION_DAYS_DEFAULT),
  VERIFY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(120),
  /** Which version of the mini-program a gate's 小程序码 opens: release (default), trial or develop. */
  MINI_PROGRAM_ENV_VERSION: z.enum(['release', 'trial', 'develop']).default('release'),
  /** Points for an accepted 随手拍 report unless the secretary chooses otherwise. */
  REPORT_POINTS: z.coerce.number().int().min(1).max(MAX_REPORT_POINTS).default(REPORT_POINTS_DEFAULT),
})

export interface Config {
  adminOpenids: ReadonlySet<string>
  /** null where no signing key is configured (functions other than pass need none). */
  passKeys: Keyring | null
  accessLogRetentionDays: number
  verifyRateLimitPerMinute: number
  miniProgramEnvVersion: 'release' | 'trial' | 'develop'
  reportPoints: number
}

export const DEFAULT_CONFIG: Omit<Config, 'passKeys'> = {
  adminOpenids: new Set(),
  accessLogRetentionDays: ACCESS_LOG_RETENTION_DAYS_DEFAULT,
  verifyRateLimitPerMinute: 120,
  miniProgramEnvVersion: 'release',
  reportPoints: REPORT_POINTS_DEFAULT,
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env)
  if (!parsed.success) throw new Error(`Invalid function configuration: ${parsed.error.message}`)
  const e = parsed.data
  let passKeys: Keyring | null = null
  if (e.PASS_PRIVATE_KEY) {
    const spec = KeyringSpec.safeParse({
      activeKid: e.PASS_ACTIVE_KID,
      privateKey: e.PASS_PRIVATE_KEY,
      publicKeys: e.PASS_PUBLIC_KEYS ? (JSON.parse(e.PASS_PUBLIC_KEYS) as unknown) : {},
    })
    if (!spec.success) throw new Error(`Invalid PASS_* key configuration: ${spec.error.message}`)
    passKeys = keyringFrom(spec.data)
  }
  return {
    adminOpenids: new Set(e.ADMIN_OPENIDS),
    passKeys,
    accessLogRetentionDays: e.ACCESS_LOG_RETENTION_DAYS,
    verifyRateLimitPerMinute: e.VERIFY_RATE_LIMIT_PER_MINUTE,
    miniProgramEnvVersion: e.MINI_PROGRAM_ENV_VERSION,
    reportPoints: e.REPORT_POINTS,
  }
}
