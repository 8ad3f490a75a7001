import type { StaffLogEntry, StaffRole } from '../../types'
import type { Context } from '../shared/handler'
import { hashId, newId } from '../shared/ids'

/** The name a staff log shows for the caller: their own name as staff, or 管理员 for an admin from ADMIN_OPENIDS. */
export function callerName(ctx: Context): string {
  return ctx.caller.user?.nickname ?? '管理员'
}

/** A roster entry's id: one per person, role and community, and no OPENID in it. */
export function staffId(communityId: string, role: StaffRole, openid: string): string {
  return hashId('staff', communityId, role, openid)
}

/** A staff log entry by the caller, now; written in the same transaction as what it records. */
export function staffLogEntry(
  ctx: Context,
  fields: Pick<StaffLogEntry, 'communityId' | 'event' | 'role'> & {
    gateId?: string
    subjectName?: string
    byName?: string
  },
): StaffLogEntry {
  return {
    _id: `sl-${newId()}`,
    communityId: fields.communityId,
    event: fields.event,
    role: fields.role,
    ...(fields.gateId ? { gateId: fields.gateId } : {}),
    ...(fields.subjectName ? { subjectName: fields.subjectName } : {}),
    by: ctx.caller.openid,
    byName: fields.byName ?? callerName(ctx),
    at: ctx.clock.now(),
  }
}
