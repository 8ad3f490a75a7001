import type { ReactNode } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'

interface FieldProps {
  id: string
  label: string
  value: string
  placeholder: string
  maxlength: number
  error?: string
  optional?: boolean
  onInput: (value: string) => void
}

/** The label (with （选填） when optional), the control, and the Chinese message under it. */
function Field({
  id,
  label,
  error,
  optional,
  children,
}: Pick<FieldProps, 'id' | 'label' | 'error' | 'optional'> & { children: ReactNode }) {
  return (
    <View className={`field${error ? ' field--invalid' : ''}`} data-field={id}>
      <Text className='field__label'>
        {label}
        {optional ? <Text className='field__optional'>（选填）</Text> : null}
      </Text>
      {children}
      {error ? <Text className='field-error'>{error}</Text> : null}
    </View>
  )
}

/** A labelled one-line input with its Chinese message under it (ids and `data-field` for tests). */
export function TextField({
  id,
  label,
  value,
  placeholder,
  maxlength,
  error,
  optional,
  onInput,
  type = 'text',
}: FieldProps & { type?: 'text' | 'digit' | 'number' }) {
  return (
    <Field id={id} label={label} error={error} optional={optional}>
      <Input
        id={id}
        className='field__input'
        type={type}
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        onInput={(event) => onInput(event.detail.value)}
      />
    </Field>
  )
}

/** A labelled multi-line input. */
export function TextAreaField({ id, label, value, placeholder, maxlength, error, optional, onInput }: FieldProps) {
  return (
    <Field id={id} label={label} error={error} optional={optional}>
      <Textarea
        id={id}
        className='field__input field__textarea'
        value={value}
        placeholder={placeholder}
        maxlength={maxlength}
        onInput={(event) => onInput(event.detail.value)}
      />
    </Field>
  )
}
