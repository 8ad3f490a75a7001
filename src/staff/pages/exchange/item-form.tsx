import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { SaveItemInput } from '../../../../types/contract/points'
import ChoiceChips from '../../../components/choice-chips'
import { TextField } from '../../../components/form-fields'
import { toCloudError } from '../../../services/cloud'
import { saveItem, type ItemView } from '../../../services/points'
import type { StationOption } from './stations'

type Field = 'stationId' | 'name' | 'cost' | 'stock'
type Shelf = 'shown' | 'hidden'
const SHELF_CHOICES: Array<{ value: Shelf; label: string }> = [
  { value: 'shown', label: '上架' },
  { value: 'hidden', label: '下架' },
]

const wholeNumber = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)
const NUMBER_MESSAGES: Partial<Record<Field, string>> = { cost: '请填写兑换积分（整数）', stock: '请填写库存（整数）' }

interface ItemFormProps {
  stations: StationOption[]
  /** The item being changed, or null to add one. */
  editing: ItemView | null
  /** A new item's station and name to start from (stocking a wish). */
  draft?: { stationId: string; name: string }
  onSaved: (item: ItemView) => void
  onCancel: () => void
}

/** 添加物品 / 修改物品 of a station's catalogue, checked with the contract's SaveItemInput before sending. */
export default function ItemForm({ stations, editing, draft, onSaved, onCancel }: ItemFormProps) {
  const [stationId, setStationId] = useState<string | null>(
    editing?.stationId ?? draft?.stationId ?? (stations.length === 1 ? stations[0].id : null),
  )
  const [name, setName] = useState(editing?.name ?? draft?.name ?? '')
  const [cost, setCost] = useState(editing ? String(editing.cost) : '')
  const [stock, setStock] = useState(editing ? String(editing.stock) : '')
  const [shelf, setShelf] = useState<Shelf>(editing?.hidden ? 'hidden' : 'shown')
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)

  const clear = (field: Field) =>
    setErrors((previous) => (previous[field] ? { ...previous, [field]: undefined } : previous))

  const submit = async () => {
    if (saving) return
    const parsed = SaveItemInput.safeParse({
      stationId: stationId ?? undefined,
      ...(editing ? { itemId: editing.id, stockWas: editing.stock } : {}),
      name,
      cost: wholeNumber(cost),
      stock: wholeNumber(stock),
      hidden: shelf === 'hidden',
    })
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {}
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as Field
        if (found[field]) continue
        if (field === 'stationId') found.stationId = '请选择驿站'
        else if ((field === 'cost' || field === 'stock') && Number.isNaN(wholeNumber(field === 'cost' ? cost : stock)))
          found[field] = NUMBER_MESSAGES[field]
        else found[field] = issue.message
      }
      setErrors(found)
      return
    }
    setErrors({})
    setNotice(null)
    setSaving(true)
    try {
      onSaved((await saveItem(parsed.data)).item)
    } catch (error) {
      setNotice(toCloudError(error).message)
      setSaving(false)
    }
  }

  const stationError = errors.stationId ? <Text className='field-error'>{errors.stationId}</Text> : null

  return (
    <View className='card item-form'>
      <Text className='item-form__title'>{editing ? '修改物品' : '添加物品'}</Text>
      <View className={`field${errors.stationId ? ' field--invalid' : ''}`} data-field='item-station'>
        <Text className='field__label'>所在驿站</Text>
        {editing ? (
          <Text className='item-form__station'>{editing.stationName}</Text>
        ) : (
          <ChoiceChips
            block='item-station'
            layout='list'
            choices={stations.map((s) => ({ value: s.id, label: s.name }))}
            value={stationId}
            onChange={(id) => {
              setStationId(id)
              clear('stationId')
            }}
          />
        )}
        {stationError}
      </View>
      <TextField
        id='item-name'
        label='物品名称'
        value={name}
        placeholder='如：洗衣液 1 瓶'
        maxlength={30}
        error={errors.name}
        onInput={(value) => {
          setName(value)
          clear('name')
        }}
      />
      <View className='item-form__numbers'>
        <TextField
          id='item-cost'
          label='兑换积分'
          type='number'
          value={cost}
          placeholder='如：20'
          maxlength={6}
          error={errors.cost}
          onInput={(value) => {
            setCost(value)
            clear('cost')
          }}
        />
        <TextField
          id='item-stock'
          label='库存'
          type='number'
          value={stock}
          placeholder='如：10'
          maxlength={6}
          error={errors.stock}
          onInput={(value) => {
            setStock(value)
            clear('stock')
          }}
        />
      </View>
      <View className='field'>
        <Text className='field__label'>状态</Text>
        <ChoiceChips block='item-shelf' choices={SHELF_CHOICES} value={shelf} onChange={setShelf} />
      </View>
      {notice ? (
        <View className='notice notice--error item-form__notice' role='alert'>
          {notice}
        </View>
      ) : null}
      <View className='item-form__buttons'>
        <Button className='btn btn--plain item-form__cancel' onClick={onCancel}>
          返回
        </Button>
        <Button
          id='item-save'
          className={`btn btn--primary item-form__save${saving ? ' btn--disabled' : ''}`}
          onClick={() => void submit()}
        >
          {saving ? '正在保存…' : '保存'}
        </Button>
      </View>
    </View>
  )
}
