import { z } from '../zod'
import { Cursor, DateText } from '../dates'
import { Id, Platform } from '../entities'
import { PASS_REFUSAL_CODES } from '../errors'
import { Text } from '../text'
import { defineFunction } from './define'

/** A 小哥码 is valid this long; the app refreshes it at half-life, with a visible countdown. */
export const PASS_TTL_SECONDS = 60
export const PASS_REFRESH_SECONDS = 30
/** Longest token string accepted: anything longer is refused before any parsing. */
export const PASS_MAX_CHARS = 200
/** "送往" travels signed inside the token, so it is short: at most 24 UTF-8 bytes (8 Chinese characters). */
export const DESTINATION_MAX_BYTES = 24

/** UTF-8 length without TextEncoder, which WeChat's JS runtime lacks. */
export function utf8ByteLength(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4 // a surrogate pair is one 4-byte character
      i++
    } else bytes += 3
  }
  return bytes
}

/** Entry records (行踪轨迹) are kept this many days by default, then purged; shown to couriers at registration. */
export const ACCESS_LOG_RETENTION_DAYS_DEFAULT = 180

const DESTINATION_TOO_LONG = '送往地址最多 8 个汉字或 24 个字母数字'
/** Free text like any other (it is shown to the guard), bounded in bytes because it is signed into the token. */
export const Destination = Text(1, DESTINATION_MAX_BYTES, '送往地址', { long: DESTINATION_TOO_LONG }).check(
  z.refine((s) => utf8ByteLength(s) <= DESTINATION_MAX_BYTES, DESTINATION_TOO_LONG),
)

export const IssueInput = z.strictObject({ destination: z.optional(Destination) })
export const IssueOutput = z.object({
  token: z.string(),
  issuedAt: z.int(),
  expiresAt: z.int(),
  refreshAt: z.int(),
})
export type IssueOutput = z.infer<typeof IssueOutput>

/**
 * The offline supply: this many minutes of future codes, one starting every PASS_REFRESH_SECONDS, each valid only
 * in its own PASS_TTL_SECONDS window (as WeChat Pay keeps 付款码 for no signal). Short, so that a suspension or a
 * retired key bites soon even on a phone that stays offline.
 */
export const PASS_SUPPLY_MINUTES = 35
export const PASS_SUPPLY_CODES = (PASS_SUPPLY_MINUTES * 60) / PASS_REFRESH_SECONDS
export const IssueSupplyInput = IssueInput
export const SuppliedCode = z.object({
  token: z.string(),
  /** Server epoch ms from which the code is valid, and when it stops being valid. */
  validFrom: z.int(),
  expiresAt: z.int(),
})
export type SuppliedCode = z.infer<typeof SuppliedCode>
export const IssueSupplyOutput = z.object({
  /** The server's clock when the supply was made (the phone's clock may be off). */
  issuedAt: z.int(),
  codes: z.array(SuppliedCode),
})
export type IssueSupplyOutput = z.infer<typeof IssueSupplyOutput>

/**
 * What a scanner hands over, one rule for every scanned code (小哥码 at the gate and at attendance, 场所码): the
 * surrounding whitespace a scanner adds (a trailing newline, spaces) is dropped, and the length is bounded before
 * any parsing.
 */
export const scannedText = (maxChars: number) =>
  z.string().check(z.trim(), z.minLength(1, '没有扫到内容，请重新扫码'), z.maxLength(maxChars))

export const VerifyInput = z.strictObject({ token: scannedText(PASS_MAX_CHARS * 4) })

export const PassRefusalCode = z.enum(PASS_REFUSAL_CODES)

/** Exactly what a guard needs, and no more: never the full name or the phone number. */
export const GateCourierView = z.object({
  maskedName: z.string(),
  platform: Platform,
  /** A short-lived URL of the approved face photo: shown large on the green card. */
  photoUrl: z.optional(z.string()),
  approvedSince: z.int(),
  entriesToday: z.int().check(z.gte(0)),
})
export const VerifyOutput = z.discriminatedUnion('allowed', [
  z.object({
    allowed: z.literal(true),
    courier: GateCourierView,
    destination: z.optional(z.string()),
    /** The same token was already used at another gate within its lifetime (疑似共享). */
    suspectedShared: z.boolean(),
    /**
     * The same token was already checked at this gate, at this time: the answer repeats that check and no new
     * entry is counted (a guard who scans twice does not make two entries).
     */
    alreadyCheckedAt: z.optional(z.int()),
    gateName: z.string(),
    checkedAt: z.int(),
  }),
  z.object({
    allowed: z.literal(false),
    code: PassRefusalCode,
    message: z.string(),
    gateName: z.string(),
    checkedAt: z.int(),
  }),
])
export type VerifyOutput = z.infer<typeof VerifyOutput>

