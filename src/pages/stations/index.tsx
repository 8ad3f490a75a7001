import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import StateView from '../../components/state-view'
import StationCard from '../../components/station-card'
import { ROUTES } from '../../routes'
import { useRemote } from '../../hooks/use-remote'
import { needsDemoLogin } from '../../services/demo-identity'
import { getUserLocation, type UserLocation } from '../../services/location'
import { fetchNearbyStations } from '../../services/stations'
import './index.css'

/** 服务 tab: stations near the user, nearest first, as the cloud returns them. */
export default function StationsPage() {
  // In the h5 demo nobody is anyone until a demo identity is picked: go and pick one first.
  const [mustLogin] = useState(needsDemoLogin)
  const [location, setLocation] = useState<UserLocation | null>(null)

  useEffect(() => {
    if (mustLogin) void Taro.reLaunch({ url: ROUTES.demoLogin })
  }, [mustLogin])

  const { state, reload } = useRemote(
    async () => {
      const here = await getUserLocation()
      setLocation(here)
      return fetchNearbyStations(here)
    },
    { enabled: !mustLogin },
  )

  usePullDownRefresh(() => {
    reload()
    void Taro.stopPullDownRefresh()
  })

  return (
    <View className='page stations-page'>
      <View className='page-header'>
        <Text className='page-header__title'>附近驿站</Text>
        <Text className='page-header__hint stations-page__location'>{location ? location.label : '正在定位…'}</Text>
      </View>
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.stations.length === 0 ? (
        <StateView kind='empty' text='附近暂无驿站' hint='换个位置再看看，或下拉刷新' />
      ) : null}
      {state.status === 'ready' && state.data.stations.length > 0 ? (
        <View className='stations-page__list'>
          {state.data.stations.map((station) => (
            <StationCard key={station.id} station={station} />
          ))}
        </View>
      ) : null}
    </View>
  )
}
