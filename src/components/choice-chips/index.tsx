import { Text, View } from '@tarojs/components'
import './index.css'

export interface Choice<V extends string> {
  value: V
  label: string
  /** A second, smaller line (e.g. a community's street). */
  hint?: string
}

export interface ChoiceChipsProps<V extends string> {
  choices: ReadonlyArray<Choice<V>>
  value: V | null
  onChange: (value: V) => void
  /** BEM block of the caller: each chip also gets `${block}__option` (and `--active`) for styling and tests. */
  block: string
  /** Chips in a wrapping row (short labels), or one per line (labels with hints). */
  layout?: 'row' | 'list'
  /** Smaller chips, for long rows (a week's dates, price ceilings). */
  compact?: boolean
}

/**
 * A single choice among a few options as large tap targets: platforms, communities, status tabs, filters.
 * Easier one-handed than a wheel picker when there are only a handful of options.
 */
export default function ChoiceChips<V extends string>(props: ChoiceChipsProps<V>) {
  const { choices, value, onChange, block, layout = 'row', compact } = props
  return (
    <View
      className={`choice-chips choice-chips--${layout}${compact ? ' choice-chips--compact' : ''} ${block}`}
      role='radiogroup'
    >
      {choices.map((choice) => {
        const active = choice.value === value
        return (
          <View
            key={choice.value}
            className={`choice-chip ${block}__option${active ? ` choice-chip--active ${block}__option--active` : ''}`}
            data-value={choice.value}
            role='radio'
            aria-checked={active}
            onClick={() => onChange(choice.value)}
          >
            <Text className='choice-chip__label'>{choice.label}</Text>
            {choice.hint ? <Text className='choice-chip__hint'>{choice.hint}</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