/**
 * The guard's offline list: who of the community is approved, with only what the green card shows, keyed by the
 * couriers' aliases of one China-time day (the same as inside their codes). `list` is the exact JSON text that
 * is signed (Ed25519, `STATUS_LIST_CONTEXT` + the text, the pass signing key `kid`): the phone checks the
 * signature on the text it received, then parses it.
 */
export const STATUS_LIST_CONTEXT = 'XGSL1\n'
/** After this long a list is too old to judge by: the phone says it must go online. */
export const STATUS_LIST_MAX_AGE_MS = 6 * 3600_000
export const StatusListInput = z.strictObject({})
export const SignedStatusList = z.object({ list: z.string(), kid: z.int(), signature: z.string() })
export type SignedStatusList = z.infer<typeof SignedStatusList>
/** What `list` holds once parsed: entries are [alias, maskedName, platform, photo reference or ""]. */
export const StatusListBody = z.object({
  v: z.literal(1),
  communityId: z.string(),
  day: z.string(),
  issuedAt: z.int(),
  entries: z.array(z.tuple([z.string(), z.string(), z.string(), z.string()])),
})
export type StatusListBody = z.infer<typeof StatusListBody>
export const StatusListOutput = z.object({
  /** Today's list and tomorrow's (so a list fetched before midnight still judges after it). */
  lists: z.array(SignedStatusList),
  /** The server's clock when the lists were made. */
  issuedAt: z.int(),
  /** Short-lived URLs of the listed couriers' photos, by the reference an entry carries: download them now. */
  photos: z.optional(z.record(z.string(), z.string())),
})
export type StatusListOutput = z.infer<typeof StatusListOutput>

export const MAX_OFFLINE_UPLOAD = 50
export const OfflineCheck = z.strictObject({
  /** A random id the phone gave the check: uploading it again changes nothing. */
  checkId: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,40}$/, '核验编号格式不正确')),
  token: scannedText(PASS_MAX_CHARS * 4),
  /** When the guard checked it (server time as the phone estimated it). */
  checkedAt: z.int().check(z.gte(0)),
  /** What the phone showed: let in (green) or turned away (red). */
  verdict: z.enum(['allowed', 'refused']),
})
export type OfflineCheck = z.infer<typeof OfflineCheck>
export const UploadOfflineChecksInput = z.strictObject({
  checks: z
    .array(OfflineCheck)
    .check(z.minLength(1), z.maxLength(MAX_OFFLINE_UPLOAD, `一次最多上传 ${MAX_OFFLINE_UPLOAD} 条离线核验`)),
})
export const UploadOfflineChecksOutput = z.object({
  results: z.array(
    z.object({
      checkId: z.string(),
      /** The server's finding: OK, a refusal code, or SUSPECTED_SHARED. */
      code: z.string(),
      /** Let in offline although the courier may not enter (suspended, unknown, or the code was not valid). */
      lateRefusal: z.boolean(),
    }),
  ),
})
export type UploadOfflineChecksOutput = z.infer<typeof UploadOfflineChecksOutput>

export const PublicKeysInput = z.strictObject({})
export const PublicKeysOutput = z.object({
  keys: z.array(z.object({ kid: z.int(), publicKey: z.string(), active: z.boolean() })),
})

