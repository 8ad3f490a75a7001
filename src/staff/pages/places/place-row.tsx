import { Button, Text, View } from '@tarojs/components'
import { formatPrice, hoursText, type ManagedPlace } from '../../../../types'
import UnitsStepper from './units-stepper'

/** What a secretary checks at a glance: the kind's key facts and the hours. */
function facts(place: ManagedPlace): string {
  if (place.kind === 'meal')
    return `${place.priceFen === undefined ? '' : formatPrice(place.priceFen)} · ${place.dish ?? ''}`
  if (place.kind === 'room')
    return `${place.unitType ?? ''} · 月租 ${formatPrice(place.monthlyRentFen ?? 0)}（市场价 ${formatPrice(place.marketRentFen ?? 0)}）`
  return (place.amenities ?? []).join('、') || '未登记设施'
}

export interface PlaceRowProps {
  place: ManagedPlace
  onEdit: () => void
  onUnitsSaved: (room: ManagedPlace) => void
}

/** One of the community's places in 服务管理; a hidden one is marked 已隐藏 (couriers do not see it). */
export default function PlaceRow({ place, onEdit, onUnitsSaved }: PlaceRowProps) {
  return (
    <View className={`card managed-place${place.hidden ? ' managed-place--hidden' : ''}`} data-place-id={place.id}>
      <View className='managed-place__head'>
        <Text className='managed-place__name'>{place.name}</Text>
        {place.hidden ? <Text className='managed-place__hidden'>已隐藏</Text> : null}
      </View>
      <Text className='managed-place__facts'>{facts(place)}</Text>
      <Text className='muted managed-place__hours'>{hoursText(place.hours)}</Text>
      <Text className='muted managed-place__address'>{place.address}</Text>
      <View className='managed-place__actions'>
        {place.kind === 'room' ? <UnitsStepper key={place.updatedAt} room={place} onSaved={onUnitsSaved} /> : <View />}
        <Button className='btn btn--plain btn--small managed-place__edit' onClick={onEdit}>
          修改
        </Button>
      </View>
    </View>
  )
}
