import { randomBytes } from 'node:crypto'
import { PLACE_SCAN_PAGE, sceneOf, type Gate, type GateView, type RoleBinding, type User } from '../../types'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { newId } from '../shared/ids'
import { dataUrlOf } from '../shared/mini-program-code'
import { requireCommunityRole } from '../shared/policy'
import { encodePlaceCode, MAX_GATE_ID_BYTES } from './domain/place-code'
import { requireKeys } from './keys'

const MAX_GATES = 50

const isGuardAt = (gateId: string) => (r: RoleBinding) => r.role === 'guard' && r.gateId === gateId

/** A gate with its guards: the gate's index of OPENIDs, each checked against the user's current binding. */
async function viewOf(ctx: Context, gate: Gate): Promise<GateView> {
  const ids = gate.guardOpenids ?? []
  const users = ids.length ? await ctx.store.collection('users').find({ _id: { in: ids } }, { limit: 100 }) : []
  const guards = users
    .filter((u) => u.roles.some(isGuardAt(gate._id)))
    .sort((a, b) => ids.indexOf(a._id) - ids.indexOf(b._id))
    .map((u) => ({ openid: u._id, nickname: u.nickname }))
  return { id: gate._id, name: gate.name, guards }
}

/** The gate, which must belong to `communityId` (a gate of another community is simply not found). */
async function gateOf(ctx: Context, communityId: string, gateId: string): Promise<Gate> {
  const gate = await ctx.store.collection('gates').get(gateId)
  if (!gate || gate.communityId !== communityId) throw new AppError('NOT_FOUND', '该社区没有这个门岗')
  return gate
}

/** A community's gates with their guards (manager, secretary or admin of that community). */
export const listGates: Handler<'pass', 'listGates'> = async ({ ctx, input }) => {
  requireCommunityRole(ctx.caller, ['manager', 'secretary'], input.communityId)
  const gates = await ctx.store
    .collection('gates')
    .find({ communityId: input.communityId }, { orderBy: [['createdAt', 'asc']], limit: MAX_GATES })
  return { gates: await Promise.all(gates.map((g) => viewOf(ctx, g))) }
}

/** Adds a gate (no gateId) or renames one (manager or admin of the community). */
export const saveGate: Handler<'pass', 'saveGate'> = async ({ ctx, input }) => {
  requireCommunityRole(ctx.caller, ['manager'], input.communityId)
  const community = await ctx.store.collection('communities').get(input.communityId)
  if (!community) throw new AppError('NOT_FOUND', '没有这个社区')
  const gates = ctx.store.collection('gates')
  if (input.gateId) {
    const gate = await gateOf(ctx, input.communityId, input.gateId)
    const renamed = { ...gate, name: input.name }
    await gates.update(gate._id, { set: { name: input.name } })
    return { gate: await viewOf(ctx, renamed) }
  }
  if ((await gates.count({ communityId: input.communityId })) >= MAX_GATES) {
    throw new AppError('INVALID_STATE', `一个社区最多 ${MAX_GATES} 个门岗`)
  }
  const gate: Gate = {
    _id: `gate-${newId()}`,
    communityId: input.communityId,
    name: input.name,
    createdAt: ctx.clock.now(),
  }
  await gates.insert(gate)
  return { gate: await viewOf(ctx, gate) }
}

/**
 * A gate's printable 场所码 (staff of its community): always the signed plain-QR code; on WeChat also the gate's
 * 小程序码, whose scene carries the gate's random scene key (made on first request and kept, so every printed
 * copy stays valid). If WeChat cannot make one, the plain QR is still given, with the reason.
 */
export const placeCode: Handler<'pass', 'placeCode'> = async ({ ctx, input }) => {
  const keys = requireKeys(ctx)
  const gate = await ctx.store.collection('gates').get(input.gateId)
  if (!gate) throw new AppError('NOT_FOUND', '没有这个门岗')
  requireCommunityRole(ctx.caller, ['manager', 'secretary'], gate.communityId)
  if (Buffer.byteLength(gate._id, 'utf8') > MAX_GATE_ID_BYTES)
    throw new AppError('INVALID_STATE', '该门岗编号过长，无法生成场所码')
  const community = await ctx.store.collection('communities').get(gate.communityId)
  const answer = { code: encodePlaceCode(keys, gate._id), gateName: gate.name, communityName: community?.name ?? '' }
  if (!ctx.miniProgramCode) return answer
  try {
    const scene = sceneOf(await sceneKeyOf(ctx, gate))
    const image = await ctx.miniProgramCode({
      scene,
      page: PLACE_SCAN_PAGE,
      envVersion: ctx.config.miniProgramEnvVersion,
    })
    return { ...answer, miniCode: dataUrlOf(image) }
  } catch (error) {
    console.error(`[pass.placeCode] no mini-program code for ${gate._id}`, error)
    return { ...answer, miniCodeProblem: '微信小程序码暂时无法生成，请先使用下方的二维码' }
  }
}

/** The gate's scene key, made once: of two requests racing, the first write wins and both use it. */
async function sceneKeyOf(ctx: Context, gate: Gate): Promise<string> {
  if (gate.sceneKey) return gate.sceneKey
  const gates = ctx.store.collection('gates')
  await gates.update(gate._id, { set: { sceneKey: randomBytes(12).toString('base64url') } }, { sceneKey: null })
  const stored = (await gates.get(gate._id))?.sceneKey
  if (!stored) throw new AppError('NOT_FOUND', '没有这个门岗')
  return stored
}

/**
 * Makes a user the guard of a gate of the community, replacing any earlier guard binding of theirs (a guard
 * works one gate). A user never seen before gets a document with the nickname 门岗.
 */
export const bindGuard: Handler<'pass', 'bindGuard'> = async ({ ctx, input }) => {
  requireCommunityRole(ctx.caller, ['manager'], input.communityId)
  await gateOf(ctx, input.communityId, input.gateId)
  const now = ctx.clock.now()
  const gate = await ctx.store.transaction(async (tx) => {
    const users = tx.collection('users')
    const gates = tx.collection('gates')
    const user: User = (await users.get(input.openid)) ?? {
      _id: input.openid,
      nickname: '门岗',
      roles: [],
      createdAt: now,
    }
    const previous = user.roles.filter((r) => r.role === 'guard')
    const roles: RoleBinding[] = [
      ...user.roles.filter((r) => r.role !== 'guard'),
      { role: 'guard', communityId: input.communityId, gateId: input.gateId },
    ]
    await users.put({ ...user, roles })
    // keep the gates' guard index in step: off the old gate(s), onto the new one
    for (const old of previous) {
      if (!old.gateId || old.gateId === input.gateId) continue
      const oldGate = await gates.get(old.gateId)
      if (oldGate?.guardOpenids?.includes(input.openid)) {
        await gates.put({ ...oldGate, guardOpenids: oldGate.guardOpenids.filter((id) => id !== input.openid) })
      }
    }
    const target = await gates.get(input.gateId)
    if (!target || target.communityId !== input.communityId) throw new AppError('NOT_FOUND', '该社区没有这个门岗')
    const ids = target.guardOpenids ?? []
    if (!ids.includes(input.openid) && ids.length >= MAX_GATES)
      throw new AppError('INVALID_STATE', `一个门岗最多绑定 ${MAX_GATES} 名门岗人员`)
    const updated = ids.includes(input.openid) ? target : { ...target, guardOpenids: [...ids, input.openid] }
    if (updated !== target) await gates.put(updated)
    return updated
  })
  return { gate: await viewOf(ctx, gate) }
}
