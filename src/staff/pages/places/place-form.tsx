import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { AMENITIES, type ManagedPlace, type PlaceKind } from '../../../../types'
import ChoiceChips from '../../../components/choice-chips'
import MultiChips from '../../../components/multi-chips'
import { toCloudError } from '../../../services/cloud'
import { savePlace } from '../../../services/manage-places'
import { TextAreaField, TextField } from '../../../components/form-fields'
import {
  blankPlaceForm,
  checkPlaceForm,
  firstError,
  formOfPlace,
  type PlaceErrors,
  type PlaceField,
  type PlaceForm,
} from './form-model'
import HoursEditor from './hours-editor'
import { KIND_NAMES } from './kinds'

const VISIBILITY = [
  { value: 'shown', label: '对小哥显示' },
  { value: 'hidden', label: '隐藏' },
] as const
const AMENITY_CHOICES = AMENITIES.map((a) => ({ value: a, label: a }))
const HOURS_LABEL: Record<PlaceKind, string> = { station: '营业时间', meal: '供餐时间', room: '看房咨询时间' }

/** The fields typed in as text. */
type TextKey = { [K in PlaceField]: PlaceForm[K] extends string ? K : never }[PlaceField]

export interface PlaceFormProps {
  kind: PlaceKind
  communityId: string
  /** The place being edited, or null to add one. */
  editing: ManagedPlace | null
  onSaved: (place: ManagedPlace) => void
  onCancel: () => void
}

/** 新增 / 修改 a station, meal or room: checked here as the cloud will check it; the cloud's refusals are shown too. */
export default function PlaceFormView({ kind, communityId, editing, onSaved, onCancel }: PlaceFormProps) {
  const [form, setForm] = useState<PlaceForm>(() => (editing ? formOfPlace(editing) : blankPlaceForm()))
  const [errors, setErrors] = useState<PlaceErrors>({})
  const [saving, setSaving] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  const update = <K extends keyof PlaceForm>(key: K, value: PlaceForm[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }))
    setErrors((previous) => (previous[key as PlaceField] ? { ...previous, [key]: undefined } : previous))
  }
  const text = (
    id: string,
    key: TextKey,
    label: string,
    placeholder: string,
    maxlength: number,
    extra: { optional?: boolean; type?: 'digit' | 'number' } = {},
  ) => (
    <TextField
      id={id}
      label={label}
      value={form[key]}
      placeholder={placeholder}
      maxlength={maxlength}
      error={errors[key]}
      onInput={(v) => update(key, v)}
      {...extra}
    />
  )

  const submit = async () => {
    if (saving) return
    const checked = checkPlaceForm(kind, form, { communityId, id: editing?.id })
    if (!checked.ok) {
      setErrors(checked.errors)
      setNotice(firstError(checked.errors) ?? '请检查填写的内容')
      return
    }
    setErrors({})
    setNotice(null)
    setSaving(true)
    try {
      onSaved(await savePlace(checked.request))
    } catch (error) {
      setNotice(toCloudError(error).message)
      setSaving(false)
    }
  }

  return (
    <View className='card place-form' data-kind={kind}>
      <Text className='place-form__title'>{`${editing ? '修改' : '新增'}${KIND_NAMES[kind]}`}</Text>
      {text('place-name', 'name', '名称', kind === 'meal' ? '如：大运河社区食堂' : '如：哥哥驿站（城西银泰城）', 40)}
      {text('place-address', 'address', '地址', '如：杭州市拱墅区城西银泰城广场', 80)}
      <View className='place-form__coords'>
        {text('place-lat', 'lat', '纬度', '30.3036', 12, { type: 'digit' })}
        {text('place-lng', 'lng', '经度', '120.1113', 12, { type: 'digit' })}
      </View>
      <Text className='muted place-form__hint'>坐标用 GCJ-02（腾讯地图、高德地图上取点即是）</Text>
      <HoursEditor
        label={HOURS_LABEL[kind]}
        hours={form.hours}
        error={errors.hours}
        onChange={(hours) => update('hours', hours)}
      />
      {kind === 'station' ? (
        <View className='field' data-field='place-amenities'>
          <Text className='field__label'>设施</Text>
          <MultiChips
            block='place-amenities'
            compact
            choices={AMENITY_CHOICES}
            values={form.amenities}
            onChange={(values) => update('amenities', values)}
          />
        </View>
      ) : null}
      {kind === 'meal' ? (
        <>
          {text('place-dish', 'dish', '菜品', '如：一荤两素', 60)}
          <View className='place-form__coords'>
            {text('place-price', 'price', '价格（元）', '9.9', 9, { type: 'digit' })}
            {text('place-quota', 'quota', '每日限量（份）', '不限量请留空', 5, { optional: true, type: 'number' })}
          </View>
        </>
      ) : null}
      {kind === 'room' ? (
        <>
          {text('place-unit-type', 'unitType', '房型', '如：单间', 20)}
          <View className='place-form__coords'>
            {text('place-rent', 'rent', '优惠月租（元）', '1200', 9, { type: 'digit' })}
            {text('place-market-rent', 'marketRent', '市场月租（元）', '1600', 9, { type: 'digit' })}
          </View>
          {text('place-units', 'units', '空房（间）', '0', 5, { type: 'number' })}
          <TextAreaField
            id='place-conditions'
            label='入住条件'
            value={form.conditions}
            placeholder='如：面向外卖骑手、快递员等新就业群体'
            maxlength={200}
            error={errors.conditions}
            optional
            onInput={(v) => update('conditions', v)}
          />
        </>
      ) : null}
      {text('place-phone', 'phone', '联系电话', '如：0571-88888888', 20, { optional: true })}
      <TextAreaField
        id='place-note'
        label='说明'
        value={form.note}
        placeholder='给小哥的提示，如：门口可换电瓶'
        maxlength={200}
        error={errors.note}
        optional
        onInput={(v) => update('note', v)}
      />
      <View className='field' data-field='place-visibility'>
        <ChoiceChips
          block='place-visibility'
          compact
          choices={VISIBILITY}
          value={form.hidden ? 'hidden' : 'shown'}
          onChange={(v) => update('hidden', v === 'hidden')}
        />
      </View>
      {notice ? (
        <View className='notice notice--error place-form__notice' role='alert'>
          {notice}
        </View>
      ) : null}
      <View className='place-form__buttons'>
        <Button className='btn btn--plain place-form__cancel' onClick={onCancel}>
          返回
        </Button>
        <Button
          id='place-save'
          className={`btn btn--primary place-form__save${saving ? ' btn--disabled' : ''}`}
          onClick={() => void submit()}
        >
          {saving ? '正在保存…' : '保存'}
        </Button>
      </View>
    </View>
  )
}
