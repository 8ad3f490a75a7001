import { Text, View } from '@tarojs/components'
import type { Choice } from '../choice-chips'
import '../choice-chips/index.css'

export interface MultiChipsProps<V extends string> {
  choices: ReadonlyArray<Choice<V>>
  /** The chosen values, in any order. */
  values: readonly V[]
  /** The new selection, in the order of `choices`. */
  onChange: (values: V[]) => void
  /** BEM block of the caller: each chip also gets `${block}__option` (and `--active`), as in ChoiceChips. */
  block: string
  /** Smaller chips, for long rows (amenities, weekdays). */
  compact?: boolean
}

/** Any number of options as large tap targets (amenities, weekdays): a tap adds or removes one. */
export default function MultiChips<V extends string>({
  choices,
  values,
  onChange,
  block,
  compact,
}: MultiChipsProps<V>) {
  const toggle = (value: V) => {
    const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value]
    onChange(choices.map((c) => c.value).filter((v) => next.includes(v)))
  }
  return (
    <View className={`choice-chips choice-chips--row${compact ? ' choice-chips--compact' : ''} ${block}`} role='group'>
      {choices.map((choice) => {
        const active = values.includes(choice.value)
        return (
          <View
            key={choice.value}
            className={`choice-chip ${block}__option${active ? ` choice-chip--active ${block}__option--active` : ''}`}
            data-value={choice.value}
            role='checkbox'
            aria-checked={active}
            onClick={() => toggle(choice.value)}
          >
            <Text className='choice-chip__label'>{choice.label}</Text>
          </View>
        )
      })}
    </View>
  )
}
