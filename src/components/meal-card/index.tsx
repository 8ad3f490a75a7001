import { Text, View } from '@tarojs/components'
import { formatDistance, formatPrice, hoursText } from '../../../types'
import type { MealView } from '../../services/places'
import '../station-card/index.css'
import './index.css'

export interface MealCardProps {
  meal: MealView
  onOpen?: () => void
}

/** One 骑士餐 in the nearby list: the price and the dish first, then whether it is being served now. */
export default function MealCard({ meal, onOpen }: MealCardProps) {
  return (
    <View className='card station-card meal-card' data-meal-id={meal.id} onClick={onOpen}>
      <View className='station-card__head'>
        <Text className='station-card__name meal-card__name'>{meal.name}</Text>
        <Text className='station-card__distance meal-card__distance'>{formatDistance(meal.distanceM)}</Text>
      </View>
      <View className='meal-card__offer'>
        <Text className='meal-card__price'>{formatPrice(meal.priceFen)}</Text>
        <Text className='meal-card__dish'>{meal.dish}</Text>
      </View>
      <View className='station-card__status'>
        <Text
          className={`station-card__badge meal-card__badge ${meal.openNow ? 'station-card__badge--open' : 'station-card__badge--closed'}`}
        >
          {meal.openNow ? '供餐中' : '未到供餐时间'}
        </Text>
        <Text className='station-card__hours'>供餐 {hoursText(meal.hours)}</Text>
      </View>
      {meal.dailyQuota !== undefined ? (
        <Text className='tag meal-card__quota'>每日限量 {meal.dailyQuota} 份</Text>
      ) : null}
      <Text className='station-card__line'>{meal.address}</Text>
      <Text className='station-card__line muted'>{meal.communityName}</Text>
      {meal.coordsApproximate ? <Text className='station-card__note'>位置为近似值</Text> : null}
    </View>
  )
}
