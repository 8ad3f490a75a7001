import { randomBytes } from 'node:crypto'
import { PLACE_SCAN_PAGE, sceneOf, type Gate, type GateView } from '../../types'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { dataUrlOf } from '../shared/mini-program-code'
import { scopedDoc } from '../shared/scope'
import { encodePlaceCode, MAX_GATE_ID_BYTES } from './domain/place-code'
import { requireKeys } from './keys'

const MAX_GATES = 50

/** The community's guards by gate, from its roster (kept in step with the role bindings by invitations). */
async function guardsByGate(ctx: Context, communityId: string): Promise<Map<string, GateView['guards']>> {
  const guards = await ctx.store.collection('staff').find({ communityId, role: 'guard' }, { limit: 200 })
  const byGate = new Map<string, GateView['guards']>()
  for (const g of guards.sort((a, b) => a.grantedAt - b.grantedAt)) {
    if (!g.gateId) continue
    byGate.set(g.gateId, [...(byGate.get(g.gateId) ?? []), { staffId: g._id, name: g.name }])
  }
  return byGate
}

const viewOf = (gate: Gate, guards: Map<string, GateView['guards']>): GateView => ({
  id: gate._id,
  name: gate.name,
  guards: guards.get(gate._id) ?? [],
})

/** A community's gates with their guards (manager, secretary or admin of that community). */
export const listGates: Handler<'pass', 'listGates'> = async ({ ctx, input }) => {
  const gates = await ctx.store
    .collection('gates')
    .find({ communityId: input.communityId }, { orderBy: [['createdAt', 'asc']], limit: MAX_GATES })
  const guards = await guardsByGate(ctx, input.communityId)
  return { gates: gates.map((g) => viewOf(g, guards)) }
}

/** Adds a gate (no gateId) or renames one (manager or admin of the community). */
export const saveGate: Handler<'pass', 'saveGate'> = async ({ ctx, input }) => {
  const community = await ctx.store.collection('communities').get(input.communityId)
  if (!community) throw new AppError('NOT_FOUND', '没有这个社区')
  const gates = ctx.store.collection('gates')
  if (input.gateId) {
    const gate = scopedDoc(ctx.scope, 'gates')
    const renamed = { ...gate, name: input.name }
    await gates.update(gate._id, { set: { name: input.name } })
    return { gate: viewOf(renamed, await guardsByGate(ctx, input.communityId)) }
  }
  if ((await gates.count({ communityId: input.communityId })) >= MAX_GATES) {
    throw new AppError('INVALID_STATE', `一个社区最多 ${MAX_GATES} 个门岗`)
  }
  const gate: Gate = {
    // short (14 characters): a gate's id is what its printed 场所码 signs, which holds at most 32 bytes
    _id: `g-${randomBytes(9).toString('base64url')}`,
    communityId: input.communityId,
    name: input.name,
    createdAt: ctx.clock.now(),
  }
  await gates.insert(gate)
  return { gate: viewOf(gate, new Map()) }
}

/**
 * A gate's printable 场所码 (staff of its community): always the signed plain-QR code; on WeChat also the gate's
 * 小程序码, whose scene carries the gate's random scene key (made on first request and kept, so every printed
 * copy stays valid). If WeChat cannot make one, the plain QR is still given, with the reason.
 */
export const placeCode: Handler<'pass', 'placeCode'> = async ({ ctx }) => {
  const keys = requireKeys(ctx)
  const gate = scopedDoc(ctx.scope, 'gates')
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
