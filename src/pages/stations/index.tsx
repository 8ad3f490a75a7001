import { useEffect, useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import ChoiceChips from '../../components/choice-chips'
import MealCard from '../../components/meal-card'
import RoomCard from '../../components/room-card'
import StateView from '../../components/state-view'
import StationCard from '../../components/station-card'
import { ROUTES } from '../../routes'
import { useRemote } from '../../hooks/use-remote'
import { needsDemoLogin } from '../../services/demo-identity'
import { getUserLocation, type UserLocation } from '../../services/location'
import FilterBar from './filter-bar'
import {
  clearFilters,
  isFiltered,
  KIND_CHOICES,
  listKey,
  NO_FILTERS,
  type ServiceFilters,
  type ServiceKind,
} from './filters'
import { emptyText, listLength, loadNearby, placeUrl, type NearbyList } from './nearby'
import StationMap, { MAP_AVAILABLE } from './station-map'
import './index.css'

type Display = 'list' | 'map'
const DISPLAY_CHOICES: Array<{ value: Display; label: string }> = [
  { value: 'list', label: '列表' },
  { value: 'map', label: '地图' },
]

function Rows({ list, open }: { list: NearbyList; open: (kind: ServiceKind, id: string) => void }) {
  if (list.kind === 'station') {
    return (
      <View className='stations-page__list'>
        {list.stations.map((s) => (
          <StationCard key={s.id} station={s} onOpen={() => open('station', s.id)} />
        ))}
      </View>
    )
  }
  if (list.kind === 'meal') {
    return (
      <View className='stations-page__list'>
        {list.meals.map((m) => (
          <MealCard key={m.id} meal={m} onOpen={() => open('meal', m.id)} />
        ))}
      </View>
    )
  }
  return (
    <View className='stations-page__list'>
      {list.rooms.map((r) => (
        <RoomCard key={r.id} room={r} onOpen={() => open('room', r.id)} />
      ))}
    </View>
  )
}

/**
 * 服务 tab: stations, rider meals and rooms near the courier, nearest first as the cloud returns them, each list
 * with its own filters (a change reloads it). In weapp the stations can also be seen on a map.
 */
export default function StationsPage() {
  // In the h5 demo nobody is anyone until a demo identity is picked: go and pick one first.
  const [mustLogin] = useState(needsDemoLogin)
  const [location, setLocation] = useState<UserLocation | null>(null)
  // Located once and reused while filters change; pull-down locates again.
  const located = useRef<UserLocation | null>(null)
  const [kind, setKind] = useState<ServiceKind>('station')
  const [filters, setFilters] = useState<ServiceFilters>(NO_FILTERS)
  const [display, setDisplay] = useState<Display>('list')

  useEffect(() => {
    if (mustLogin) void Taro.reLaunch({ url: ROUTES.demoLogin })
  }, [mustLogin])

  const { state, reload } = useRemote(
    async () => {
      const here = located.current ?? (await getUserLocation())
      located.current = here
      setLocation(here)
      return loadNearby(kind, here, filters)
    },
    { enabled: !mustLogin, key: listKey(kind, filters) },
  )

  usePullDownRefresh(() => {
    located.current = null
    reload()
    void Taro.stopPullDownRefresh()
  })

  const open = (placeKind: ServiceKind, id: string) =>
    void Taro.navigateTo({ url: placeUrl(ROUTES.place, placeKind, id, location) })
  const filtered = isFiltered(kind, filters)
  const showMap = MAP_AVAILABLE && kind === 'station' && display === 'map'

  return (
    <View className='page stations-page'>
      <View className='page-header'>
        <Text className='page-header__title'>附近服务</Text>
        <Text className='page-header__hint stations-page__location'>{location ? location.label : '正在定位…'}</Text>
      </View>
      <ChoiceChips block='services-kind' choices={KIND_CHOICES} value={kind} onChange={setKind} />
      {kind === 'station' ? (
        <View
          id='month-themes-link'
          className='stations-page__month'
          onClick={() => void Taro.navigateTo({ url: ROUTES.monthThemes })}
        >
          <Text className='stations-page__month-label'>月月换主题</Text>
          <Text className='stations-page__month-hint'>本月各驿站的服务安排 ›</Text>
        </View>
      ) : null}
      <FilterBar kind={kind} filters={filters} onChange={setFilters} />
      {MAP_AVAILABLE && kind === 'station' ? (
        <ChoiceChips block='stations-view' compact choices={DISPLAY_CHOICES} value={display} onChange={setDisplay} />
      ) : null}
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error.message} onRetry={reload} /> : null}
      {state.status === 'ready' && listLength(state.data) === 0 ? (
        <View className='stations-page__empty'>
          <StateView kind='empty' {...emptyText(kind, filtered)} />
          {filtered ? (
            <Button
              id='filter-clear'
              className='btn btn--plain stations-page__clear'
              onClick={() => setFilters(clearFilters(kind, filters))}
            >
              清除筛选
            </Button>
          ) : null}
        </View>
      ) : null}
      {state.status === 'ready' && listLength(state.data) > 0 ? (
        showMap && state.data.kind === 'station' && location ? (
          <StationMap origin={location} stations={state.data.stations} onOpen={(s) => open('station', s.id)} />
        ) : (
          <Rows list={state.data} open={open} />
        )
      ) : null}
    </View>
  )
}
