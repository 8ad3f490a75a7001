import { STAFF_ROLES, type Invitation, type InvitationState, type RoleBinding, type StaffRole } from '../../../types'

/**
 * Who may grant which staff role, in which community: an admin any role anywhere; a community's secretary its
 * managers and guards; its manager its guards. Revoking follows the same table: what you may grant, you may
 * take away. Pure, so the same rule answers both and a test walks it.
 */
const GRANTS: Readonly<Partial<Record<RoleBinding['role'], readonly StaffRole[]>>> = {
  secretary: ['manager', 'guard'],
  manager: ['guard'],
}

export function grantableRoles(roles: readonly RoleBinding[], communityId: string): StaffRole[] {
  if (roles.some((r) => r.role === 'admin')) return [...STAFF_ROLES]
  const granted = new Set<StaffRole>()
  for (const binding of roles) {
    if (binding.communityId !== communityId) continue
    for (const role of GRANTS[binding.role] ?? []) granted.add(role)
  }
  return STAFF_ROLES.filter((role) => granted.has(role))
}

/** An open invitation past its time is expired; the stored status only ever moves from open to used or revoked. */
export function invitationState(invitation: Invitation, now: number): InvitationState {
  if (invitation.status !== 'open') return invitation.status
  return now >= invitation.expiresAt ? 'expired' : 'open'
}

/** The binding an accepted invitation adds to the invitee's roles. */
export function bindingOf(invitation: Pick<Invitation, 'role' | 'communityId' | 'gateId'>): RoleBinding {
  return {
    role: invitation.role,
    communityId: invitation.communityId,
    ...(invitation.gateId ? { gateId: invitation.gateId } : {}),
  }
}

/** Whether a binding is the one a roster entry stands for. */
export function sameBinding(a: RoleBinding, b: RoleBinding): boolean {
  return a.role === b.role && a.communityId === b.communityId
}
