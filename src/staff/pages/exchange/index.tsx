import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import ChoiceChips from '../../../components/choice-chips'
import StaffCommunityView from '../../../components/staff-community'
import StateView from '../../../components/state-view'
import { useRemote } from '../../../hooks/use-remote'
import { useStaffCommunity, type StaffCommunity } from '../../../hooks/use-staff-community'
import type { ItemView } from '../../../services/points'
import ItemForm from './item-form'
import PickupBox from './pickup-box'
import { loadExchange, type StationOption } from './stations'
import StaffWishes from './wishes'
import './index.css'

type Tab = 'pickup' | 'items' | 'wishes'
const TABS: Array<{ value: Tab; label: string }> = [
  { value: 'pickup', label: '取货核销' },
  { value: 'items', label: '物品管理' },
  { value: 'wishes', label: '心愿清单' },
]

function Catalogue({
  stations,
  items,
  onEdit,
}: {
  stations: StationOption[]
  items: ItemView[]
  onEdit: (item: ItemView) => void
}) {
  return (
    <>
      {stations.map((station) => {
        const stocked = items.filter((item) => item.stationId === station.id)
        return (
          <View key={station.id} className='card staff-station' data-station-id={station.id}>
            <Text className='staff-station__name'>{station.name}</Text>
            {stocked.length === 0 ? <Text className='muted staff-station__empty'>还没有物品</Text> : null}
            {stocked.map((item) => (
              <View
                key={item.id}
                className={`staff-item${item.hidden ? ' staff-item--hidden' : ''}`}
                data-item-id={item.id}
              >
                <View className='staff-item__main'>
                  <Text className='staff-item__name'>{item.name}</Text>
                  <Text className='staff-item__facts'>
                    {item.cost} 积分 · 库存 {item.stock}
                  </Text>
                </View>
                {item.hidden ? <Text className='staff-item__tag staff-item__tag--hidden'>已下架</Text> : null}
                {!item.hidden && item.stock === 0 ? (
                  <Text className='staff-item__tag staff-item__tag--sold-out'>已兑完</Text>
                ) : null}
                <Button className='btn btn--plain btn--small staff-item__edit' onClick={() => onEdit(item)}>
                  修改
                </Button>
              </View>
            ))}
          </View>
        )
      })}
    </>
  )
}

/** One community's exchange: keyed by community, so switching community starts afresh. */
function CommunityExchange({ community }: { community: StaffCommunity }) {
  const { state, reload } = useRemote(() => loadExchange(community))
  const [tab, setTab] = useState<Tab>('pickup')
  const [editing, setEditing] = useState<{ item: ItemView | null; draft?: { stationId: string; name: string } } | null>(
    null,
  )
  const [notice, setNotice] = useState<string | null>(null)

  if (state.status === 'loading') return <StateView kind='loading' />
  if (state.status === 'error') return <StateView kind='error' message={state.error.message} onRetry={reload} />
  const { items, stations } = state.data

  if (editing) {
    return (
      <ItemForm
        stations={stations}
        editing={editing.item}
        draft={editing.draft}
        onCancel={() => setEditing(null)}
        onSaved={(item) => {
          setEditing(null)
          setNotice(`已保存：${item.name}`)
          setTab('items')
          reload()
        }}
      />
    )
  }
  return (
    <>
      <ChoiceChips block='staff-exchange-tab' choices={TABS} value={tab} onChange={setTab} />
      {tab === 'pickup' ? <PickupBox stations={stations} /> : null}
      {tab === 'items' ? (
        <>
          <Button
            id='item-new'
            className='btn btn--primary staff-exchange__new'
            onClick={() => setEditing({ item: null })}
          >
            添加物品
          </Button>
          {notice ? <Text className='notice notice--info staff-exchange__notice'>{notice}</Text> : null}
          {stations.length === 0 ? (
            <StateView kind='empty' text='还没有可管理的驿站' hint='本社区还没有登记驿站' />
          ) : (
            <Catalogue stations={stations} items={items} onEdit={(item) => setEditing({ item })} />
          )}
        </>
      ) : null}
      {tab === 'wishes' ? (
        <StaffWishes
          community={community}
          stations={stations}
          onStock={(wish) => setEditing({ item: null, draft: { stationId: wish.stationId, name: wish.name } })}
        />
      ) : null}
    </>
  )
}

/**
 * 兑换管理 (secretary, admin): hand out redeemed goods by pickup code at a station, keep each station's
 * catalogue (items, cost in points, stock, on or off the shelf), and see the couriers' 心愿清单 to stock from.
 * The cloud checks the station is theirs.
 */
export default function StaffExchangePage() {
  const staff = useStaffCommunity(['secretary', 'admin'])
  return (
    <View className='page staff-exchange'>
      <View className='page-header'>
        <Text className='page-header__title'>兑换管理</Text>
        <Text className='page-header__hint'>取货核销、物品上架</Text>
      </View>
      <StaffCommunityView staff={staff} emptyText='你没有可管理的社区' emptyHint='社区书记或管理员才能管理积分兑换'>
        {(community) => <CommunityExchange key={community.id} community={community} />}
      </StaffCommunityView>
    </View>
  )
}
