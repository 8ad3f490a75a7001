import { useRef, useState } from 'react'
import { Button, Image, Text, Textarea, View } from '@tarojs/components'
import { DEFAULT_LOCATION, REPORT_CATEGORIES, type GeoPoint, type ReportCategory } from '../../../../types'
import { SubmitReportInput } from '../../../../types/contract/points'
import ChoiceChips from '../../../components/choice-chips'
import { locationText } from '../../../components/report-summary'
import { toCloudError } from '../../../services/cloud'
import { getUserLocation } from '../../../services/location'
import { choosePhoto, uploadPhoto } from '../../../services/photo'
import { submitReport, type ReportView } from '../../../services/points'

const CATEGORY_CHOICES = REPORT_CATEGORIES.map((category) => ({ value: category, label: category }))
export const TEXT_MIN = 5
export const TEXT_MAX = 300

type Photo =
  | { kind: 'none' }
  | { kind: 'uploading'; preview: string }
  | { kind: 'ready'; preview: string; ref: string }
  | { kind: 'failed'; message: string }

type Field = 'category' | 'text'

function textProblem(text: string): string | null {
  const length = text.trim().length
  if (length === 0) return '请写明看到的情况'
  if (length < TEXT_MIN) return `情况说明至少 ${TEXT_MIN} 个字`
  if (length > TEXT_MAX) return `情况说明最多 ${TEXT_MAX} 个字`
  return null
}

/**
 * The 随手拍 form: category, what was seen (5–300 characters, counted as typed), optionally where (the phone's
 * position) and a photo, which is uploaded as soon as it is picked so submitting sends only its reference.
 */
