import { z } from 'zod'
import { COURIER_STATUSES, CourierStatus, Id, Platform, ReviewDecision, RoleBinding } from '../entities'
import { defineFunction } from './define'
import { staffActions } from './staff'

export const MeInput = z.strictObject({})
export type MeInput = z.infer<typeof MeInput>

export const MeOutput = z.object({
  openid: z.string(),
  nickname: z.string(),
  /** True for a caller the system has never seen: a visitor who may browse services and register. */
  isNew: z.boolean(),
  roles: z.array(RoleBinding.extend({ communityName: z.string().optional() })),
  courier: z
    .object({
      status: CourierStatus,
      statusReason: z.string().optional(),
      communityId: Id,
      communityName: z.string(),
    })
    .nullable(),
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
export const RegisterInput = z.strictObject({
  name: z.string().trim().min(2, '请填写真实姓名（2–20 个字）').max(20, '请填写真实姓名（2–20 个字）'),
  phone: z.string().regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号'),
  platform: Platform,
  riderId: z.string().trim().min(1, '请填写平台骑手编号').max(32),
  communityId: Id,
  photoUrl: z.string().max(256).optional(),
  consentPrivacy: z.literal(true, '请阅读并同意个人信息处理规则'),
  consentMovement: z.literal(true, '请单独同意记录进出记录（行踪信息）'),
})
export type RegisterInput = z.infer<typeof RegisterInput>
export const RegisterOutput = z.object({ status: CourierStatus })

export const ReviewQueueInput = z.strictObject({
  communityId: Id,
  status: CourierStatus.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  /** Page through older entries: the `createdAt` of the last item seen. */
  before: z.number().int().optional(),
})
/** What a secretary sees to decide: the registration, with the phone masked except its last four digits. */
export const ReviewItem = z.object({
  courierId: Id,
  name: z.string(),
  phoneTail: z.string(),
  platform: Platform,
  riderId: z.string(),
  status: CourierStatus,
  statusReason: z.string().optional(),
  photoUrl: z.string().optional(),
  createdAt: z.number().int(),
})
export type ReviewItem = z.infer<typeof ReviewItem>
export const ReviewQueueOutput = z.object({
  items: z.array(ReviewItem),
  counts: z.record(z.enum(COURIER_STATUSES), z.number().int()),
})

export const ReviewInput = z.strictObject({
  courierId: Id,
  decision: ReviewDecision,
  reason: z.string().trim().max(200).optional(),
})
export const ReviewOutput = z.object({ status: CourierStatus })

export const accountContract = defineFunction({
  me: { input: MeInput, output: MeOutput },
  listCommunities: { input: ListCommunitiesInput, output: ListCommunitiesOutput },
  register: { input: RegisterInput, output: RegisterOutput },
  reviewQueue: { input: ReviewQueueInput, output: ReviewQueueOutput },
  review: { input: ReviewInput, output: ReviewOutput },
  ...staffActions,
})
