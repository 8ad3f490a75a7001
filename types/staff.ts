import { z } from './zod'
import { Id } from './entities'

/**
 * Staff of a community and how they get there: by accepting a short-lived, single-use invitation that someone
 * allowed to grant the role made, never by anyone typing an OPENID.
 */

export const STAFF_ROLES = ['secretary', 'manager', 'guard'] as const
export const StaffRole = z.enum(STAFF_ROLES)
export type StaffRole = z.infer<typeof StaffRole>

/** An invitation lives a day: long enough to reach someone, short enough not to linger in a chat. */
export const INVITATION_TTL_MS = 24 * 3600_000

/** The invitation's secret: 128 random bits, base64url. Only its hash is stored. */
export const INVITE_CODE_PATTERN = /^[A-Za-z0-9_-]{22}$/
/** The text of an invitation's plain QR code (scanned in the app). */
export const INVITE_PREFIX = 'XGI1.'
/** The `scene` of an invitation's 小程序码: "i=" and the code, 24 of WeChat's 32 characters. */
export const INVITE_SCENE_PREFIX = 'i='
/** The page an invitation opens (a 小程序码, a shared card, or the h5 link). */
export const INVITE_PAGE = 'staff/pages/invite/index'

/**
 * The invitation code in what a person scanned, pasted or opened: the QR text (`XGI1.<code>`), a scene
 * (`i=<code>`, raw or URL-encoded), a page path or link carrying `code=` or `scene=`, or the bare code.
 */
export function inviteCodeIn(raw: string | null | undefined): string | null {
  if (!raw) return null
  let text = raw.trim()
  const query = text.indexOf('?')
  if (query >= 0) {
    const match = /(?:^|&)(?:code|scene)=([^&#]*)/.exec(text.slice(query + 1))
    if (!match) return null
    text = match[1]
  }
  try {
    text = decodeURIComponent(text)
  } catch {
    return null
  }
  if (text.startsWith(INVITE_PREFIX)) text = text.slice(INVITE_PREFIX.length)
  else if (text.startsWith(INVITE_SCENE_PREFIX)) text = text.slice(INVITE_SCENE_PREFIX.length)
  return INVITE_CODE_PATTERN.test(text) ? text : null
}

export const INVITATION_STATUSES = ['open', 'used', 'revoked'] as const
export const InvitationStatus = z.enum(INVITATION_STATUSES)

export const Invitation = z.object({
  /** SHA-256 of the code (base64url, 32 characters): whoever reads the database cannot accept it. */
  _id: Id,
  communityId: Id,
  role: StaffRole,
  /** A guard's gate (required for guards). */
  gateId: z.optional(Id),
  /** Who it is meant for, as the inviter wrote it (e.g. 王师傅): shown to staff, never checked. */
  note: z.optional(z.string().check(z.maxLength(20))),
  createdBy: Id,
  createdAt: z.int(),
  expiresAt: z.int(),
  status: InvitationStatus,
  usedBy: z.optional(Id),
  closedAt: z.optional(z.int()),
  closedBy: z.optional(Id),
})
export type Invitation = z.infer<typeof Invitation>

/**
 * A community's roster, one document per person and role: the users' role bindings are the truth for access;
 * this is their index by community (filters cannot look inside the role arrays) and carries the names shown.
 */
export const StaffMember = z.object({
  /** SHA-256 of community, role and OPENID: one per person and role, and no OPENID in what staff pages see. */
  _id: Id,
  communityId: Id,
  openid: Id,
  role: StaffRole,
  gateId: z.optional(Id),
  name: z.string().check(z.minLength(1), z.maxLength(20)),
  grantedBy: Id,
  grantedAt: z.int(),
})
export type StaffMember = z.infer<typeof StaffMember>

export const STAFF_EVENTS = ['invited', 'accepted', 'revoked', 'invitation_revoked'] as const
export const StaffEvent = z.enum(STAFF_EVENTS)
export type StaffEvent = z.infer<typeof StaffEvent>
export const STAFF_EVENT_NAMES: Record<StaffEvent, string> = {
  invited: '发出邀请',
  accepted: '接受邀请',
  revoked: '解除岗位',
  invitation_revoked: '撤销邀请',
}

/** Every grant, acceptance and revocation: who did it to whom, when. Kept with the community. */
export const StaffLogEntry = z.object({
  _id: Id,
  communityId: Id,
  event: StaffEvent,
  role: StaffRole,
  gateId: z.optional(Id),
  /** The person the event is about, by name (the invitee's note for an invitation). */
  subjectName: z.optional(z.string().check(z.maxLength(20))),
  by: Id,
  byName: z.string().check(z.maxLength(32)),
  at: z.int(),
})
export type StaffLogEntry = z.infer<typeof StaffLogEntry>
