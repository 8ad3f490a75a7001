import { z } from 'zod'
import { CourierStatus, Id, RoleBinding } from '../entities'
import { defineFunction } from './define'

export const MeInput = z.strictObject({})
export type MeInput = z.infer<typeof MeInput>

export const MeOutput = z.object({
  openid: z.string(),
  nickname: z.string(),
  /** True for a caller the system has never seen: a visitor who may browse services and register. */
  isNew: z.boolean(),
  roles: z.array(RoleBinding.extend({ communityName: z.string().optional() })),
  courier: z
    .object({
      status: CourierStatus,
      statusReason: z.string().optional(),
      communityId: Id,
      communityName: z.string(),
    })
    .nullable(),
})
export type MeOutput = z.infer<typeof MeOutput>

export const accountContract = defineFunction({
  me: { input: MeInput, output: MeOutput },
})