export const AccessLogInput = z.strictObject({
  communityId: Id,
  /** China-time day "YYYY-MM-DD"; today when absent. */
  day: z.optional(DateText),
  allowed: z.optional(z.boolean()),
  limit: z.optional(z.int().check(z.gte(1), z.lte(100))),
  /** Page through older entries: the `at` of the last entry seen. */
  before: z.optional(Cursor),
})
export const AccessLogEntry = z.object({
  id: Id,
  at: z.int(),
  gateName: z.string(),
  allowed: z.boolean(),
  code: z.string(),
  reason: z.string(),
  maskedName: z.nullable(z.string()),
  suspectedShared: z.boolean(),
  viaPlaceCode: z.boolean(),
  /** Checked on the guard's phone without network, uploaded later. */
  offline: z.boolean(),
  /** Let in offline, but the courier may not enter (found on upload). */
  lateRefusal: z.boolean(),
})
export const AccessLogOutput = z.object({
  entries: z.array(AccessLogEntry),
  today: z.object({
    allowed: z.int(),
    refused: z.int(),
    suspectedShared: z.int(),
  }),
})
export type AccessLogOutput = z.infer<typeof AccessLogOutput>

/**
 * 场所码: a gate's printable, signed id ("XGG1." + base64url) shown as a plain QR; or, in WeChat, a 小程序码
 * whose `scene` is "g=" + the gate's random scene key (see place-scene.ts). Short; anything longer is neither.
 */
export const PLACE_CODE_MAX_CHARS = 200
export const GateName = Text(1, 20, '门岗名称')

export const ListGatesInput = z.strictObject({ communityId: Id })
/** A guard as staff pages show them: their roster entry and name, never an OPENID. */
export const GateGuardView = z.object({ staffId: Id, name: z.string() })
export const GateView = z.object({ id: Id, name: z.string(), guards: z.array(GateGuardView) })
export type GateView = z.infer<typeof GateView>
export const ListGatesOutput = z.object({ gates: z.array(GateView) })
export type ListGatesOutput = z.infer<typeof ListGatesOutput>

export const SaveGateInput = z.strictObject({ communityId: Id, gateId: z.optional(Id), name: GateName })
export const SaveGateOutput = z.object({ gate: GateView })

export const PlaceCodeInput = z.strictObject({ gateId: Id })
export const PlaceCodeOutput = z.object({
  code: z.string(),
  gateName: z.string(),
  communityName: z.string(),
  /** The gate's 小程序码 as a data URL, where the platform can make one (WeChat); otherwise absent. */
  miniCode: z.optional(z.string().check(z.startsWith('data:image/'))),
  /** Why no 小程序码 was made although the platform can make them (shown beside the plain QR). */
  miniCodeProblem: z.optional(z.string()),
})
export type PlaceCodeOutput = z.infer<typeof PlaceCodeOutput>

export const EnterByPlaceInput = z.strictObject({
  placeCode: scannedText(PLACE_CODE_MAX_CHARS * 4),
  destination: z.optional(Destination),
})
/** The courier's live pass after scanning a 场所码; `dayColor` (the moving border) changes every China-time day. */
export const EnterByPlaceOutput = z.object({
  allowed: z.boolean(),
  code: z.optional(PassRefusalCode),
  message: z.optional(z.string()),
  communityName: z.string(),
  gateName: z.string(),
  enteredAt: z.int(),
  /** The courier already entered at this gate a moment ago (this time): that entry is shown, no new one counted. */
  alreadyEntered: z.optional(z.boolean()),
  maskedName: z.string(),
  dayColor: z.string().check(z.regex(/^#[0-9a-f]{6}$/)),
})
export type EnterByPlaceOutput = z.infer<typeof EnterByPlaceOutput>

export const passContract = defineFunction({
  issue: { input: IssueInput, output: IssueOutput },
  issueSupply: { input: IssueSupplyInput, output: IssueSupplyOutput },
  verify: { input: VerifyInput, output: VerifyOutput },
  statusList: { input: StatusListInput, output: StatusListOutput },
  uploadOfflineChecks: { input: UploadOfflineChecksInput, output: UploadOfflineChecksOutput },
  publicKeys: { input: PublicKeysInput, output: PublicKeysOutput },
  accessLog: { input: AccessLogInput, output: AccessLogOutput },
  listGates: { input: ListGatesInput, output: ListGatesOutput },
  saveGate: { input: SaveGateInput, output: SaveGateOutput },
  placeCode: { input: PlaceCodeInput, output: PlaceCodeOutput },
  enterByPlace: { input: EnterByPlaceInput, output: EnterByPlaceOutput },
})
