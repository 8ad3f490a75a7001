import { randomBytes } from 'node:crypto'
import {
  INVITATION_TTL_MS,
  INVITE_PAGE,
  INVITE_PREFIX,
  INVITE_SCENE_PREFIX,
  inviteCodeIn,
  ROLE_NAMES,
  type Invitation,
  type InvitationView,
  type StaffMember,
  type User,
} from '../../types'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { hashId } from '../shared/ids'
import { dataUrlOf } from '../shared/mini-program-code'
import { scopedDoc } from '../shared/scope'
import { bindingOf, grantableRoles, invitationState, sameBinding } from './domain/staff-rules'
import { staffId, staffLogEntry } from './staff-log'

/** Open invitations a community may have at once: enough for a busy week, not a flood. */
const MAX_OPEN = 30

const invitationId = (code: string) => hashId('invitation', code)

async function viewOf(ctx: Context, invitation: Invitation): Promise<InvitationView> {
  const [community, gate, creator] = await Promise.all([
    ctx.store.collection('communities').get(invitation.communityId),
    invitation.gateId ? ctx.store.collection('gates').get(invitation.gateId) : Promise.resolve(null),
    ctx.store.collection('users').get(invitation.createdBy),
  ])
  return {
    id: invitation._id,
    communityId: invitation.communityId,
    communityName: community?.name ?? '未知社区',
    role: invitation.role,
    ...(invitation.gateId ? { gateId: invitation.gateId, gateName: gate?.name ?? '已删除的门岗' } : {}),
    ...(invitation.note ? { note: invitation.note } : {}),
    createdByName: creator?.nickname ?? '管理员',
    createdAt: invitation.createdAt,
    expiresAt: invitation.expiresAt,
    state: invitationState(invitation, ctx.clock.now()),
  }
}

/** The caller may grant this role here (the policy has admitted them to the community; this is which role). */
function requireGrant(ctx: Context, communityId: string, role: Invitation['role']): void {
  if (!grantableRoles(ctx.caller.roles, communityId).includes(role))
    throw new AppError('FORBIDDEN', `你不能邀请${ROLE_NAMES[role]}`)
}

/**
 * A single-use invitation to a staff role, valid 24 h. Its code (128 random bits) is returned once, as the text
 * of a QR code and a link, and on CloudBase as a 小程序码 too; only its hash is stored.
 */
export const createInvitation: Handler<'account', 'createInvitation'> = async ({ ctx, input }) => {
  requireGrant(ctx, input.communityId, input.role)
  const community = await ctx.store.collection('communities').get(input.communityId)
  if (!community) throw new AppError('NOT_FOUND', '没有这个社区')
  if (input.role === 'guard') {
    const gate = input.gateId ? await ctx.store.collection('gates').get(input.gateId) : null
    if (!gate || gate.communityId !== community._id) throw new AppError('BAD_REQUEST', '请选择该社区的一个门岗')
  } else if (input.gateId) {
    throw new AppError('BAD_REQUEST', '只有门岗需要选择门岗')
  }
  const invitations = ctx.store.collection('invitations')
  const now = ctx.clock.now()
  const open = await invitations.find(
    { communityId: community._id, status: 'open', createdAt: { gt: now - INVITATION_TTL_MS } },
    { limit: MAX_OPEN },
  )
  if (open.length >= MAX_OPEN) {
    throw new AppError('INVALID_STATE', `该社区已有 ${MAX_OPEN} 个未使用的邀请，请先撤销不用的`)
  }
  const code = randomBytes(16).toString('base64url')
  const invitation: Invitation = {
    _id: invitationId(code),
    communityId: community._id,
    role: input.role,
    ...(input.gateId ? { gateId: input.gateId } : {}),
    ...(input.note ? { note: input.note } : {}),
    createdBy: ctx.caller.openid,
    createdAt: now,
    expiresAt: now + INVITATION_TTL_MS,
    status: 'open',
  }
  const log = staffLogEntry(ctx, {
    communityId: community._id,
    event: 'invited',
    role: input.role,
    gateId: input.gateId,
    subjectName: input.note,
  })
  await ctx.store.transaction(async (tx) => {
    await tx.collection('invitations').insert(invitation)
    await tx.collection('staffLogs').insert(log)
  })
  const answer = {
    invitation: await viewOf(ctx, invitation),
    code: `${INVITE_PREFIX}${code}`,
    path: `${INVITE_PAGE}?code=${code}`,
  }
  if (!ctx.miniProgramCode) return answer
  try {
    const image = await ctx.miniProgramCode({
      scene: `${INVITE_SCENE_PREFIX}${code}`,
      page: INVITE_PAGE,
      envVersion: ctx.config.miniProgramEnvVersion,
    })
    return { ...answer, miniCode: dataUrlOf(image) }
  } catch (error) {
    console.error('[account.createInvitation] no mini-program code', error)
    return { ...answer, miniCodeProblem: '微信小程序码暂时无法生成，请使用下方二维码或分享链接' }
  }
}

