import type { Courier, User } from '../../types'
import { AppError } from '../shared/errors'
import type { Handler } from '../shared/handler'

const ERASING_MESSAGE = '你的账号正在注销：请先在“我的数据”里点“注销账号”完成注销，再重新注册'

/**
 * Courier registration: a visitor (or a courier whose registration was rejected) submits their details and
 * both consents; the registration waits for a secretary of the chosen community. A registration still waiting
 * may be corrected the same way (it keeps waiting, now with the new details); an approved or suspended one may
 * not: its details were what the secretary approved.
 */
export const register: Handler<'account', 'register'> = async ({ ctx, input }) => {
  const { caller, store, clock } = ctx
  const now = clock.now()
  if (!(await store.collection('communities').get(input.communityId))) throw new AppError('NOT_FOUND', '所选社区不存在')

  let replaced: string | undefined
  await store.transaction(async (tx) => {
    const existing = await tx.collection('couriers').get(caller.openid)
    // A deletion half-way (account/erase.ts) is finished, not overwritten: a new registration would inherit
    // whatever it had not yet anonymised.
    if (existing?.erasingAs) throw new AppError('INVALID_STATE', ERASING_MESSAGE)
    if (existing && existing.status !== 'rejected' && existing.status !== 'pending') {
      throw new AppError('ALREADY_REGISTERED')
    }
    const courier: Courier = {
      _id: caller.openid,
      name: input.name,
      phone: input.phone,
      platform: input.platform,
      riderId: input.riderId,
      communityId: input.communityId,
      photoUrl: input.photoUrl,
      status: 'pending',
      passId: existing?.passId,
      privacyConsentAt: now,
      movementConsentAt: now,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    }
    await tx.collection('couriers').put(courier)
    replaced = [existing?.photoUrl, existing?.photoPending].find((p) => p && p !== input.photoUrl)
    const user = await tx.collection('users').get(caller.openid)
    const roles = user?.roles ?? []
    if (!roles.some((r) => r.role === 'courier')) {
      const next: User = {
        _id: caller.openid,
        nickname: user?.nickname ?? input.name,
        roles: [...roles, { role: 'courier' }],
        createdAt: user?.createdAt ?? now,
      }
      await tx.collection('users').put(next)
    }
  })
  // The earlier registration's photo is no longer anyone's: deleted from storage (best effort).
  if (replaced) await ctx.photos?.remove([replaced]).catch(() => undefined)
  return { status: 'pending' as const }
}
