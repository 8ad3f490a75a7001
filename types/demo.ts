import { z } from './zod'
import { Id } from './entities'

/**
 * The local demo only: identities offered by `GET /local/demo-identities`. The local cloud then takes the
 * caller from the `x-openid` header, as CloudBase takes it from the WX context.
 */
export const DemoIdentity = z.object({
  openid: Id,
  nickname: z.string(),
  roleName: z.string(),
  description: z.string(),
})
export type DemoIdentity = z.infer<typeof DemoIdentity>

export const DemoIdentitiesReply = z.object({ identities: z.array(DemoIdentity) })
export type DemoIdentitiesReply = z.infer<typeof DemoIdentitiesReply>
