import { Input, Text, View } from '@tarojs/components'
import ChoiceChips from '../../../components/choice-chips'
import { weekdayOf } from '../../../components/theme-slots/slot-text'
import type { SlotForm } from './theme-model'

export interface SlotEditorProps {
  index: number
  slot: SlotForm
  /** The week's seven dates, Monday first. */
  dates: string[]
  onChange: (slot: SlotForm) => void
  onRemove: () => void
}

/** One dated service slot: which day of the week (chips), from and to (HH:mm), and what is offered. */
export default function SlotEditor({ index, slot, dates, onChange, onRemove }: SlotEditorProps) {
  const choices = dates.map((date) => ({
    value: date,
    label: `${weekdayOf(date).slice(1)} ${Number(date.slice(8))}日`,
  }))
  const set = (patch: Partial<SlotForm>) => onChange({ ...slot, ...patch })
  return (
    <View className='theme-slot' data-index={index}>
      <View className='theme-slot__head'>
        <Text className='theme-slot__number'>时段 {index + 1}</Text>
        <Text className='theme-slot__remove' onClick={onRemove}>
          删除
        </Text>
      </View>
      <ChoiceChips block='slot-date' compact choices={choices} value={slot.date} onChange={(date) => set({ date })} />
      <View className='theme-slot__times'>
        <Input
          id={`slot-${index}-start`}
          className='field__input theme-slot__time'
          value={slot.start}
          placeholder='14:00'
          maxlength={5}
          onInput={(e) => set({ start: e.detail.value })}
        />
        <Text className='theme-slot__dash'>至</Text>
        <Input
          id={`slot-${index}-end`}
          className='field__input theme-slot__time'
          value={slot.end}
          placeholder='17:00'
          maxlength={5}
          onInput={(e) => set({ end: e.detail.value })}
        />
      </View>
      <Input
        id={`slot-${index}-title`}
        className='field__input theme-slot__title'
        value={slot.title}
        placeholder='服务内容，如：免费义诊'
        maxlength={40}
        onInput={(e) => set({ title: e.detail.value })}
      />
    </View>
  )
}
