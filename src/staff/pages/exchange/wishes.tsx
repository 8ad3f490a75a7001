import { Button, Text, View } from '@tarojs/components'
import StateView from '../../../components/state-view'
import { useRemote } from '../../../hooks/use-remote'
import type { StaffCommunity } from '../../../hooks/use-staff-community'
import { listWishes, wishRanks, type WishView } from '../../../services/points'
import type { StationOption } from './stations'

interface StaffWishesProps {
  community: StaffCommunity
  stations: StationOption[]
  /** Opens 添加物品 with the station and the name filled in. */
  onStock: (wish: WishView) => void
}

/** 心愿清单 (staff): what the community's couriers would like to redeem, most wanted first, to stock from. */
export default function StaffWishes({ community, stations, onStock }: StaffWishesProps) {
  const { state, reload } = useRemote(async () => (await listWishes({ communityId: community.id })).wishes)
  if (state.status === 'loading') return <StateView kind='loading' />
  if (state.status === 'error') return <StateView kind='error' message={state.error.message} onRetry={reload} />
  if (state.data.length === 0)
    return <StateView kind='empty' text='还没有心愿' hint='小哥在「积分兑换」里许的心愿会显示在这里' />
  const ranks = wishRanks(state.data)
  const known = new Set(stations.map((s) => s.id))
  return (
    <View className='card staff-wishes'>
      <Text className='muted staff-wishes__hint'>按想要的人数排序，可直接上架</Text>
      {state.data.map((wish, i) => (
        <View
          key={`${wish.stationId}|${wish.name}`}
          className='staff-wish'
          data-station-id={wish.stationId}
          data-name={wish.name}
        >
          <Text className={`staff-wish__rank${ranks[i] <= 3 ? ' staff-wish__rank--top' : ''}`}>{ranks[i]}</Text>
          <View className='staff-wish__main'>
            <Text className='staff-wish__name'>{wish.name}</Text>
            <Text className='staff-wish__station'>{wish.stationName}</Text>
          </View>
          <Text className='staff-wish__count'>{wish.count} 人想要</Text>
          {known.has(wish.stationId) ? (
            <Button className='btn btn--plain btn--small staff-wish__stock' onClick={() => onStock(wish)}>
              上架
            </Button>
          ) : null}
        </View>
      ))}
    </View>
  )
}
