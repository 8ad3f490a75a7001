import { z } from '../zod'
import { Id } from '../entities'
import { GeoPoint, GeoPointInput } from '../geo'
import { PersonName } from '../person-name'
import { StaffEvent, StaffRole } from '../staff'
import { Text } from '../text'

/** The account function's community and staff actions: communities, invitations, rosters. */

export const CommunityView = z.object({
  id: Id,
  name: z.string(),
  street: z.string(),
  district: z.string(),
  city: z.string(),
  location: GeoPoint,
})
export type CommunityView = z.infer<typeof CommunityView>

export const MyCommunitiesInput = z.strictObject({})
/** The communities the caller works for (an admin: all), with the staff roles they hold in each. */
export const MyCommunitiesOutput = z.object({
  isAdmin: z.boolean(),
  communities: z.array(z.object({ ...CommunityView.shape, roles: z.array(StaffRole) })),
})

export const SaveCommunityInput = z.strictObject({
  /** Absent: a new community. */
  communityId: z.optional(Id),
  name: Text(2, 40, '社区名称'),
  street: Text(2, 40, '所属街道'),
  district: Text(2, 40, '所属区县'),
  city: Text(2, 20, '所在城市'),
  location: GeoPointInput,
})
export const SaveCommunityOutput = z.object({ community: CommunityView })

/** `expired` is an open invitation past its time: worked out when read, never stored. */
export const InvitationState = z.enum(['open', 'used', 'revoked', 'expired'])
export type InvitationState = z.infer<typeof InvitationState>

export const InvitationView = z.object({
  id: Id,
  communityId: Id,
  communityName: z.string(),
  role: StaffRole,
  gateId: z.optional(Id),
  gateName: z.optional(z.string()),
  note: z.optional(z.string()),
  createdByName: z.string(),
  createdAt: z.int(),
  expiresAt: z.int(),
  state: InvitationState,
})
export type InvitationView = z.infer<typeof InvitationView>

export const CreateInvitationInput = z.strictObject({
  communityId: Id,
  role: StaffRole,
  /** Required for a guard: the gate they will check at. */
  gateId: z.optional(Id),
  note: z.optional(Text(0, 20, '备注')),
})
export const CreateInvitationOutput = z.object({
  invitation: InvitationView,
  /** The plain QR's text (XGI1.<code>): shown once, never stored. */
  code: z.string(),
  /** The page path that accepts it (a shared card or the h5 link). */
  path: z.string(),
  /** The invitation's 小程序码 as a data URL (CloudBase only). */
  miniCode: z.optional(z.string()),
  miniCodeProblem: z.optional(z.string()),
})

export const CommunityRefInput = z.strictObject({ communityId: Id })
export const ListInvitationsOutput = z.object({ invitations: z.array(InvitationView) })

export const RevokeInvitationInput = z.strictObject({ invitationId: Id })
export const RevokeInvitationOutput = z.object({ invitation: InvitationView })

export const InvitationCodeInput = z.strictObject({ code: z.string().check(z.minLength(1), z.maxLength(300)) })
/** What the invitee sees before accepting. */
export const InvitationInfoOutput = z.object({ invitation: InvitationView })

export const AcceptInvitationInput = z.strictObject({
  code: z.string().check(z.minLength(1), z.maxLength(300)),
  /** A real name: colleagues see it on the roster and in the log. */
  name: PersonName('你的姓名'),
})
export const AcceptInvitationOutput = z.object({
  role: StaffRole,
  communityId: Id,
  communityName: z.string(),
  gateName: z.optional(z.string()),
})

export const StaffView = z.object({
  id: Id,
  name: z.string(),
  role: StaffRole,
  gateId: z.optional(Id),
  gateName: z.optional(z.string()),
  grantedAt: z.int(),
  grantedByName: z.string(),
  isMe: z.boolean(),
  /** Whether the caller may revoke this person's role. */
  canRevoke: z.boolean(),
})
export type StaffView = z.infer<typeof StaffView>

export const StaffLogView = z.object({
  id: Id,
  event: StaffEvent,
  role: StaffRole,
  gateName: z.optional(z.string()),
  subjectName: z.optional(z.string()),
  byName: z.string(),
  at: z.int(),
})
export type StaffLogView = z.infer<typeof StaffLogView>

export const ListStaffOutput = z.object({
  staff: z.array(StaffView),
  log: z.array(StaffLogView),
  /** The roles the caller may invite here. */
  canInvite: z.array(StaffRole),
})

/** What waits for a community's staff, as counts (the home page's to-do list). */
export const StaffTodoOutput = z.object({
  communityId: Id,
  pendingCouriers: z.int(),
  pendingReports: z.int(),
  openRedemptions: z.int(),
  stationsWithoutTheme: z.int(),
  gatesWithoutGuard: z.int(),
  openInvitations: z.int(),
})
export type StaffTodoOutput = z.infer<typeof StaffTodoOutput>

export const RevokeStaffInput = z.strictObject({ staffId: Id })
export const RevokeStaffOutput = z.object({ revoked: StaffView })

export const staffActions = {
  myCommunities: { input: MyCommunitiesInput, output: MyCommunitiesOutput },
  saveCommunity: { input: SaveCommunityInput, output: SaveCommunityOutput },
  createInvitation: { input: CreateInvitationInput, output: CreateInvitationOutput },
  listInvitations: { input: CommunityRefInput, output: ListInvitationsOutput },
  revokeInvitation: { input: RevokeInvitationInput, output: RevokeInvitationOutput },
  invitationInfo: { input: InvitationCodeInput, output: InvitationInfoOutput },
  acceptInvitation: { input: AcceptInvitationInput, output: AcceptInvitationOutput },
  listStaff: { input: CommunityRefInput, output: ListStaffOutput },
  revokeStaff: { input: RevokeStaffInput, output: RevokeStaffOutput },
  staffTodo: { input: CommunityRefInput, output: StaffTodoOutput },
} as const
