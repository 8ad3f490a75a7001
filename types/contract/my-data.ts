import { z } from '../zod'
import { CourierStatus, Platform, Role } from '../entities'
import { LedgerKind, ReportCategory } from '../points'

/**
 * The account function's personal-data actions (PIPL Art. 15, 45, 47): what the system holds about the caller,
 * an export of all of it, the entry-record consent, and deleting the account.
 */

/** How far back 我的数据 lists entry records; the export holds all that is kept. */
export const MY_DATA_ENTRY_DAYS = 180
/** At most this many rows per list on the page (the export has them all). */
export const MY_DATA_LIST_LIMIT = 200

export const MyDataInput = z.strictObject({})
export const MyDataOutput = z.object({
  /** Null for someone who never registered as a courier. */
  profile: z.nullable(
    z.object({
      name: z.string(),
      phone: z.string(),
      platform: Platform,
      riderId: z.string(),
      communityName: z.string(),
      status: CourierStatus,
      /** A displayable address of the photo on file, when there is one. */
      photoUrl: z.optional(z.string()),
      hasPendingPhoto: z.boolean(),
      registeredAt: z.int(),
      approvedAt: z.optional(z.int()),
    }),
  ),
  consents: z.object({
    privacyAt: z.nullable(z.int()),
    movementAt: z.nullable(z.int()),
    movementWithdrawnAt: z.nullable(z.int()),
  }),
  /** Entry records of the last MY_DATA_ENTRY_DAYS days, newest first. */
  entries: z.array(
    z.object({ at: z.int(), gateName: z.string(), allowed: z.boolean(), reason: z.string(), offline: z.boolean() }),
  ),
  entriesTotal: z.int(),
  points: z.object({
    balance: z.int(),
    earned: z.int(),
    ledger: z.array(z.object({ at: z.int(), delta: z.int(), kind: LedgerKind, title: z.string() })),
  }),
  reports: z.array(z.object({ at: z.int(), category: ReportCategory, text: z.string(), status: z.string() })),
  redemptions: z.array(z.object({ at: z.int(), itemName: z.string(), cost: z.int(), status: z.string() })),
  signups: z.array(z.object({ at: z.int(), activityTitle: z.string(), status: z.string() })),
  /** Who looked: staff who read the review card, and gate checks (by gate). */
  reads: z.array(z.object({ at: z.int(), who: z.string(), role: Role, what: z.string() })),
  /** Open things that stop a deletion now, in Chinese; empty when the account can be deleted. */
  deleteBlockers: z.array(z.string()),
})
export type MyDataOutput = z.infer<typeof MyDataOutput>

export const ExportMyDataInput = z.strictObject({})
export const ExportMyDataOutput = z.object({
  /** e.g. 小哥友好-我的数据-20261202 (without extension). */
  fileName: z.string(),
  /** Every record held, by collection, as stored (other people's ids replaced by what they were). */
  json: z.string(),
  /** The same, one readable row per record: 类别, 时间, 内容. */
  csv: z.string(),
  records: z.int(),
})

export const SetMovementConsentInput = z.strictObject({ given: z.boolean() })
export const SetMovementConsentOutput = z.object({
  movementAt: z.nullable(z.int()),
  movementWithdrawnAt: z.nullable(z.int()),
})

/** The word the courier types to confirm: deleting cannot be undone. */
export const DELETE_CONFIRM_WORD = '注销'
export const DeleteMyAccountInput = z.strictObject({
  confirm: z.literal(DELETE_CONFIRM_WORD, `请输入“${DELETE_CONFIRM_WORD}”确认`),
})
export const DeleteMyAccountOutput = z.object({ deleted: z.literal(true) })

export const myDataActions = {
  myData: { input: MyDataInput, output: MyDataOutput },
  exportMyData: { input: ExportMyDataInput, output: ExportMyDataOutput },
  setMovementConsent: { input: SetMovementConsentInput, output: SetMovementConsentOutput },
  deleteMyAccount: { input: DeleteMyAccountInput, output: DeleteMyAccountOutput },
} as const
