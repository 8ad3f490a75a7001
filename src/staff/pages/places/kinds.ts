import type { PlaceKind } from '../../../../types'

export const KIND_NAMES: Record<PlaceKind, string> = { station: '驿站', meal: '骑士餐', room: '暖心房' }

export const KIND_TABS: Array<{ value: PlaceKind; label: string }> = [
  { value: 'station', label: '驿站' },
  { value: 'meal', label: '骑士餐' },
  { value: 'room', label: '暖心房' },
]
