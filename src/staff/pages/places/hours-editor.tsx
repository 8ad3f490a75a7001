import { Button, Input, Text, View } from '@tarojs/components'
import ChoiceChips from '../../../components/choice-chips'
import MultiChips from '../../../components/multi-chips'
import { BLANK_WINDOW, MAX_WINDOWS, type HoursForm, type WindowForm } from './hours-model'

const MODE_CHOICES = [
  { value: 'always', label: '24小时' },
  { value: 'windows', label: '按时段' },
] as const
const DAY_CHOICES = ['一', '二', '三', '四', '五', '六', '日'].map((label, i) => ({ value: String(i + 1), label }))

export interface HoursEditorProps {
  /** 营业时间, 供餐时间, 看房咨询时间. */
  label: string
  hours: HoursForm
  error?: string
  onChange: (hours: HoursForm) => void
}

/**
 * Opening hours as a secretary thinks of them: 24 小时, or windows each with its weekdays and a start and end
 * (China time; an end not after the start runs past midnight, e.g. 22:00–02:00).
 */
export default function HoursEditor({ label, hours, error, onChange }: HoursEditorProps) {
  const setWindow = (index: number, patch: Partial<WindowForm>) =>
    onChange({ ...hours, windows: hours.windows.map((w, i) => (i === index ? { ...w, ...patch } : w)) })
  return (
    <View className={`field hours-editor${error ? ' field--invalid' : ''}`} data-field='hours'>
      <Text className='field__label'>{label}（北京时间）</Text>
      <ChoiceChips
        block='hours-mode'
        compact
        choices={MODE_CHOICES}
        value={hours.always ? 'always' : 'windows'}
        onChange={(mode) => onChange({ ...hours, always: mode === 'always' })}
      />
      {!hours.always
        ? hours.windows.map((w, i) => (
            <View key={i} className='hours-window' data-index={i}>
              <MultiChips
                block='hours-days'
                compact
                choices={DAY_CHOICES}
                values={w.days.map(String)}
                onChange={(days) => setWindow(i, { days: days.map(Number) })}
              />
              <View className='hours-window__times'>
                <Input
                  id={`hours-${i}-start`}
                  className='field__input hours-window__time'
                  value={w.start}
                  placeholder='08:00'
                  maxlength={5}
                  onInput={(e) => setWindow(i, { start: e.detail.value })}
                />
                <Text className='hours-window__dash'>至</Text>
                <Input
                  id={`hours-${i}-end`}
                  className='field__input hours-window__time'
                  value={w.end}
                  placeholder='20:00'
                  maxlength={5}
                  onInput={(e) => setWindow(i, { end: e.detail.value })}
                />
                {hours.windows.length > 1 ? (
                  <Text
                    className='hours-window__remove'
                    onClick={() => onChange({ ...hours, windows: hours.windows.filter((_, j) => j !== i) })}
                  >
                    删除
                  </Text>
                ) : null}
              </View>
            </View>
          ))
        : null}
      {!hours.always && hours.windows.length < MAX_WINDOWS ? (
        <Button
          id='hours-add'
          className='btn btn--plain btn--small hours-editor__add'
          onClick={() => onChange({ ...hours, windows: [...hours.windows, { ...BLANK_WINDOW }] })}
        >
          添加时段
        </Button>
      ) : null}
      {error ? <Text className='field-error'>{error}</Text> : null}
    </View>
  )
}
