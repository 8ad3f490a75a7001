import { useState } from 'react'
import type { Role } from '../../types'
import { fetchCommunities, fetchMe } from '../services/account'
import { useRemote, type RemoteState } from './use-remote'

export interface StaffCommunity {
  id: string
  name: string
  /** The caller's roles there, of those the page asked for (an admin holds `admin` everywhere). */
  roles: Role[]
}

export interface StaffCommunities {
  /** The communities the caller may act for in this page's roles: bound ones first, then (admin) all. */
  state: RemoteState<StaffCommunity[]>
  reload: () => void
  /** The one chosen (the first by default); null until loaded or when there is none. */
  community: StaffCommunity | null
  choose: (id: string) => void
}

/**
 * Which community a staff page works on. It comes from the caller's role bindings (account.me); an admin,
 * bound to no community, may pick any of them. The cloud checks the binding again on every call.
 */
export function useStaffCommunity(roles: readonly Role[]): StaffCommunities {
  const { state, reload } = useRemote(async () => {
    const me = await fetchMe()
    const found = new Map<string, StaffCommunity>()
    for (const binding of me.roles) {
      if (!roles.includes(binding.role) || !binding.communityId) continue
      const known = found.get(binding.communityId)
      if (known) known.roles.push(binding.role)
      else
        found.set(binding.communityId, {
          id: binding.communityId,
          name: binding.communityName ?? binding.communityId,
          roles: [binding.role],
        })
    }
    if (roles.includes('admin') && me.roles.some((binding) => binding.role === 'admin')) {
      for (const community of await fetchCommunities()) {
        const known = found.get(community.id)
        if (known) known.roles.push('admin')
        else found.set(community.id, { id: community.id, name: community.name, roles: ['admin'] })
      }
    }
    return [...found.values()]
  })
  const [chosen, setChosen] = useState<string | null>(null)
  const list = state.status === 'ready' ? state.data : []
  const community = list.find((c) => c.id === chosen) ?? list[0] ?? null
  return { state, reload, community, choose: setChosen }
}
