import { z } from './zod'
import { GeoPoint } from './geo'
import { Fen } from './money'
import { OpeningHours } from './hours'
import { SCENE_KEY_PATTERN } from './place-scene'

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

export const User = z.object({
  _id: Id, // the OPENID
  nickname: z.string().check(z.maxLength(32)),
  roles: z.array(RoleBinding),
  createdAt: z.int(),
})
export type User = z.infer<typeof User>

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

/** A courier's registration. Personal details live only here; logs refer to the courier by id. */
export const Courier = z.object({
  _id: Id, // the courier's OPENID
  name: z.string().check(z.minLength(2), z.maxLength(20)),
  phone: z.string().check(z.regex(/^1\d{10}$/)),
  platform: Platform,
  riderId: z.string().check(z.minLength(1), z.maxLength(32)),
  communityId: Id,
  status: CourierStatus,
  statusReason: z.optional(z.string().check(z.maxLength(200))),
  approvedAt: z.optional(z.int()),
  /** Random 6-byte id (base64url) carried in 小哥码 tokens instead of the OPENID; assigned at first approval. */
  passId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{8}$/))),
  photoUrl: z.optional(z.string().check(z.maxLength(256))),
  /** When the courier consented to entry records (行踪轨迹, PIPL Art. 29): registration requires it. */
  movementConsentAt: z.int(),
  createdAt: z.int(),
  updatedAt: z.int(),
})
export type Courier = z.infer<typeof Courier>

export const Community = z.object({
  _id: Id,
  name: z.string().check(z.minLength(1), z.maxLength(40)),
  street: z.string().check(z.maxLength(40)), // 街道
  district: z.string().check(z.maxLength(40)), // 区
  city: z.string().check(z.maxLength(20)),
  location: GeoPoint,
})
export type Community = z.infer<typeof Community>

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

/** Fields every place on the map shares. `coordsApproximate` marks seed data placed by hand. */
const PlaceFields = {
  _id: Id,
  name: z.string().check(z.minLength(1), z.maxLength(40)),
  communityId: Id,
  address: z.string().check(z.maxLength(80)),
  location: GeoPoint,
  coordsApproximate: z.boolean(),
  hours: OpeningHours,
  phone: z.optional(z.string().check(z.maxLength(20))),
  note: z.optional(z.string().check(z.maxLength(200))),
  hidden: z.boolean(),
  updatedAt: z.int(),
}

/** 驿站: a courier station. */
export const Station = z.object({
  ...PlaceFields,
  amenities: z.array(Amenity).check(z.maxLength(AMENITIES.length)),
})
export type Station = z.infer<typeof Station>

/** 骑士餐: an affordable meal served at a canteen. */
export const Meal = z.object({
  ...PlaceFields,
  dish: z.string().check(z.maxLength(60)),
  priceFen: Fen,
  dailyQuota: z.optional(z.int().check(z.gte(1), z.lte(10_000))),
})
export type Meal = z.infer<typeof Meal>

/** 暖心房 / 蓝领公寓: rooms below market rent. */
export const Room = z.object({
  ...PlaceFields,
  unitType: z.string().check(z.maxLength(20)),
  monthlyRentFen: Fen,
  marketRentFen: Fen,
  unitsAvailable: z.int().check(z.gte(0), z.lte(10_000)),
  conditions: z.string().check(z.maxLength(200)),
})
export type Room = z.infer<typeof Room>

/** A community gate. Guards are bound to one (their role binding; the staff roster lists them); a printable 场所码 names it. */
export const Gate = z.object({
  _id: Id,
  communityId: Id,
  name: z.string().check(z.minLength(1), z.maxLength(20)),
  /** The random key in the `scene` of the gate's 小程序码, made when the first one is requested. */
  sceneKey: z.optional(z.string().check(z.regex(SCENE_KEY_PATTERN))),
  createdAt: z.int(),
})
export type Gate = z.infer<typeof Gate>

/** Every review decision on a courier, kept: who decided what, when and why. */
export const REVIEW_DECISIONS = ['approve', 'reject', 'suspend', 'reinstate'] as const
export const ReviewDecision = z.enum(REVIEW_DECISIONS)
export type ReviewDecision = z.infer<typeof ReviewDecision>
export const ReviewLog = z.object({
  _id: Id,
  courierId: Id,
  communityId: Id,
  decision: ReviewDecision,
  reason: z.optional(z.string().check(z.maxLength(200))),
  from: CourierStatus,
  to: CourierStatus,
  by: Id,
  at: z.int(),
})
export type ReviewLog = z.infer<typeof ReviewLog>

/**
 * One gate check. Holds the courier's id only, never name or phone: movement data (行踪轨迹) is sensitive
 * personal information under PIPL Art. 28, kept for a bounded time and then purged.
 */
export const AccessLog = z.object({
  _id: Id,
  communityId: Id,
  gateId: Id,
  /** The guard's OPENID, or null when the courier scanned the gate's 场所码 themselves. */
  scannedBy: z.nullable(Id),
  courierId: z.nullable(Id),
  allowed: z.boolean(),
  code: z.string().check(z.maxLength(40)),
  suspectedShared: z.boolean(),
  destination: z.optional(z.string().check(z.maxLength(24))),
  at: z.int(),
  /** Checked on the guard's phone without network, and uploaded at `uploadedAt`. */
  offline: z.optional(z.boolean()),
  uploadedAt: z.optional(z.int()),
  /** Let in offline, but the server finds the courier may not enter (suspended meanwhile, unknown, bad code). */
  lateRefusal: z.optional(z.boolean()),
})
export type AccessLog = z.infer<typeof AccessLog>
