import type { CommunityView, InvitationView, StaffRole, StaffView } from '../../types'
import { call } from './cloud'

/** Communities and staff: the account function's community, invitation and roster actions. */

export function fetchMyCommunities() {
  return call('account', { action: 'myCommunities' })
}

export interface CommunityFields {
  name: string
  street: string
  district: string
  city: string
  location: { lat: number; lng: number }
}

export function saveCommunity(fields: CommunityFields, communityId?: string): Promise<{ community: CommunityView }> {
  return call('account', { action: 'saveCommunity', ...fields, ...(communityId ? { communityId } : {}) })
}

export function createInvitation(
  communityId: string,
  role: StaffRole,
  options: { gateId?: string; note?: string } = {},
) {
  return call('account', {
    action: 'createInvitation',
    communityId,
    role,
    ...(options.gateId ? { gateId: options.gateId } : {}),
    ...(options.note ? { note: options.note } : {}),
  })
}

export function listInvitations(communityId: string): Promise<{ invitations: InvitationView[] }> {
  return call('account', { action: 'listInvitations', communityId })
}

export function revokeInvitation(invitationId: string): Promise<{ invitation: InvitationView }> {
  return call('account', { action: 'revokeInvitation', invitationId })
}

export function fetchInvitation(code: string): Promise<{ invitation: InvitationView }> {
  return call('account', { action: 'invitationInfo', code })
}

export function acceptInvitation(code: string, name: string) {
  return call('account', { action: 'acceptInvitation', code, name })
}

export function listStaff(communityId: string) {
  return call('account', { action: 'listStaff', communityId })
}

export function revokeStaff(staffId: string): Promise<{ revoked: StaffView }> {
  return call('account', { action: 'revokeStaff', staffId })
}

export function fetchStaffTodo(communityId: string) {
  return call('account', { action: 'staffTodo', communityId })
}
