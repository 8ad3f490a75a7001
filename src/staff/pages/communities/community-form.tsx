import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { DEFAULT_LOCATION, GeoPoint, SaveCommunityInput, type CommunityView } from '../../../../types'
import { TextField } from '../../../components/form-fields'
import { toCloudError } from '../../../services/cloud'
import { CAN_PICK_ON_MAP, pickPlace } from '../../../services/location-picker'
import { saveCommunity } from '../../../services/staff'

type Field = 'name' | 'street' | 'district' | 'city' | 'lat' | 'lng'

interface Form {
  name: string
  street: string
  district: string
  city: string
  lat: string
  lng: string
}

const formOf = (c: CommunityView | null): Form => ({
  name: c?.name ?? '',
  street: c?.street ?? '',
  district: c?.district ?? '',
  city: c?.city ?? '杭州市',
  lat: String(c?.location.lat ?? DEFAULT_LOCATION.lat),
  lng: String(c?.location.lng ?? DEFAULT_LOCATION.lng),
})

export interface CommunityFormProps {
  /** The community being edited, or null for a new one. */
  community: CommunityView | null
  onSaved: (community: CommunityView) => void
  onCancel?: () => void
}

/**
 * A community's name, street, district, city and centre. In WeChat the centre is picked on the map; the h5
 * demo (no map picker) takes latitude and longitude. Checked with the contract's own schema before sending.
 */
export default function CommunityForm({ community, onSaved, onCancel }: CommunityFormProps) {
  const [form, setForm] = useState<Form>(() => formOf(community))
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const set = (field: Field) => (value: string) => {
    setForm((f) => ({ ...f, [field]: value }))
    setErrors((e) => ({ ...e, [field]: undefined }))
  }

  const pick = async () => {
    const here = GeoPoint.safeParse({ lat: Number(form.lat), lng: Number(form.lng) })
    const picked = await pickPlace(here.success ? here.data : undefined)
    if (picked) setForm((f) => ({ ...f, lat: picked.location.lat.toFixed(6), lng: picked.location.lng.toFixed(6) }))
  }

  const submit = async () => {
    if (busy) return
    const parsed = SaveCommunityInput.safeParse({
      name: form.name,
      street: form.street,
      district: form.district,
      city: form.city,
      location: { lat: Number(form.lat), lng: Number(form.lng) },
    })
    if (!parsed.success) {
      const found: Partial<Record<Field, string>> = {}
      for (const issue of parsed.error.issues) {
        const [key, sub] = issue.path
        const field = (key === 'location' ? sub : key) as Field
        found[field] ??= key === 'location' ? '请在地图上选点，或填写中国境内的经纬度' : issue.message
      }
      setErrors(found)
      return
    }
    setBusy(true)
    setProblem(null)
    try {
      const { community: saved } = await saveCommunity(parsed.data, community?.id)
      onSaved(saved)
    } catch (thrown) {
      setProblem(toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card community-form'>
      <Text className='community-form__title'>{community ? `编辑 ${community.name}` : '新建社区'}</Text>
      <TextField
        id='community-name'
        label='社区名称'
        value={form.name}
        placeholder='如：阮家桥社区'
        maxlength={40}
        error={errors.name}
        onInput={set('name')}
      />
      <TextField
        id='community-street'
        label='所属街道'
        value={form.street}
        placeholder='如：祥符街道'
        maxlength={40}
        error={errors.street}
        onInput={set('street')}
      />
      <TextField
        id='community-district'
        label='所属区县'
        value={form.district}
        placeholder='如：拱墅区'
        maxlength={40}
        error={errors.district}
        onInput={set('district')}
      />
      <TextField
        id='community-city'
        label='所在城市'
        value={form.city}
        placeholder='如：杭州市'
        maxlength={20}
        error={errors.city}
        onInput={set('city')}
      />
      <Text className='field__label'>社区中心位置</Text>
      {CAN_PICK_ON_MAP ? (
        <View className='community-form__map'>
          <Text className='muted'>
            当前：{form.lat}, {form.lng}
          </Text>
          <Button className='btn btn--plain' onClick={() => void pick()}>
            在地图上选点
          </Button>
          {errors.lat || errors.lng ? <Text className='field-error'>{errors.lat ?? errors.lng}</Text> : null}
        </View>
      ) : (
        <>
          <TextField
            id='community-lat'
            label='纬度'
            type='digit'
            value={form.lat}
            placeholder='如：30.3196'
            maxlength={12}
            error={errors.lat}
            onInput={set('lat')}
          />
          <TextField
            id='community-lng'
            label='经度'
            type='digit'
            value={form.lng}
            placeholder='如：120.1416'
            maxlength={12}
            error={errors.lng}
            onInput={set('lng')}
          />
        </>
      )}
      {problem ? <Text className='notice notice--error'>{problem}</Text> : null}
      <View className='community-form__actions'>
        <Button
          id='community-save'
          className={`btn btn--primary${busy ? ' btn--disabled' : ''}`}
          onClick={() => void submit()}
        >
          {busy ? '正在保存…' : '保存社区'}
        </Button>
        {onCancel ? (
          <Button className='btn btn--plain' onClick={onCancel}>
            取消
          </Button>
        ) : null}
      </View>
    </View>
  )
}
