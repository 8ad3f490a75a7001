import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import './index.css'

export interface ConsentCheckProps {
  id: string
  checked: boolean
  onChange: (checked: boolean) => void
  /** What is agreed to, in one line. */
  label: string
  /** The explanation shown under it: what is processed, why, and for how long. */
  children?: ReactNode
  error?: string
}

/** One consent, given by its own tap (PIPL: never bundled with another, never pre-ticked). */
export default function ConsentCheck({ id, checked, onChange, label, children, error }: ConsentCheckProps) {
  return (
    <View className={`consent-check${checked ? ' consent-check--checked' : ''}`}>
      <View
        id={id}
        className='consent-check__row'
        role='checkbox'
        aria-checked={checked}
        data-checked={checked ? 'true' : 'false'}
        onClick={() => onChange(!checked)}
      >
        <View className='consent-check__box'>
          <Text className='consent-check__mark'>{checked ? '✓' : ''}</Text>
        </View>
        <Text className='consent-check__label'>{label}</Text>
      </View>
      {children ? <View className='consent-check__detail'>{children}</View> : null}
      {error ? <Text className='field-error consent-check__error'>{error}</Text> : null}
    </View>
  )
}
