import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { ACTIVITY_KINDS, MAX_ACTIVITY_CAPACITY, MAX_ACTIVITY_POINTS } from '../../../../types'
import ChoiceChips from '../../../components/choice-chips'
import { toCloudError } from '../../../services/cloud'
import { saveActivity, type ActivityView } from '../../../services/points'
import {
  blankForm,
  checkActivityForm,
  firstError,
  formOf,
  type ActivityForm,
  type FormErrors,
  type FormField,
} from './form-model'
import WhenField from './when-field'
import { TextField } from '../../../components/form-fields'

const KIND_CHOICES = ACTIVITY_KINDS.map((kind) => ({ value: kind, label: kind }))

export interface ActivityFormProps {
  communityId: string
  /** The upcoming activity being edited, or null to publish a new one. */
  editing: ActivityView | null
  onSaved: (activity: ActivityView) => void
  onCancel: () => void
}

/** 发布活动 / 修改活动: checked here as the cloud will check it, so a mistake is shown before anything is sent. */
export default function ActivityFormView({ communityId, editing, onSaved, onCancel }: ActivityFormProps) {
  const [form, setForm] = useState<ActivityForm>(() => (editing ? formOf(editing) : blankForm(Date.now())))
  const [errors, setErrors] = useState<FormErrors>({})
  const [saving, setSaving] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  const update = <K extends FormField>(key: K, value: ActivityForm[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }))
    setErrors((previous) => (previous[key] ? { ...previous, [key]: undefined } : previous))
  }
  // The date and the time of one moment share a message: correcting either clears it.
  const updateWhen = (key: 'startDate' | 'startTime' | 'endDate' | 'endTime', value: string) => {
    const [date, time] = key.startsWith('start') ? ['startDate', 'startTime'] : ['endDate', 'endTime']
    setForm((previous) => ({ ...previous, [key]: value }))
    setErrors((previous) => ({ ...previous, [date]: undefined, [time]: undefined }))
  }

  const submit = async () => {
    if (saving) return
    const checked = checkActivityForm(form, { communityId, activityId: editing?.id }, Date.now())
    if (!checked.ok) {
      setErrors(checked.errors)
      setNotice(firstError(checked.errors) ?? '请检查填写的内容')
      return
    }
    setErrors({})
    setNotice(null)
    setSaving(true)
    try {
      onSaved((await saveActivity(checked.input)).activity)
    } catch (error) {
      setNotice(toCloudError(error).message)
      setSaving(false)
    }
  }

  return (
    <View className='card activity-form'>
      <Text className='activity-form__title'>{editing ? '修改活动' : '发布活动'}</Text>
      <TextField
        id='activity-title'
        label='活动名称'
        value={form.title}
        placeholder='如：平安夜巡·祥符片区'
        maxlength={40}
        error={errors.title}
        onInput={(v) => update('title', v)}
      />
      <View className={`field${errors.kind ? ' field--invalid' : ''}`} data-field='activity-kind'>
        <Text className='field__label'>活动类型</Text>
        <ChoiceChips
          block='activity-kind'
          choices={KIND_CHOICES}
          value={form.kind}
          onChange={(kind) => update('kind', kind)}
        />
        {errors.kind ? <Text className='field-error'>{errors.kind}</Text> : null}
      </View>
      <View className={`field${errors.description ? ' field--invalid' : ''}`} data-field='activity-description'>
        <Text className='field__label'>
          活动说明<Text className='field__optional'>（选填）</Text>
        </Text>
        <Textarea
          id='activity-description'
          className='field__input activity-form__textarea'
          value={form.description}
          placeholder='集合地点、着装、注意事项等'
          maxlength={500}
          onInput={(event) => update('description', event.detail.value)}
        />
        {errors.description ? <Text className='field-error'>{errors.description}</Text> : null}
      </View>
      <TextField
        id='activity-place'
        label='活动地点'
        value={form.place}
        placeholder='如：阮家桥社区党群服务中心'
        maxlength={60}
        error={errors.place}
        onInput={(v) => update('place', v)}
      />
      <WhenField
        id='activity-start'
        label='开始（北京时间）'
        date={form.startDate}
        time={form.startTime}
        onDate={(v) => updateWhen('startDate', v)}
        onTime={(v) => updateWhen('startTime', v)}
        error={errors.startDate ?? errors.startTime}
      />
      <WhenField
        id='activity-end'
        label='结束（北京时间）'
        date={form.endDate}
        time={form.endTime}
        onDate={(v) => updateWhen('endDate', v)}
        onTime={(v) => updateWhen('endTime', v)}
        error={errors.endDate ?? errors.endTime}
      />
      <View className='activity-form__numbers'>
        <TextField
          id='activity-capacity'
          label='人数上限'
          type='number'
          value={form.capacity}
          placeholder={`1–${MAX_ACTIVITY_CAPACITY}`}
          maxlength={3}
          error={errors.capacity}
          onInput={(v) => update('capacity', v)}
        />
        <TextField
          id='activity-points'
          label='每人积分'
          type='number'
          value={form.points}
          placeholder={`1–${MAX_ACTIVITY_POINTS}`}
          maxlength={3}
          error={errors.points}
          onInput={(v) => update('points', v)}
        />
      </View>
      {notice ? (
        <View className='notice notice--error activity-form__notice' role='alert'>
          {notice}
        </View>
      ) : null}
      <View className='activity-form__buttons'>
        <Button className='btn btn--plain activity-form__cancel' onClick={onCancel}>
          返回
        </Button>
        <Button
          id='activity-save'
          className={`btn btn--primary activity-form__save${saving ? ' btn--disabled' : ''}`}
          onClick={() => void submit()}
        >
          {saving ? '正在保存…' : editing ? '保存修改' : '发布'}
        </Button>
      </View>
    </View>
  )
}
