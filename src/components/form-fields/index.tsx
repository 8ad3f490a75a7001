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

/** The frame every text field shares: label, counter when asked for, and the Chinese message under it. */
function Framed({ props, children }: { props: FieldProps; children: ReactNode }) {
  const { id, label, value, maxlength, counter, error, optional } = props
  return (
    <Field
      id={id}
      label={label}
      error={error}
      optional={optional}
      counter={counter ? { value, max: maxlength } : undefined}
    >
      {children}
    </Field>
  )
}

/** A labelled one-line input with its Chinese message under it (ids and `data-field` for tests). */
export function TextField({ type = 'text', ...props }: FieldProps & { type?: 'text' | 'digit' | 'number' }) {
  return (
    <Framed props={props}>
      <Input
        id={props.id}
        className='field__input'
        type={type}
        value={props.value}
        placeholder={props.placeholder}
        maxlength={controlLimit(props.maxlength, props.counter, type)}
        onInput={(event) => props.onInput(event.detail.value)}
      />
    </Framed>
  )
}

/** A labelled multi-line input. */
export function TextAreaField(props: FieldProps) {
  return (
    <Framed props={props}>
      <Textarea
        id={props.id}
        className='field__input field__textarea'
        value={props.value}
        placeholder={props.placeholder}
        maxlength={props.counter ? NO_LIMIT : props.maxlength}
        onInput={(event) => props.onInput(event.detail.value)}
      />
    </Framed>
  )
}
