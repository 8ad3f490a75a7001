import type { GeoPoint, StationSummary } from '../../../types'

export interface StationMapProps {
  origin: GeoPoint
  stations: StationSummary[]
  onOpen: (station: StationSummary) => void
}

/** Whether this build shows the stations on a map (the 列表/地图 switch). The h5 build lists them only. */
export const MAP_AVAILABLE: boolean = false

/** h5 (and tests): no map; station-map.weapp.tsx draws WeChat's. */
export default function StationMap(_props: StationMapProps) {
  return null
}
