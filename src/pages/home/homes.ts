import type { MeOutput } from '../../../types'

/** The homes a person can have, one per role they hold (staff homes per community). */
export type Home =
  | { kind: 'courier' }
  | { kind: 'guard'; communityId: string; communityName: string }
  | { kind: 'secretary' | 'manager'; communityId: string; communityName: string }
  | { kind: 'admin' }
  | { kind: 'visitor' }

export const HOME_NAMES: Record<Home['kind'], string> = {
  courier: '小哥',
  guard: '门岗',
  secretary: '社区书记',
  manager: '物业经理',
  admin: '管理员',
  visitor: '访客',
}

export const homeKey = (home: Home) => ('communityId' in home ? `${home.kind}:${home.communityId}` : home.kind)

/**
 * A person's homes from who the cloud says they are: a courier's (registered, whatever the status), a guard's,
 * a secretary's and a manager's for each community, an admin's; a visitor has the visitor's home only.
 * Ordered by what a person most likely opened the app for: work at a gate first, delivering last.
 */
export function homesFor(me: MeOutput): Home[] {
  const homes: Home[] = []
  const staff = (kind: 'guard' | 'secretary' | 'manager') =>
    me.roles
      .filter((r) => r.role === kind && r.communityId)
      .map((r) => ({ kind, communityId: r.communityId!, communityName: r.communityName ?? '' }))
  homes.push(...staff('guard'), ...staff('secretary'), ...staff('manager'))
  if (me.roles.some((r) => r.role === 'admin')) homes.push({ kind: 'admin' })
  if (me.courier) homes.push({ kind: 'courier' })
  return homes.length > 0 ? homes : [{ kind: 'visitor' }]
}