export default function ReportForm({ onSubmitted }: { onSubmitted: (report: ReportView) => void }) {
  const [category, setCategory] = useState<ReportCategory | null>(null)
  const [text, setText] = useState('')
  const [location, setLocation] = useState<GeoPoint | null>(null)
  const [locating, setLocating] = useState(false)
  const [locationProblem, setLocationProblem] = useState<string | null>(null)
  const [photo, setPhoto] = useState<Photo>({ kind: 'none' })
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [notice, setNotice] = useState<{ kind: 'error' | 'done'; text: string } | null>(null)
  const [submitting, setSubmitting] = useState(false)
  // Which photo pick is current: an upload that finishes after the photo was removed or replaced is dropped.
  const pick = useRef(0)
  const busy = useRef(false)

  const clear = (field: Field) =>
    setErrors((previous) => (previous[field] ? { ...previous, [field]: undefined } : previous))

  const locate = async () => {
    if (locating) return
    setLocating(true)
    setLocationProblem(null)
    try {
      const here = await getUserLocation()
      // The district default stands in when the phone gives no position: it says nothing about this hazard.
      if (here.label === DEFAULT_LOCATION.label) setLocationProblem('未能获取当前位置，请在情况说明里写明地点')
      else setLocation({ lat: here.lat, lng: here.lng })
    } finally {
      setLocating(false)
    }
  }

  const addPhoto = async () => {
    if (photo.kind === 'uploading') return
    const mine = ++pick.current
    try {
      const chosen = await choosePhoto()
      if (!chosen || mine !== pick.current) return
      setPhoto({ kind: 'uploading', preview: chosen.path })
      const ref = await uploadPhoto(chosen)
      if (mine === pick.current) setPhoto({ kind: 'ready', preview: chosen.path, ref })
    } catch (error) {
      if (mine === pick.current)
        setPhoto({ kind: 'failed', message: error instanceof Error ? error.message : '照片上传失败，请重试' })
    }
  }

  const removePhoto = () => {
    pick.current++
    setPhoto({ kind: 'none' })
  }

  const submit = async () => {
    if (busy.current) return
    const found: Partial<Record<Field, string>> = {}
    if (!category) found.category = '请选择类别'
    const problem = textProblem(text)
    if (problem) found.text = problem
    if (found.category || found.text) {
      setErrors(found)
      setNotice(null)
      return
    }
    if (photo.kind === 'uploading') return setNotice({ kind: 'error', text: '照片还在上传，请稍候再提交' })
    const checked = SubmitReportInput.safeParse({
      category,
      text,
      ...(location ? { location } : {}),
      ...(photo.kind === 'ready' ? { photo: photo.ref } : {}),
    })
    if (!checked.success) return setNotice({ kind: 'error', text: checked.error.issues[0].message })
    setErrors({})
    setNotice(null)
    busy.current = true
    setSubmitting(true)
    try {
      const { report } = await submitReport(checked.data)
      pick.current++
      setCategory(null)
      setText('')
      setLocation(null)
      setLocationProblem(null)
      setPhoto({ kind: 'none' })
      setNotice({ kind: 'done', text: '已提交，社区审核后会在下方「我的随手拍」告诉你结果' })
      onSubmitted(report)
    } catch (error) {
      setNotice({ kind: 'error', text: toCloudError(error).message })
    } finally {
      busy.current = false
      setSubmitting(false)
    }
  }

  const length = text.length
  return (
    <View className='card report-form'>
      <View className={`field${errors.category ? ' field--invalid' : ''}`} data-field='report-category'>
        <Text className='field__label'>类别</Text>
        <ChoiceChips
          block='report-category'
          choices={CATEGORY_CHOICES}
          value={category}
          onChange={(value) => {
            setCategory(value)
            clear('category')
          }}
        />
        {errors.category ? <Text className='field-error'>{errors.category}</Text> : null}
      </View>

      <View className={`field${errors.text ? ' field--invalid' : ''}`} data-field='report-text'>
        <Text className='field__label'>情况说明</Text>
        <Textarea
          id='report-text'
          className='field__input report-form__textarea'
          value={text}
          placeholder='在哪里、看到了什么，如：3 幢楼道堆放纸箱，堵住了消防通道'
          maxlength={TEXT_MAX}
          onInput={(event) => {
            setText(event.detail.value)
            clear('text')
          }}
        />
        <Text
          className={`report-form__count${length > 0 && text.trim().length < TEXT_MIN ? ' report-form__count--short' : ''}`}
        >
          {length}/{TEXT_MAX}
        </Text>
        {errors.text ? <Text className='field-error'>{errors.text}</Text> : null}
      </View>

      <View className='field' data-field='report-location'>
        <Text className='field__label'>
          位置<Text className='field__optional'>（选填）</Text>
        </Text>
        {location ? (
          <View className='report-form__row'>
            <Text className='report-form__location'>已添加位置：{locationText(location)}</Text>
            <Button
              id='report-location-remove'
              className='btn btn--plain btn--small report-form__remove'
              onClick={() => setLocation(null)}
            >
              移除
            </Button>
          </View>
        ) : (
          <Button
            id='report-locate'
            className={`btn btn--plain report-form__locate${locating ? ' btn--disabled' : ''}`}
            onClick={() => void locate()}
          >
            {locating ? '正在定位…' : '添加当前位置'}
          </Button>
        )}
        {locationProblem ? <Text className='muted report-form__location-problem'>{locationProblem}</Text> : null}
      </View>

      <View className='field' data-field='report-photo'>
        <Text className='field__label'>
          照片<Text className='field__optional'>（选填，2 MB 以内）</Text>
        </Text>
        {photo.kind === 'uploading' || photo.kind === 'ready' ? (
          <View className='report-form__row'>
            <Image className='report-form__photo-preview' src={photo.preview} mode='aspectFill' />
            <View className='report-form__photo-side'>
              <Text className={`report-form__photo-state report-form__photo-state--${photo.kind}`}>
                {photo.kind === 'uploading' ? '正在上传…' : '照片已上传'}
              </Text>
              <Button
                id='report-photo-remove'
                className='btn btn--plain btn--small report-form__remove'
                onClick={removePhoto}
              >
                移除
              </Button>
            </View>
          </View>
        ) : (
          <Button id='report-photo' className='btn btn--plain report-form__add-photo' onClick={() => void addPhoto()}>
            {photo.kind === 'failed' ? '重新选择照片' : '添加照片'}
          </Button>
        )}
        {photo.kind === 'failed' ? (
          <View className='field-error report-form__photo-error' role='alert'>
            {photo.message}
          </View>
        ) : null}
      </View>

      {notice ? (
        <View
          className={`notice ${notice.kind === 'error' ? 'notice--error report-form__error' : 'notice--info report-form__done'}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          {notice.text}
        </View>
      ) : null}
      <Button
        id='report-submit'
        className={`btn btn--primary report-form__submit${submitting ? ' btn--disabled' : ''}`}
        onClick={() => void submit()}
      >
        {submitting ? '正在提交…' : '提交随手拍'}
      </Button>
    </View>
  )
}
