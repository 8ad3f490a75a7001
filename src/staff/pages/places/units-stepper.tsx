import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ManagedPlace } from '../../../../types'
import { toCloudError } from '../../../services/cloud'
import { setRoomUnits } from '../../../services/manage-places'

/**
 * 空房 − n + : how many units of a room are free now, one tap at a time (saved at once with setRoomUnits, so a
 * secretary can mark a room let without opening the form). A tap while one is saving is ignored.
 */
export default function UnitsStepper({ room, onSaved }: { room: ManagedPlace; onSaved: (room: ManagedPlace) => void }) {
  const [units, setUnits] = useState(room.unitsAvailable ?? 0)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const step = async (by: number) => {
    const next = units + by
    if (saving || next < 0) return
    setSaving(true)
    setError(null)
    try {
      const saved = await setRoomUnits(room.id, next)
      setUnits(saved.unitsAvailable ?? next)
      onSaved(saved)
    } catch (e) {
      setError(toCloudError(e).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className={`units-stepper${saving ? ' units-stepper--saving' : ''}`}>
      <Text className='units-stepper__label'>空房</Text>
      <Text
        className={`units-stepper__minus${units === 0 ? ' units-stepper__button--off' : ''}`}
        onClick={() => void step(-1)}
      >
        −
      </Text>
      <Text className='units-stepper__value'>{units}</Text>
      <Text className='units-stepper__plus' onClick={() => void step(1)}>
        +
      </Text>
      <Text className='units-stepper__unit'>间</Text>
      {error ? <Text className='field-error units-stepper__error'>{error}</Text> : null}
    </View>
  )
}
