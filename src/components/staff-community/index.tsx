import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { StaffCommunities, StaffCommunity } from '../../hooks/use-staff-community'
import CommunitySwitch from '../community-switch'
import StateView from '../state-view'

export interface StaffCommunityViewProps {
  staff: StaffCommunities
  /** Shown when the caller has no community this page can act for. */
  emptyText: string
  emptyHint: string
  children: (community: StaffCommunity) => ReactNode
}

/**
 * The frame of every staff page: loading, error (with 重试) or "no community" states while the caller's
 * communities load, then the community switch and the page's content for the chosen community.
 */
export default function StaffCommunityView({ staff, emptyText, emptyHint, children }: StaffCommunityViewProps) {
  if (staff.state.status === 'loading') return <StateView kind='loading' />
  if (staff.state.status === 'error')
    return <StateView kind='error' message={staff.state.error.message} onRetry={staff.reload} />
  if (!staff.community) return <StateView kind='empty' text={emptyText} hint={emptyHint} />
  return (
    <View>
      <CommunitySwitch communities={staff.state.data} current={staff.community} onChange={staff.choose} />
      {children(staff.community)}
    </View>
  )
}
