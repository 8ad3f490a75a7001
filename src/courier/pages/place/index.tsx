import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatDistance, hoursText, type OpeningHours } from '../../../../types'
import StateView from '../../../components/state-view'
import { useRemote } from '../../../hooks/use-remote'
import { CloudError } from '../../../services/cloud'
import { getUserLocation } from '../../../services/location'
import { fetchPlaceDetail, type PlaceDetail } from '../../../services/places'
import Contact from './contact'
import { MealOffer, RoomOffer } from './offer'
import { placeParams } from './place-params'
import StationTheme from './station-theme'
import './index.css'

/** What every kind of place shares on its page. */
interface Common {
  name: string
  address: string
  communityName: string
  location: { lat: number; lng: number }
  coordsApproximate: boolean
  distanceM?: number
  hours: OpeningHours
  openNow: boolean
  phone?: string
  note?: string
}

const KIND_TEXT = {
  station: { kind: '驿站', hours: '营业时间', open: '营业中', closed: '已打烊' },
  meal: { kind: '骑士餐', hours: '供餐时间', open: '供餐中', closed: '未到供餐时间' },
  room: { kind: '暖心房', hours: '看房咨询', open: '营业中', closed: '已打烊' },
} as const

function commonOf(detail: PlaceDetail): Common {
  return detail.kind === 'station' ? detail.station : detail.kind === 'meal' ? detail.meal : detail.room
}

function Place({ detail }: { detail: PlaceDetail }) {
  const place = commonOf(detail)
  const text = KIND_TEXT[detail.kind]
  return (
    <View className={`place-detail place-detail--${detail.kind}`}>
      <View className='card place-detail__head'>
        <View className='place-detail__title-row'>
          <Text className='place-detail__name'>{place.name}</Text>
          {place.distanceM !== undefined ? (
            <Text className='place-detail__distance'>{formatDistance(place.distanceM)}</Text>
          ) : null}
        </View>
        <Text className='muted place-detail__kind'>
          {text.kind} · {place.communityName}
        </Text>
        <View className='place-detail__status'>
          <Text
            className={`place-detail__badge ${place.openNow ? 'place-detail__badge--open' : 'place-detail__badge--closed'}`}
          >
            {place.openNow ? text.open : text.closed}
          </Text>
        </View>
        <View className='place-detail__row'>
          <Text className='place-detail__label'>{text.hours}</Text>
          <Text className='place-detail__hours'>{hoursText(place.hours)}</Text>
        </View>
        <View className='place-detail__row'>
          <Text className='place-detail__label'>地址</Text>
          <Text className='place-detail__address'>{place.address}</Text>
        </View>
        {place.coordsApproximate ? <Text className='place-detail__approx'>位置为近似值，以现场为准</Text> : null}
        {detail.kind === 'station' && detail.station.amenities.length > 0 ? (
          <View className='place-detail__amenities'>
            {detail.station.amenities.map((a) => (
              <Text key={a} className='tag'>
                {a}
              </Text>
            ))}
          </View>
        ) : null}
      </View>
      {detail.kind === 'station' ? (
        <StationTheme stationId={detail.station.id} stationName={detail.station.name} theme={detail.theme} />
      ) : null}
      {detail.kind === 'meal' ? <MealOffer meal={detail.meal} /> : null}
      {detail.kind === 'room' ? <RoomOffer room={detail.room} /> : null}
      <Contact name={place.name} address={place.address} location={place.location} phone={place.phone} />
      {place.note ? (
        <View className='card place-detail__note-card'>
          <Text className='place-detail__label'>说明</Text>
          <Text className='place-detail__note'>{place.note}</Text>
        </View>
      ) : null}
    </View>
  )
}

/**
 * One station, meal or room in full (opened from the 服务 tab): hours and whether it is open now, address, phone
 * and navigation; a station's 本周主题 with its dated slots; a meal's dish and price; a room's rent and units.
 */
export default function PlacePage() {
  const [params] = useState(() => placeParams(Taro.getCurrentInstance()?.router?.params))
  const { state, reload } = useRemote(async () => {
    if (!params) throw new CloudError('NOT_FOUND', '没有找到这个地点')
    const from = params.from ?? (await getUserLocation())
    const detail = await fetchPlaceDetail(params.kind, params.id, from)
    void Taro.setNavigationBarTitle({ title: commonOf(detail).name }).catch(() => undefined)
    return detail
  })

  return (
    <View className='page place-page'>
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? (
        <StateView kind='error' message={state.error.message} onRetry={params ? reload : undefined} />
      ) : null}
      {state.status === 'ready' ? <Place detail={state.data} /> : null}
    </View>
  )
}
