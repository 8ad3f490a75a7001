import { z } from '../zod'
import { Cursor } from '../dates'
import { COURIER_STATUSES, CourierStatus, Id, Platform, PLATFORMS, ReviewDecision, RoleBinding } from '../entities'
import { PersonName, RiderId, riderIdProblem } from '../person-name'
import { PHOTO_REF_PATTERN } from '../points'
import { Text } from '../text'
import { defineFunction } from './define'
import { facePhotoActions, MyPhoto } from './face-photo'
import { myDataActions } from './my-data'
import { staffActions } from './staff'

export const MeInput = z.strictObject({})
export type MeInput = z.infer<typeof MeInput>

export const MeOutput = z.object({
  openid: z.string(),
  nickname: z.string(),
  /** True for a caller the system has never seen: a visitor who may browse services and register. */
  isNew: z.boolean(),
  roles: z.array(z.object({ ...RoleBinding.shape, communityName: z.optional(z.string()) })),
  courier: z.nullable(
    z.object({
      status: CourierStatus,
      statusReason: z.optional(z.string()),
      communityId: Id,
      communityName: z.string(),
      photo: z.optional(MyPhoto),
    }),
  ),
})
export type MeOutput = z.infer<typeof MeOutput>

export const ListCommunitiesInput = z.strictObject({})
export const CommunityOption = z.object({
  id: Id,
  name: z.string(),
  street: z.string(),
  district: z.string(),
  city: z.string(),
})
export const ListCommunitiesOutput = z.object({ communities: z.array(CommunityOption) })

/** Courier registration. Both consents must be given explicitly (PIPL Art. 14 and, for entry records, Art. 29). */
export const RegisterInput = z
  .strictObject({
    name: PersonName('真实姓名'),
    phone: z.string().check(z.regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号')),
    platform: Platform,
    riderId: RiderId,
    communityId: Id,
    /**
     * The face photo the guard compares at the gate: uploaded through the app (as 随手拍 photos are), never an
     * arbitrary URL for staff phones to load.
     */
    photoUrl: z.string('请拍摄或选择本人照片').check(z.regex(PHOTO_REF_PATTERN, '照片无效，请重新上传')),
    consentPrivacy: z.literal(true, '请阅读并同意个人信息处理规则'),
    consentMovement: z.literal(true, '请单独同意记录进出记录（行踪信息）'),
  })
  // The platform's own shape of id, under the rider id; judged once both are themselves valid.
  .check(
    z.superRefine(
      (input, ctx) => {
        const problem = riderIdProblem(input.platform, input.riderId)
        if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['riderId'] })
      },
      {
        when: (payload) => {
          const value = payload.value as { platform?: unknown; riderId?: unknown }
          return (
            typeof value.riderId === 'string' &&
            (PLATFORMS as readonly unknown[]).includes(value.platform) &&
            payload.issues.every((issue) => issue.path?.[0] !== 'riderId' && issue.path?.[0] !== 'platform')
          )
        },
      },
    ),
  )
export type RegisterInput = z.infer<typeof RegisterInput>
export const RegisterOutput = z.object({ status: CourierStatus })

export const ReviewQueueInput = z.strictObject({
  communityId: Id,
  status: z.optional(CourierStatus),
  limit: z.optional(z.int().check(z.gte(1), z.lte(100))),
  /** Page through older entries: the `createdAt` of the last item seen (with `photos`: its `photoPendingAt`). */
  before: z.optional(Cursor),
  /** Only couriers (of any status) with a replacement photo waiting, oldest first. */
  photos: z.optional(z.literal(true)),
})
/**
 * What another registration shares with this one: the same phone, or the same rider id on the same platform.
 * Flagged for the secretary, never refused at registration: people share a phone, and a mistyped id must not
 * lock its real owner out; the secretary decides.
 */
export const DUPLICATE_FIELDS = ['phone', 'riderId'] as const
export const DuplicateField = z.enum(DUPLICATE_FIELDS)
export type DuplicateField = z.infer<typeof DuplicateField>
export const DUPLICATE_NAMES: Record<DuplicateField, string> = {
  phone: '该手机号已被其他小哥注册',
  riderId: '该平台骑手编号已被其他小哥注册',
}
/** What a secretary sees to decide: the registration, with the phone masked except its last four digits. */
export const ReviewItem = z.object({
  courierId: Id,
  name: z.string(),
  phoneTail: z.string(),
  platform: Platform,
  riderId: z.string(),
  status: CourierStatus,
  statusReason: z.optional(z.string()),
  /** A short-lived URL of the photo reviewed with the registration (the one the green card shows). */
  photoUrl: z.optional(z.string()),
  /** A replacement waiting for review: its short-lived URL and when it was sent. */
  photoPendingUrl: z.optional(z.string()),
  photoPendingAt: z.optional(z.int()),
  createdAt: z.int(),
  /** Absent when no other registration shares the phone or the rider id; who shares it is not said. */
  duplicates: z.optional(z.array(DuplicateField)),
})
export type ReviewItem = z.infer<typeof ReviewItem>
export const ReviewQueueOutput = z.object({
  items: z.array(ReviewItem),
  counts: z.record(z.enum(COURIER_STATUSES), z.int()),
  /** Replacement photos waiting in the community. */
  photosPending: z.int(),
})

export const ReviewInput = z.strictObject({
  courierId: Id,
  decision: ReviewDecision,
  reason: z.optional(Text(0, 200, '原因')),
})
export const ReviewOutput = z.object({ status: CourierStatus })

export const accountContract = defineFunction({
  me: { input: MeInput, output: MeOutput },
  listCommunities: { input: ListCommunitiesInput, output: ListCommunitiesOutput },
  register: { input: RegisterInput, output: RegisterOutput },
  reviewQueue: { input: ReviewQueueInput, output: ReviewQueueOutput },
  review: { input: ReviewInput, output: ReviewOutput },
  ...facePhotoActions,
  ...staffActions,
  ...myDataActions,
})
