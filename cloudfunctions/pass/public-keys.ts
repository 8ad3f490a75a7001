import type { Handler } from '../shared/handler'
import { requireKeys } from './keys'

/** The public keys that verify 小哥码 tokens (raw Ed25519, base64url): enough for an offline gate device. */
export const publicKeys: Handler<'pass', 'publicKeys'> = async ({ ctx }) => {
  const keys = requireKeys(ctx)
  return {
    keys: [...keys.byKid.values()]
      .sort((a, b) => a.kid - b.kid)
      .map((k) => ({ kid: k.kid, publicKey: k.publicRaw, active: k.kid === keys.active.kid })),
  }
}
