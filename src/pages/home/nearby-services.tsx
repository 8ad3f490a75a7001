import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import StationCard from '../../components/station-card'
import StateView from '../../components/state-view'
import { useRemote } from '../../hooks/use-remote'
import { ROUTES } from '../../routes'
import { getUserLocation } from '../../services/location'
import { fetchNearbyStations } from '../../services/places'
import { placeUrl } from '../stations/nearby'

const SHOWN = 3

/** The nearest stations (with this week's theme where one is published), and the way to the full list. */
export default function NearbyServices() {
  const nearby = useRemote(async () => {
    const location = await getUserLocation()
    const { stations } = await fetchNearbyStations(location)
    return { location, stations: stations.slice(0, SHOWN), themed: stations.find((s) => s.themeThisWeek) ?? null }
  })
  if (nearby.state.status === 'loading') return <StateView kind='loading' text='正在查找附近的驿站…' />
  if (nearby.state.status === 'error')
    return <StateView kind='error' message={nearby.state.error.message} onRetry={nearby.reload} />
  const { location, stations, themed } = nearby.state.data
  return (
    <View className='home-services'>
      {themed?.themeThisWeek ? (
        <View
          className='card home-theme'
          onClick={() => void Taro.navigateTo({ url: placeUrl(ROUTES.place, 'station', themed.id, location) })}
        >
          <Text className='home-theme__label'>本周主题 · {themed.name}</Text>
          <Text className='home-theme__title'>{themed.themeThisWeek.title}</Text>
        </View>
      ) : null}
      <Text className='home-section-title'>附近驿站 · {location.label}</Text>
      {stations.length === 0 ? <StateView kind='empty' text='附近还没有驿站' /> : null}
      {stations.map((station) => (
        <StationCard
          key={station.id}
          station={station}
          onOpen={() => void Taro.navigateTo({ url: placeUrl(ROUTES.place, 'station', station.id, location) })}
        />
      ))}
      <Button
        className='btn btn--plain home-services__more'
        onClick={() => void Taro.switchTab({ url: ROUTES.stations })}
      >
        查看全部服务（驿站、骑士餐、暖心房）
      </Button>
    </View>
  )
}
