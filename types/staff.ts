import { z } from './zod'

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

export const STAFF_EVENTS = ['invited', 'accepted', 'revoked', 'invitation_revoked'] as const
export const StaffEvent = z.enum(STAFF_EVENTS)
export type StaffEvent = z.infer<typeof StaffEvent>
export const STAFF_EVENT_NAMES: Record<StaffEvent, string> = {
  invited: '发出邀请',
  accepted: '接受邀请',
  revoked: '解除岗位',
  invitation_revoked: '撤销邀请',
}
