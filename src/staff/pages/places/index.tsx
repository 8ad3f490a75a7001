import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { ManagedPlace, PlaceKind } from '../../../../types'
import ChoiceChips from '../../../components/choice-chips'
import StaffCommunityView from '../../../components/staff-community'
import StateView from '../../../components/state-view'
import { useRemote } from '../../../hooks/use-remote'
import { useStaffCommunity, type StaffCommunity } from '../../../hooks/use-staff-community'
import { listManaged } from '../../../services/manage-places'
import { KIND_NAMES, KIND_TABS } from './kinds'
import PlaceFormView from './place-form'
import PlaceRow from './place-row'
import './index.css'

/** One community's places of each kind: keyed by community, so switching community starts afresh. */
function CommunityPlaces({ community }: { community: StaffCommunity }) {
  const [kind, setKind] = useState<PlaceKind>('station')
  const [editing, setEditing] = useState<{ place: ManagedPlace | null } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const { state, reload } = useRemote(() => listManaged(community.id, kind), { key: kind })

  if (editing) {
    return (
      <PlaceFormView
        key={editing.place?.id ?? `new-${kind}`}
        kind={kind}
        communityId={community.id}
        editing={editing.place}
        onCancel={() => setEditing(null)}
        onSaved={(place) => {
          setEditing(null)
          setNotice(`已保存：${place.name}${place.hidden ? '（已隐藏）' : ''}`)
          reload()
        }}
      />
    )
  }
  return (
    <>
      <ChoiceChips
        block='places-kind'
        choices={KIND_TABS}
        value={kind}
        onChange={(k) => {
          setKind(k)
          setNotice(null)
        }}
      />
      <Button id='place-new' className='btn btn--primary staff-places__new' onClick={() => setEditing({ place: null })}>
        新增{KIND_NAMES[kind]}
      </Button>
      {notice ? <Text className='notice notice--info staff-places__notice'>{notice}</Text> : null}
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.length === 0 ? (
        <StateView kind='empty' text={`还没有登记${KIND_NAMES[kind]}`} hint={`点上方「新增${KIND_NAMES[kind]}」开始`} />
      ) : null}
      {state.status === 'ready'
        ? state.data.map((place) => (
            <PlaceRow
              key={place.id}
              place={place}
              onEdit={() => setEditing({ place })}
              onUnitsSaved={(room) => setNotice(`${room.name}：空房 ${room.unitsAvailable ?? 0} 间`)}
            />
          ))
        : null}
    </>
  )
}

/**
 * 服务管理 (secretary, admin): the community's stations, rider meals and rooms — add, edit, hide — and a quick
 * 空房 count for each room. The cloud checks the community is theirs and the hours do not overlap.
 */
export default function StaffPlacesPage() {
  const staff = useStaffCommunity(['secretary', 'admin'])
  return (
    <View className='page staff-places'>
      <View className='page-header'>
        <Text className='page-header__title'>服务管理</Text>
        <Text className='page-header__hint'>驿站、骑士餐、暖心房</Text>
      </View>
      <StaffCommunityView
        staff={staff}
        emptyText='你没有可管理的社区'
        emptyHint='社区书记或管理员才能管理驿站、骑士餐和暖心房'
      >
        {(community) => <CommunityPlaces key={community.id} community={community} />}
      </StaffCommunityView>
    </View>
  )
}
