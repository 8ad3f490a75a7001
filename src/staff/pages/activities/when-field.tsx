import { Input, Text, View } from '@tarojs/components'

export interface WhenFieldProps {
  /** Prefix of the inputs' ids: `${id}-date`, `${id}-time`. */
  id: string
  label: string
  date: string
  time: string
  onDate: (date: string) => void
  onTime: (time: string) => void
  /** The message of whichever part is wrong. */
  error?: string
}

/**
 * A China-time date and time as two short text fields (h5 and tests: browsers' own pickers differ too much).
 * The weapp build uses WeChat's date and time pickers instead (when-field.weapp.tsx).
 */
export default function WhenField({ id, label, date, time, onDate, onTime, error }: WhenFieldProps) {
  return (
    <View className={`field when-field${error ? ' field--invalid' : ''}`} data-field={id}>
      <Text className='field__label'>{label}</Text>
      <View className='when-field__row'>
        <Input
          id={`${id}-date`}
          className='field__input when-field__date'
          value={date}
          placeholder='YYYY-MM-DD'
          maxlength={10}
          onInput={(event) => onDate(event.detail.value)}
        />
        <Input
          id={`${id}-time`}
          className='field__input when-field__time'
          value={time}
          placeholder='HH:mm'
          maxlength={5}
          onInput={(event) => onTime(event.detail.value)}
        />
      </View>
      {error ? <Text className='field-error'>{error}</Text> : null}
    </View>
  )
}
