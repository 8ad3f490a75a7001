import { NEARBY_MAX_LIMIT } from '../../../../types'
import type { StaffCommunity } from '../../../hooks/use-staff-community'
import { getUserLocation } from '../../../services/location'
import { listItems, type ItemView } from '../../../services/points'
import { fetchNearbyStations } from '../../../services/stations'

/** An exchange station a secretary can stock or hand goods out at. */
export interface StationOption {
  id: string
  name: string
}

export interface ExchangeData {
  items: ItemView[]
  stations: StationOption[]
}

/**
 * The community's catalogue (hidden items too) and its stations. No action lists a community's stations, so they
 * are the stations near the secretary (they work at them) that belong to this community by name, plus every
 * station that already has items. A failed station search still leaves the catalogue's own stations.
 */
export async function loadExchange(community: StaffCommunity): Promise<ExchangeData> {
  const [{ items }, nearby] = await Promise.all([
    listItems({ communityId: community.id, includeHidden: true }),
    getUserLocation()
      .then((here) => fetchNearbyStations(here, NEARBY_MAX_LIMIT))
      .catch(() => null),
  ])
  const stations = new Map<string, StationOption>()
  for (const station of nearby?.stations ?? []) {
    if (station.communityName === community.name) stations.set(station.id, { id: station.id, name: station.name })
  }
  for (const item of items) {
    if (!stations.has(item.stationId)) stations.set(item.stationId, { id: item.stationId, name: item.stationName })
  }
  return { items, stations: [...stations.values()] }
}
