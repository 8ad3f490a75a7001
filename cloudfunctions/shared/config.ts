import { z } from 'zod'
import {
  ACCESS_LOG_RETENTION_DAYS_DEFAULT,
  MAX_REPORT_POINTS,
  parseSubscribeTemplateIds,
  REPORT_POINTS_DEFAULT,
  type SubscribeTemplateIds,
} from '../../types'
import {
  keyringFrom,
  KeyringSpec,
  parsePublicKeyList,
  verifyKeysFrom,
  type Keyring,
  type VerifyKeys,
} from './pass-keys'

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
  /**
   * The 小哥码 keys (see pass-keys.ts). `pass` alone signs: PASS_ACTIVE_KID and PASS_PRIVATE_KEY (the 32-byte
   * seed, base64url). Every verifier (`pass`, and `points` for attendance) gets PASS_PUBLIC_KEYS: `kid:key`
   * pairs of every public key that still verifies.
   */
  PASS_ACTIVE_KID: z.string().optional(),
  PASS_PRIVATE_KEY: z.string().optional(),
  PASS_PUBLIC_KEYS: z.string().optional(),
  ACCESS_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(ACCESS_LOG_RETENTION_DAYS_DEFAULT),
  VERIFY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(120),
  /** Which version of the mini-program a gate's 小程序码 opens: release (default), trial or develop. */
  MINI_PROGRAM_ENV_VERSION: z.enum(['release', 'trial', 'develop']).default('release'),
  /** Points for an accepted 随手拍 report unless the secretary chooses otherwise. */
  REPORT_POINTS: z.coerce.number().int().min(1).max(MAX_REPORT_POINTS).default(REPORT_POINTS_DEFAULT),
  /** Subscribe-message template ids, `review:ID,activity:ID,pickup:ID` (types/subscribe.ts); optional. */
  SUBSCRIBE_TEMPLATE_IDS: z.string().optional(),
})

export interface Config {
  adminOpenids: ReadonlySet<string>
  /** The signing keyring: `pass` only; null elsewhere. */
  passKeys: Keyring | null
  /** Public keys for a function that verifies but never signs (`points`); see verifyKeysOf. */
  passVerifyKeys?: VerifyKeys | null
  accessLogRetentionDays: number
  verifyRateLimitPerMinute: number
  miniProgramEnvVersion: 'release' | 'trial' | 'develop'
  reportPoints: number
  /** Subscribe-message template ids by name; a name without one is not sent. */
  subscribeTemplateIds: SubscribeTemplateIds
}

export const DEFAULT_CONFIG: Omit<Config, 'passKeys'> = {
  adminOpenids: new Set(),
  accessLogRetentionDays: ACCESS_LOG_RETENTION_DAYS_DEFAULT,
  verifyRateLimitPerMinute: 120,
  miniProgramEnvVersion: 'release',
  reportPoints: REPORT_POINTS_DEFAULT,
  subscribeTemplateIds: {},
}

/** A configuration error that names the variable, thrown at cold start so a bad deploy fails loudly. */
function invalidVariable(name: string, detail: string): Error {
  return new Error(`Invalid function configuration: ${name}: ${detail}`)
}

/** Each key variable checked on its own, so that the error says which one is wrong. */
function passKeysFrom(e: z.infer<typeof ConfigSchema>): Pick<Config, 'passKeys' | 'passVerifyKeys'> {
  let publicKeys: Record<string, string>
  try {
    publicKeys = parsePublicKeyList(e.PASS_PUBLIC_KEYS ?? '')
  } catch (error) {
    throw invalidVariable('PASS_PUBLIC_KEYS', error instanceof Error ? error.message : String(error))
  }
  if (!e.PASS_PRIVATE_KEY) {
    if (e.PASS_ACTIVE_KID) throw invalidVariable('PASS_ACTIVE_KID', 'set, but PASS_PRIVATE_KEY is not')
    const passVerifyKeys = Object.keys(publicKeys).length > 0 ? verifyKeysFrom(publicKeys) : null
    return { passKeys: null, passVerifyKeys }
  }
  const kid = e.PASS_ACTIVE_KID?.trim() ?? ''
  if (!/^\d{1,3}$/.test(kid) || Number(kid) > 255) {
    throw invalidVariable('PASS_ACTIVE_KID', 'expected a number 0–255 (required with PASS_PRIVATE_KEY)')
  }
  const seed = KeyringSpec.shape.privateKey.safeParse(e.PASS_PRIVATE_KEY.trim())
  if (!seed.success) {
    throw invalidVariable(
      'PASS_PRIVATE_KEY',
      'expected a 32-byte Ed25519 seed as 43 base64url characters (npm run keys:new)',
    )
  }
  const activeKid = Number(kid)
  const privateKey = seed.data
  try {
    return { passKeys: keyringFrom({ activeKid, privateKey, publicKeys }) }
  } catch (error) {
    throw invalidVariable('PASS_PUBLIC_KEYS', error instanceof Error ? error.message : String(error))
  }
}

/** The keys a function verifies 小哥码 and 场所码 with: the signing keyring's, or the verify-only ones. */
export function verifyKeysOf(config: Config): VerifyKeys | null {
  return config.passKeys ?? config.passVerifyKeys ?? null
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // A variable deployed empty (an optional one the deployer left unset) means "not set": its default applies.
  const given = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  )
  const parsed = ConfigSchema.safeParse(given)
  if (!parsed.success) {
    const [issue] = parsed.error.issues
    throw invalidVariable(String(issue?.path[0] ?? '?'), issue?.message ?? 'invalid')
  }
  const e = parsed.data
  let subscribeTemplateIds: SubscribeTemplateIds
  try {
    subscribeTemplateIds = parseSubscribeTemplateIds(e.SUBSCRIBE_TEMPLATE_IDS)
  } catch (error) {
    throw invalidVariable('SUBSCRIBE_TEMPLATE_IDS', error instanceof Error ? error.message : String(error))
  }
  return {
    adminOpenids: new Set(e.ADMIN_OPENIDS),
    ...passKeysFrom(e),
    accessLogRetentionDays: e.ACCESS_LOG_RETENTION_DAYS,
    verifyRateLimitPerMinute: e.VERIFY_RATE_LIMIT_PER_MINUTE,
    miniProgramEnvVersion: e.MINI_PROGRAM_ENV_VERSION,
    reportPoints: e.REPORT_POINTS,
    subscribeTemplateIds,
  }
}
