import type { StaffCommunity } from '../../../hooks/use-staff-community'
import { listItems, listStations, type ItemView } from '../../../services/points'

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
 * The community's catalogue (hidden items too) and its stations, as the cloud lists them; a station that has
 * items but is somehow missing from that list is still offered, so its catalogue stays reachable.
 */
export async function loadExchange(community: StaffCommunity): Promise<ExchangeData> {
  const [{ items }, { stations: listed }] = await Promise.all([
    listItems({ communityId: community.id, includeHidden: true }),
    listStations({ communityId: community.id }),
  ])
  const stations = new Map<string, StationOption>()
  for (const station of listed) stations.set(station.id, { id: station.id, name: station.name })
  for (const item of items) {
    if (!stations.has(item.stationId)) stations.set(item.stationId, { id: item.stationId, name: item.stationName })
  }
  return { items, stations: [...stations.values()] }
}
