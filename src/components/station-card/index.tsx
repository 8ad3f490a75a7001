import { Text, View } from '@tarojs/components'
import { formatDistance, hoursText, type StationSummary } from '../../../types'
import './index.css'

export interface StationCardProps {
  station: StationSummary
  /** Opens the station's detail page; the card is not tappable without it. */
  onOpen?: () => void
}

/** One station in the nearby list: what a courier needs to decide whether to ride there. */
export default function StationCard({ station, onOpen }: StationCardProps) {
  return (
    <View className='card station-card' data-station-id={station.id} onClick={onOpen}>
      <View className='station-card__head'>
        <Text className='station-card__name'>{station.name}</Text>
        <Text className='station-card__distance'>{formatDistance(station.distanceM)}</Text>
      </View>
      <View className='station-card__status'>
        <Text
          className={`station-card__badge ${station.openNow ? 'station-card__badge--open' : 'station-card__badge--closed'}`}
        >
          {station.openNow ? '营业中' : '已打烊'}
        </Text>
        <Text className='station-card__hours'>{hoursText(station.hours)}</Text>
      </View>
      {station.themeThisWeek ? (
        <View className='station-card__theme'>
          <Text className='station-card__theme-label'>本周主题</Text>
          <Text className='station-card__theme-title'>{station.themeThisWeek.title}</Text>
        </View>
      ) : null}
      {station.amenities.length > 0 ? (
        <View className='station-card__tags'>
          {station.amenities.map((amenity) => (
            <Text key={amenity} className='tag'>
              {amenity}
            </Text>
          ))}
        </View>
      ) : null}
      <Text className='station-card__line'>{station.address}</Text>
      <Text className='station-card__line muted'>{station.communityName}</Text>
      {station.coordsApproximate ? <Text className='station-card__note'>位置为近似值</Text> : null}
    </View>
  )
}
