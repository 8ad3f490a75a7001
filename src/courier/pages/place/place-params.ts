import { GeoPoint, Id, PlaceKind } from '../../../../types'

export interface PlaceParams {
  kind: PlaceKind
  id: string
  /** Where the courier was when they opened it (from the list), for the distance. */
  from: GeoPoint | null
}

/** The detail page's query (`kind`, `id`, optional `lat`/`lng`), or null when it names no place. */
export function placeParams(params: Record<string, string | undefined> | undefined): PlaceParams | null {
  const kind = PlaceKind.safeParse(params?.kind)
  const id = Id.safeParse(decodeURIComponent(params?.id ?? ''))
  if (!kind.success || !id.success) return null
  const from = GeoPoint.safeParse({ lat: Number(params?.lat), lng: Number(params?.lng) })
  return { kind: kind.data, id: id.data, from: params?.lat && params?.lng && from.success ? from.data : null }
}
