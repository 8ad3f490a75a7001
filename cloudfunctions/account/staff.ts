import { STAFF_ROLES, type StaffMember, type StaffView } from '../../types'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { scopedDoc } from '../shared/scope'
import { grantableRoles, sameBinding } from './domain/staff-rules'
import { staffLogEntry } from './staff-log'

const MAX_STAFF = 200
const LOG_ENTRIES = 50

async function gateNames(ctx: Context, ids: Array<string | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))]
  const gates = wanted.length ? await ctx.store.collection('gates').find({ _id: { in: wanted } }, { limit: 100 }) : []
  return new Map(gates.map((g) => [g._id, g.name]))
}

function viewOf(ctx: Context, member: StaffMember, gates: Map<string, string>, names: Map<string, string>): StaffView {
  return {
    id: member._id,
    name: member.name,
    role: member.role,
    ...(member.gateId ? { gateId: member.gateId, gateName: gates.get(member.gateId) ?? '已删除的门岗' } : {}),
    grantedAt: member.grantedAt,
    grantedByName: names.get(member.grantedBy) ?? '管理员',
    isMe: member.openid === ctx.caller.openid,
    canRevoke:
      member.openid !== ctx.caller.openid && grantableRoles(ctx.caller.roles, member.communityId).includes(member.role),
  }
}

/** Everyone who holds a staff role in the community, by role, with the log of grants and revocations. */
export const listStaff: Handler<'account', 'listStaff'> = async ({ ctx, input }) => {
  const [members, log] = await Promise.all([
    ctx.store.collection('staff').find({ communityId: input.communityId }, { limit: MAX_STAFF }),
    ctx.store
      .collection('staffLogs')
      .find({ communityId: input.communityId }, { orderBy: [['at', 'desc']], limit: LOG_ENTRIES }),
  ])
  const gates = await gateNames(ctx, [...members.map((m) => m.gateId), ...log.map((e) => e.gateId)])
  const granters = [...new Set(members.map((m) => m.grantedBy))]
  const users = granters.length
    ? await ctx.store.collection('users').find({ _id: { in: granters } }, { limit: MAX_STAFF })
    : []
  const names = new Map(users.map((u) => [u._id, u.nickname]))
  const order = (m: StaffMember) => STAFF_ROLES.indexOf(m.role)
  return {
    staff: members
      .sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name, 'zh-CN'))
      .map((m) => viewOf(ctx, m, gates, names)),
    log: log.map((e) => ({
      id: e._id,
      event: e.event,
      role: e.role,
      ...(e.gateId ? { gateName: gates.get(e.gateId) ?? '已删除的门岗' } : {}),
      ...(e.subjectName ? { subjectName: e.subjectName } : {}),
      byName: e.byName,
      at: e.at,
    })),
    canInvite: grantableRoles(ctx.caller.roles, input.communityId),
  }
}

/**
 * Takes a person's staff role away: their binding and their roster entry go in one
 * transaction, so the very next call they make is refused. Whoever may grant a role may revoke it; no one
 * revokes themself here.
 */
export const revokeStaff: Handler<'account', 'revokeStaff'> = async ({ ctx }) => {
  const member = scopedDoc(ctx.scope, 'staff')
  if (member.openid === ctx.caller.openid) throw new AppError('FORBIDDEN', '不能解除自己的岗位，请由其他有权限的人操作')
  if (!grantableRoles(ctx.caller.roles, member.communityId).includes(member.role)) {
    throw new AppError('FORBIDDEN', '你没有权限解除这个岗位')
  }
  const log = staffLogEntry(ctx, {
    communityId: member.communityId,
    event: 'revoked',
    role: member.role,
    gateId: member.gateId,
    subjectName: member.name,
  })
  const binding = { role: member.role, communityId: member.communityId }
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.collection('staff').get(member._id))) throw new AppError('NOT_FOUND', '这位工作人员已被解除')
    const user = await tx.collection('users').get(member.openid)
    if (user) await tx.collection('users').put({ ...user, roles: user.roles.filter((r) => !sameBinding(r, binding)) })
    await tx.collection('staff').remove(member._id)
    await tx.collection('staffLogs').insert(log)
  })
  const gates = await gateNames(ctx, [member.gateId])
  return { revoked: viewOf(ctx, member, gates, new Map()) }
}
