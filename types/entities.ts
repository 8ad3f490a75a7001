import { z } from './zod'

/** Ids are opaque strings; WeChat OPENIDs are 28 characters, demo ids are short slugs. */
export const Id = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'ID 只能包含字母、数字、下划线和连字符'))

export const ROLES = ['courier', 'guard', 'manager', 'secretary', 'admin'] as const
export const Role = z.enum(ROLES)
export type Role = z.infer<typeof Role>

export const ROLE_NAMES: Record<Role, string> = {
  courier: '小哥',
  guard: '门岗',
  manager: '物业经理',
  secretary: '社区书记',
  admin: '管理员',
}

/** A role held by a user; staff roles are bound to one community. */
export const RoleBinding = z.object({
  role: Role,
  communityId: z.optional(Id),
  /** A guard's gate: verifications are logged against it (never a gate sent by the client). */
  gateId: z.optional(Id),
})
export type RoleBinding = z.infer<typeof RoleBinding>

export const PLATFORMS = ['美团', '饿了么', '顺丰', '京东', '闪送', '达达', '其他'] as const
export const Platform = z.enum(PLATFORMS)

export const COURIER_STATUSES = ['pending', 'approved', 'rejected', 'suspended'] as const
export const CourierStatus = z.enum(COURIER_STATUSES)
export type CourierStatus = z.infer<typeof CourierStatus>
export const COURIER_STATUS_NAMES: Record<CourierStatus, string> = {
  pending: '待审核',
  approved: '已通过',
  rejected: '未通过',
  suspended: '已暂停',
}

export const AMENITIES = [
  '热水',
  '充电',
  '换电',
  '空调',
  '微波炉',
  '卫生间',
  '淋浴',
  '维修',
  '医药箱',
  '休息座椅',
  '临时停车',
  '冰箱',
  '洗衣机',
  '饮用水',
  '图书',
] as const
export const Amenity = z.enum(AMENITIES)
export type Amenity = z.infer<typeof Amenity>

/** What a secretary decides about a courier's registration (documents.ts keeps every decision). */
export const REVIEW_DECISIONS = ['approve', 'reject', 'suspend', 'reinstate'] as const
export const ReviewDecision = z.enum(REVIEW_DECISIONS)
export type ReviewDecision = z.infer<typeof ReviewDecision>
