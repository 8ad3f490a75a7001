import { Text, View } from '@tarojs/components'
import { formatPrice } from '../../../../types'
import { unitsText } from '../../../components/room-card/units'
import type { PlaceDetail } from '../../../services/places'

type Meal = Extract<PlaceDetail, { kind: 'meal' }>['meal']
type Room = Extract<PlaceDetail, { kind: 'room' }>['room']

/** 骑士餐: the dish, its price and the daily quota. */
export function MealOffer({ meal }: { meal: Meal }) {
  return (
    <View className='card place-offer'>
      <View className='place-offer__head'>
        <Text className='place-offer__price place-meal__price'>{formatPrice(meal.priceFen)}</Text>
        <Text className='place-offer__what place-meal__dish'>{meal.dish}</Text>
      </View>
      {meal.dailyQuota !== undefined ? (
        <Text className='tag place-meal__quota'>每日限量 {meal.dailyQuota} 份</Text>
      ) : null}
    </View>
  )
}

/** 暖心房: the rent against the market rent, the unit type, free units and who may rent. */
export function RoomOffer({ room }: { room: Room }) {
  return (
    <View className='card place-offer'>
      <View className='place-offer__head'>
        <Text className='place-offer__price place-room__rent'>{formatPrice(room.monthlyRentFen)}/月</Text>
        <Text className='place-room__market'>市场价 {formatPrice(room.marketRentFen)}</Text>
      </View>
      {room.savingFen > 0 ? <Text className='place-room__saving'>每月省 {formatPrice(room.savingFen)}</Text> : null}
      <View className='place-offer__tags'>
        <Text className='tag place-room__type'>{room.unitType}</Text>
        <Text className='tag place-room__units'>{unitsText(room.unitsAvailable)}</Text>
      </View>
      {room.conditions ? (
        <View className='place-detail__row'>
          <Text className='place-detail__label'>入住条件</Text>
          <Text className='place-room__conditions'>{room.conditions}</Text>
        </View>
      ) : null}
    </View>
  )
}
