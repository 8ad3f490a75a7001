import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { AMENITIES, type Amenity } from '../../../types'
import ChoiceChips from '../../components/choice-chips'
import MultiChips from '../../components/multi-chips'
import { MEAL_CEILINGS, ROOM_CEILINGS, type ServiceFilters, type ServiceKind } from './filters'

/** The amenities couriers ask for most, shown before 更多设施. */
const FIRST_AMENITIES = 9

interface ToggleProps {
  id: string
  label: string
  on: boolean
  onChange: (on: boolean) => void
}

/** An on/off filter as one large chip. */
function FilterToggle({ id, label, on, onChange }: ToggleProps) {
  return (
    <View
      id={id}
      className={`filter-toggle${on ? ' filter-toggle--on' : ''}`}
      role='switch'
      aria-checked={on}
      onClick={() => onChange(!on)}
    >
      <Text className='filter-toggle__mark'>{on ? '✓' : ''}</Text>
      <Text className='filter-toggle__label'>{label}</Text>
    </View>
  )
}

function AmenityChips({ values, onChange }: { values: Amenity[]; onChange: (values: Amenity[]) => void }) {
  const [expanded, setExpanded] = useState(false)
  // A chosen amenity stays in sight even when the list is folded.
  const shown = AMENITIES.filter((a, i) => expanded || i < FIRST_AMENITIES || values.includes(a))
  return (
    <View className='filter-bar__amenities'>
      <MultiChips
        block='station-amenities'
        compact
        choices={shown.map((a) => ({ value: a, label: a }))}
        values={values}
        onChange={onChange}
      />
      <Text className='filter-bar__more' onClick={() => setExpanded(!expanded)}>
        {expanded ? '收起' : '更多设施'}
      </Text>
    </View>
  )
}

export interface FilterBarProps {
  kind: ServiceKind
  filters: ServiceFilters
  onChange: (filters: ServiceFilters) => void
}

/** The filters of the list on show: open now, a price ceiling, amenities, free rooms. Every change reloads it. */
export default function FilterBar({ kind, filters, onChange }: FilterBarProps) {
  const set = <K extends keyof ServiceFilters>(key: K, value: ServiceFilters[K]) =>
    onChange({ ...filters, [key]: value })
  return (
    <View className='filter-bar' data-kind={kind}>
      {kind === 'station' ? (
        <>
          <FilterToggle
            id='filter-open-now'
            label='只看营业中'
            on={filters.stationsOpenNow}
            onChange={(on) => set('stationsOpenNow', on)}
          />
          <AmenityChips values={filters.amenities} onChange={(values) => set('amenities', values)} />
        </>
      ) : null}
      {kind === 'meal' ? (
        <>
          <FilterToggle
            id='filter-open-now'
            label='只看供餐中'
            on={filters.mealsOpenNow}
            onChange={(on) => set('mealsOpenNow', on)}
          />
          <ChoiceChips
            block='meal-price'
            compact
            choices={MEAL_CEILINGS}
            value={filters.mealCeiling}
            onChange={(v) => set('mealCeiling', v)}
          />
        </>
      ) : null}
      {kind === 'room' ? (
        <>
          <FilterToggle
            id='filter-available'
            label='只看有空房'
            on={filters.availableOnly}
            onChange={(on) => set('availableOnly', on)}
          />
          <ChoiceChips
            block='room-price'
            compact
            choices={ROOM_CEILINGS}
            value={filters.roomCeiling}
            onChange={(v) => set('roomCeiling', v)}
          />
        </>
      ) : null}
    </View>
  )
}