/** A community's invitations still open, newest first (for whoever may grant roles there). */
export const listInvitations: Handler<'account', 'listInvitations'> = async ({ ctx, input }) => {
  const now = ctx.clock.now()
  const open = await ctx.store
    .collection('invitations')
    .find(
      { communityId: input.communityId, status: 'open', createdAt: { gt: now - INVITATION_TTL_MS } },
      { orderBy: [['createdAt', 'desc']], limit: MAX_OPEN },
    )
  return { invitations: await Promise.all(open.map((i) => viewOf(ctx, i))) }
}

/** Withdraws an invitation before it is used (by whoever may grant its role). */
export const revokeInvitation: Handler<'account', 'revokeInvitation'> = async ({ ctx }) => {
  const invitation = scopedDoc(ctx.scope, 'invitations')
  requireGrant(ctx, invitation.communityId, invitation.role)
  const closed = { status: 'revoked' as const, closedAt: ctx.clock.now(), closedBy: ctx.caller.openid }
  const log = staffLogEntry(ctx, {
    communityId: invitation.communityId,
    event: 'invitation_revoked',
    role: invitation.role,
    gateId: invitation.gateId,
    subjectName: invitation.note,
  })
  await ctx.store.transaction(async (tx) => {
    const current = await tx.collection('invitations').get(invitation._id)
    if (current?.status !== 'open') throw new AppError('INVALID_STATE', '这个邀请已经被使用或撤销了')
    await tx.collection('invitations').update(invitation._id, { set: closed })
    await tx.collection('staffLogs').insert(log)
  })
  return { invitation: await viewOf(ctx, { ...invitation, ...closed }) }
}

/** The invitation a code stands for, whatever its state; a code that is not one of ours is INVITATION_INVALID. */
async function invitationOf(ctx: Context, text: string): Promise<Invitation> {
  const code = inviteCodeIn(text)
  const invitation = code ? await ctx.store.collection('invitations').get(invitationId(code)) : null
  if (!invitation) throw new AppError('INVITATION_INVALID')
  return invitation
}

/** What an invitation grants and who sent it, for the invitee to read before accepting (anyone). */
export const invitationInfo: Handler<'account', 'invitationInfo'> = async ({ ctx, input }) => ({
  invitation: await viewOf(ctx, await invitationOf(ctx, input.code)),
})

const REFUSALS = { used: 'INVITATION_USED', revoked: 'INVITATION_REVOKED', expired: 'INVITATION_EXPIRED' } as const

/**
 * Accepts an invitation: the role is bound to the caller's own OPENID (from the platform), once. The
 * invitation is closed, the role added, the roster entry and the log written in one transaction, so of two
 * people racing with the same code exactly one gets the role.
 */
export const acceptInvitation: Handler<'account', 'acceptInvitation'> = async ({ ctx, input }) => {
  const found = await invitationOf(ctx, input.code)
  const { openid } = ctx.caller
  if (found.createdBy === openid) throw new AppError('FORBIDDEN', '不能接受自己发出的邀请，请发给要邀请的人')
  const [community, gate] = await Promise.all([
    ctx.store.collection('communities').get(found.communityId),
    found.gateId ? ctx.store.collection('gates').get(found.gateId) : Promise.resolve(null),
  ])
  if (!community || (found.gateId && (!gate || gate.communityId !== community._id))) {
    throw new AppError('INVITATION_INVALID', '邀请对应的社区或门岗已不存在，请向邀请人重新索取')
  }
  const now = ctx.clock.now()
  const binding = bindingOf(found)
  const log = staffLogEntry(ctx, {
    communityId: community._id,
    event: 'accepted',
    role: found.role,
    gateId: found.gateId,
    subjectName: input.name,
    byName: input.name,
  })
  await ctx.store.transaction(async (tx) => {
    const invitation = await tx.collection('invitations').get(found._id)
    if (!invitation) throw new AppError('INVITATION_INVALID')
    const state = invitationState(invitation, now)
    if (state !== 'open') throw new AppError(REFUSALS[state])
    const users = tx.collection('users')
    const user: User = (await users.get(openid)) ?? { _id: openid, nickname: input.name, roles: [], createdAt: now }
    if (user.roles.some((r) => sameBinding(r, binding))) throw new AppError('ALREADY_STAFF')
    // A guard works one gate of one community: a second guard role would silently move them.
    if (binding.role === 'guard' && user.roles.some((r) => r.role === 'guard')) {
      throw new AppError('INVALID_STATE', '你已经是另一个门岗的门岗人员，请先由原社区解除后再接受')
    }
    await tx.collection('invitations').update(invitation._id, {
      set: { status: 'used', usedBy: openid, closedAt: now, closedBy: openid },
    })
    await users.put({ ...user, roles: [...user.roles, binding] })
    const member: StaffMember = {
      _id: staffId(community._id, invitation.role, openid),
      communityId: community._id,
      openid,
      role: invitation.role,
      ...(invitation.gateId ? { gateId: invitation.gateId } : {}),
      name: input.name,
      grantedBy: invitation.createdBy,
      grantedAt: now,
    }
    await tx.collection('staff').put(member)
    await tx.collection('staffLogs').insert(log)
  })
  return {
    role: found.role,
    communityId: community._id,
    communityName: community.name,
    ...(gate ? { gateName: gate.name } : {}),
  }
}
