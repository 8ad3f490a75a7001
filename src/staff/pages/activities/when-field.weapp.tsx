import { Picker, Text, View } from '@tarojs/components'
import type { WhenFieldProps } from './when-field'

export type { WhenFieldProps } from './when-field'

/** weapp build of when-field.tsx: WeChat's own date and time pickers, which cannot produce a malformed value. */
export default function WhenField({ id, label, date, time, onDate, onTime, error }: WhenFieldProps) {
  return (
    <View className={`field when-field${error ? ' field--invalid' : ''}`} data-field={id}>
      <Text className='field__label'>{label}</Text>
      <View className='when-field__row'>
        <Picker
          mode='date'
          value={date}
          onChange={(event) => onDate(String(event.detail.value))}
          className='when-field__date'
        >
          <View id={`${id}-date`} className='field__input when-field__value'>
            {date || '选择日期'}
          </View>
        </Picker>
        <Picker
          mode='time'
          value={time}
          onChange={(event) => onTime(String(event.detail.value))}
          className='when-field__time'
        >
          <View id={`${id}-time`} className='field__input when-field__value'>
            {time || '选择时间'}
          </View>
        </Picker>
      </View>
      {error ? <Text className='field-error'>{error}</Text> : null}
    </View>
  )
}
