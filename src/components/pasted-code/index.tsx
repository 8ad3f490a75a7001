import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'

export interface PastedCodeProps {
  /** The page's class block: elements get `${block}__manual`, `__input`, `__input-error`, `__submit`. */
  block: string
  inputId: string
  submitId: string
  label: string
  hint: string
  placeholder: string
  /** Longest text worth sending; anything longer is refused here with `tooLongMessage`. */
  maxChars: number
  emptyMessage: string
  tooLongMessage: string
  submitText: string
  checking: boolean
  /** Sends the trimmed code; resolves true when it was taken (the field is then cleared). */
  onSubmit: (code: string) => Promise<boolean>
}

/**
 * Where a device cannot scan (the h5 demo), the text of a code is pasted instead: one field, its own checks
 * for empty and oversized text, and a submit button that waits while the page is checking.
 */
export default function PastedCode(props: PastedCodeProps) {
  const { block, checking } = props
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)

  const submit = async () => {
    if (checking) return
    const code = text.trim()
    if (code === '') return setError(props.emptyMessage)
    // Far longer than any real code: not worth a round trip (the cloud refuses it as well).
    if (code.length > props.maxChars) return setError(props.tooLongMessage)
    setError(null)
    if (await props.onSubmit(code)) setText('')
  }

  return (
    <View className={`card ${block}__manual`}>
      <Text className='field__label'>{props.label}</Text>
      <Text className={`muted ${block}__manual-hint`}>{props.hint}</Text>
      <Input
        id={props.inputId}
        className={`field__input ${block}__input`}
        value={text}
        placeholder={props.placeholder}
        maxlength={props.maxChars}
        onInput={(event) => {
          setText(event.detail.value)
          setError(null)
        }}
      />
      {error ? <Text className={`field-error ${block}__input-error`}>{error}</Text> : null}
      <Button
        id={props.submitId}
        className={`btn btn--primary ${block}__submit${checking ? ' btn--disabled' : ''}`}
        onClick={() => void submit()}
      >
        {checking ? '正在核验…' : props.submitText}
      </Button>
    </View>
  )
}
