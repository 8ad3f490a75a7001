import { useState } from 'react'
import { Map, Text, View } from '@tarojs/components'
import type { StationMapProps } from './station-map'
import { stationMarkers } from './map-markers'

export type { StationMapProps } from './station-map'

export const MAP_AVAILABLE: boolean = true

const NEARBY_M = 5000

/**
 * weapp build of station-map.tsx: WeChat's <map> centred on the courier, a pin per station in the list (the same
 * filters apply), zoomed to show them all. Tapping a pin's bubble opens the station.
 */
export default function StationMap({ origin, stations, onOpen }: StationMapProps) {
  const [failed, setFailed] = useState(false)
  const open = (markerId: number | string | undefined) => {
    const station = stations[Number(markerId)]
    if (station) onOpen(station)
  }
  return (
    <View className='station-map'>
      <Map
        id='station-map'
        className='station-map__map'
        latitude={origin.lat}
        longitude={origin.lng}
        scale={14}
        showLocation
        markers={stationMarkers(stations)}
        includePoints={[
          { latitude: origin.lat, longitude: origin.lng },
          // the nearby ones only: one far-off station would zoom the map out to a whole province
          ...stations
            .filter((s) => s.distanceM <= NEARBY_M)
            .slice(0, 10)
            .map((s) => ({ latitude: s.location.lat, longitude: s.location.lng })),
        ]}
        onCalloutTap={(event) => open(event.detail.markerId)}
        onError={() => setFailed(true)}
      />
      <Text className={`station-map__hint${failed ? ' notice notice--error' : ' muted'}`}>
        {failed ? '地图加载失败，请切换到列表查看' : '点地图上的驿站气泡，查看详情和导航'}
      </Text>
    </View>
  )
}
