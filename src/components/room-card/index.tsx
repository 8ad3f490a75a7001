import { Text, View } from '@tarojs/components'
import { formatDistance, formatPrice, hoursText } from '../../../types'
import type { RoomView } from '../../services/places'
import { unitsText } from './units'
import '../station-card/index.css'
import './index.css'

export interface RoomCardProps {
  room: RoomView
  onOpen?: () => void
}

/** One 暖心房 in the nearby list: the rent against the market rent, free units, and who may rent. */
export default function RoomCard({ room, onOpen }: RoomCardProps) {
  return (
    <View className='card station-card room-card' data-room-id={room.id} onClick={onOpen}>
      <View className='station-card__head'>
        <Text className='station-card__name room-card__name'>{room.name}</Text>
        <Text className='station-card__distance room-card__distance'>{formatDistance(room.distanceM)}</Text>
      </View>
      <View className='room-card__offer'>
        <Text className='room-card__rent'>{formatPrice(room.monthlyRentFen)}/月</Text>
        <Text className='room-card__market'>市场价 {formatPrice(room.marketRentFen)}</Text>
        {room.savingFen > 0 ? <Text className='room-card__saving'>省 {formatPrice(room.savingFen)}</Text> : null}
      </View>
      <View className='station-card__status'>
        <Text className='tag room-card__type'>{room.unitType}</Text>
        <Text className={`tag room-card__units${room.unitsAvailable > 0 ? '' : ' room-card__units--none'}`}>
          {unitsText(room.unitsAvailable)}
        </Text>
      </View>
      {room.conditions ? <Text className='station-card__line room-card__conditions'>{room.conditions}</Text> : null}
      <View className='station-card__status room-card__office'>
        <Text
          className={`station-card__badge room-card__badge ${room.openNow ? 'station-card__badge--open' : 'station-card__badge--closed'}`}
        >
          {room.openNow ? '营业中' : '已打烊'}
        </Text>
        <Text className='station-card__hours'>看房咨询 {hoursText(room.hours)}</Text>
      </View>
      <Text className='station-card__line'>{room.address}</Text>
      <Text className='station-card__line muted'>{room.communityName}</Text>
      {room.coordsApproximate ? <Text className='station-card__note'>位置为近似值</Text> : null}
    </View>
  )
}
