import { formatDistance, type StationSummary } from '../../../types'

/** The station pin, copied into the weapp package by config/index.ts (a marker needs a file, not a data URL). */
export const PIN_ICON = '/assets/map-pin.png'

/** A Taro <Map> marker, as much of it as the station map uses. */
export interface StationMarker {
  id: number
  latitude: number
  longitude: number
  title: string
  iconPath: string
  width: number
  height: number
  callout: {
    content: string
    color: string
    fontSize: number
    anchorX: number
    anchorY: number
    borderRadius: number
    borderWidth: number
    borderColor: string
    bgColor: string
    padding: number
    display: 'BYCLICK' | 'ALWAYS'
    textAlign: 'left' | 'right' | 'center'
  }
}

/**
 * One marker per station, numbered in list order (WeChat wants numeric ids: `markerId` is the index back into
 * `stations`). The callout says what the list would: name, open or not, distance, this week's theme.
 */
export function stationMarkers(stations: StationSummary[]): StationMarker[] {
  return stations.map((station, index) => {
    const lines = [station.name, `${station.openNow ? '营业中' : '已打烊'} · ${formatDistance(station.distanceM)}`]
    if (station.themeThisWeek) lines.push(`本周主题：${station.themeThisWeek.title}`)
    return {
      id: index,
      latitude: station.location.lat,
      longitude: station.location.lng,
      title: station.name,
      iconPath: PIN_ICON,
      width: 32,
      height: 42,
      callout: {
        content: lines.join('\n'),
        color: '#1f2329',
        fontSize: 13,
        anchorX: 0,
        anchorY: -4,
        borderRadius: 8,
        borderWidth: 1,
        borderColor: station.openNow ? '#0b6b35' : '#8b9099',
        bgColor: '#ffffff',
        padding: 8,
        display: index === 0 ? 'ALWAYS' : 'BYCLICK',
        textAlign: 'left',
      },
    }
  })
}
