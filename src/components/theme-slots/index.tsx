import { Text, View } from '@tarojs/components'
import type { ThemeSlot } from '../../../types'
import { slotWhen } from './slot-text'
import './index.css'

/** A weekly theme's dated service slots, one line each: "周三 11月25日 14:00–17:00  免费义诊". */
export default function ThemeSlots({ slots }: { slots: ThemeSlot[] }) {
  if (slots.length === 0) return null
  return (
    <View className='theme-slots'>
      {slots.map((slot) => (
        <View key={`${slot.date} ${slot.start} ${slot.title}`} className='theme-slots__slot'>
          <Text className='theme-slots__when'>{slotWhen(slot)}</Text>
          <Text className='theme-slots__title'>{slot.title}</Text>
        </View>
      ))}
    </View>
  )
}
