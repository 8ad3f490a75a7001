import { AppError } from '../shared/errors'
import type { Context } from '../shared/handler'
import type { Keyring } from '../shared/pass-keys'

export function requireKeys(ctx: Context): Keyring {
  if (!ctx.config.passKeys) {
    console.error('[pass] no signing key configured: set PASS_ACTIVE_KID, PASS_PRIVATE_KEY, PASS_PUBLIC_KEYS')
    throw new AppError('INTERNAL', '小哥码服务尚未配置，请联系管理员')
  }
  return ctx.config.passKeys
}
