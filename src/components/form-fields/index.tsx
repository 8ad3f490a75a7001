import type { ReactNode } from 'react'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { charCount } from '../../../types'
import './index.css'

/** No limit for Taro's Input/Textarea (both platforms): a counter shows the limit instead of cutting. */
const NO_LIMIT = -1

/**
 * What a counted field lets the control take. Taro's h5 Input cuts a number-type value at `maxlength` itself
 * (its fix for browsers ignoring maxlength on numbers), so -1 would cut every digit typed there: a numeric
 * field keeps a bound, far enough past the limit that an extra digit shows red instead of vanishing.
 */
function controlLimit(maxlength: number, counter: boolean | undefined, type: string): number {
  if (!counter) return maxlength
  return type === 'text' ? NO_LIMIT : maxlength * 2
}

interface FieldProps {
  id: string
  label: string
  value: string
  placeholder: string
  /** The most characters the field takes. Without `counter`, the control cuts at it (silently, as Taro does). */
  maxlength: number
  /**
   * Shows "3/20" (characters as the contract counts them: an emoji is one) and lets the text run past the
   * limit, red, so a person sees what is too long instead of losing its end; the form's check refuses it.
   */
  counter?: boolean
  error?: string
  optional?: boolean
  onInput: (value: string) => void
}

/** "3/20", red once over the limit. */
function Counter({ value, max }: { value: string; max: number }) {
  const count = charCount(value)
  return <Text className={`field__counter${count > max ? ' field__counter--over' : ''}`}>{`${count}/${max}`}</Text>
}

/**
 * The label (with （选填） when optional), the control, and the Chinese message under it. The frame carries
 * `id="<id>-field"`, so a form can scroll to it (`Taro.pageScrollTo({ selector })` takes ids, not attributes).
 */
export function Field({
  id,
  label,
  error,
  optional,
  counter,
  children,
}: Pick<FieldProps, 'id' | 'label' | 'error' | 'optional'> & {
  counter?: { value: string; max: number }
  children: ReactNode
}) {
  return (
    <View id={fieldFrameId(id)} className={`field${error ? ' field--invalid' : ''}`} data-field={id}>
      <View className='field__head'>
        <Text className='field__label'>
          {label}
          {optional ? <Text className='field__optional'>（选填）</Text> : null}
        </Text>
        {counter ? <Counter value={counter.value} max={counter.max} /> : null}
      </View>
      {children}
      {error ? <Text className='field-error'>{error}</Text> : null}
    </View>
  )
}

/** The id of a field's frame, for scrolling to it. */
export function fieldFrameId(id: string): string {
  return `${id}-field`
}

/** A labelled one-line input with its Chinese message under it (ids and `data-field` for tests). */
export function TextField({
  id,
  label,
  value,
  placeholder,
  maxlength,
  counter,
  error,
  optional,
  onInput,
  type = 'text',
}: FieldProps & { type?: 'text' | 'digit' | 'number' }) {
  return (
    <Field
      id={id}
      label={label}
      error={error}
      optional={optional}
      counter={counter ? { value, max: maxlength } : undefined}
    >
      <Input
        id={id}
        className='field__input'
        type={type}
        value={value}
        placeholder={placeholder}
        maxlength={controlLimit(maxlength, counter, type)}
        onInput={(event) => onInput(event.detail.value)}
      />
    </Field>
  )
}

/** A labelled multi-line input. */
export function TextAreaField({
  id,
  label,
  value,
  placeholder,
  maxlength,
  counter,
  error,
  optional,
  onInput,
}: FieldProps) {
  return (
    <Field
      id={id}
      label={label}
      error={error}
      optional={optional}
      counter={counter ? { value, max: maxlength } : undefined}
    >
      <Textarea
        id={id}
        className='field__input field__textarea'
        value={value}
        placeholder={placeholder}
        maxlength={counter ? NO_LIMIT : maxlength}
        onInput={(event) => onInput(event.detail.value)}
      />
    </Field>
  )
}
