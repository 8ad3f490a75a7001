import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import {
  ACCESS_LOG_RETENTION_DAYS_DEFAULT,
  COURIER_STATUS_NAMES,
  NAME_MAX,
  PLATFORMS,
  RegisterInput,
  RIDER_ID_MAX,
  type CourierStatus,
  type MeOutput,
} from '../../../../types'
import ChoiceChips from '../../../components/choice-chips'
import ConsentCheck from '../../../components/consent-check'
import FacePhotoField, { type FacePhoto } from '../../../components/face-photo-field'
import StateView from '../../../components/state-view'
import SubscribePrompt from '../../../components/subscribe-prompt'
import { useRemote } from '../../../hooks/use-remote'
import { ROUTES } from '../../../routes'
import { fetchCommunities, fetchMe, registerCourier, type CommunityOption } from '../../../services/account'
import { toCloudError } from '../../../services/cloud'
import { fieldFrameId, TextField } from '../../../components/form-fields'
import './index.css'

type Platform = (typeof PLATFORMS)[number]

/** How long entry records are kept, as told to the courier (the cloud's default retention). */
const MOVEMENT_RETENTION_DAYS = ACCESS_LOG_RETENTION_DAYS_DEFAULT

type Field =
  'name' | 'phone' | 'platform' | 'riderId' | 'communityId' | 'photoUrl' | 'consentPrivacy' | 'consentMovement'
type FieldErrors = Partial<Record<Field, string>>
const FIELD_ORDER: Field[] = [
  'name',
  'phone',
  'platform',
  'riderId',
  'communityId',
  'photoUrl',
  'consentPrivacy',
  'consentMovement',
]

/** A choice not made yet: zod's own message for a missing enum says nothing a courier understands. */
const CHOOSE_MESSAGES: Partial<Record<Field, string>> = {
  platform: '请选择所属平台',
  communityId: '请选择常驻社区',
  photoUrl: '请拍摄或选择本人照片',
}

interface Form {
  name: string
  phone: string
  platform: Platform | null
  riderId: string
  communityId: string | null
  photo: FacePhoto
  consentPrivacy: boolean
  consentMovement: boolean
}

const EMPTY_FORM: Form = {
  name: '',
  phone: '',
  platform: null,
  riderId: '',
  communityId: null,
  photo: { kind: 'none' },
  consentPrivacy: false,
  consentMovement: false,
}

/** Checks the form with the contract's RegisterInput: the parsed input, or a Chinese message per field. */
function validateRegistration(form: Form): { ok: true; input: RegisterInput } | { ok: false; errors: FieldErrors } {
  const parsed = RegisterInput.safeParse({
    name: form.name,
    phone: form.phone.replace(/[\s-]/g, ''),
    platform: form.platform ?? undefined,
    riderId: form.riderId,
    communityId: form.communityId ?? undefined,
    photoUrl: form.photo.kind === 'ready' ? form.photo.ref : undefined,
    consentPrivacy: form.consentPrivacy,
    consentMovement: form.consentMovement,
  })
  if (parsed.success) return { ok: true, input: parsed.data }
  const errors: FieldErrors = {}
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as Field
    if (!FIELD_ORDER.includes(field) || errors[field]) continue
    errors[field] = CHOOSE_MESSAGES[field] ?? issue.message
  }
  if (errors.photoUrl && form.photo.kind === 'uploading') errors.photoUrl = '照片还在上传，请稍候再提交'
  return { ok: false, errors }
}

/** Where each field's frame is on the page, top to bottom: the first one with a message is scrolled to. */
const FIELD_FRAMES: Record<Field, string> = {
  name: fieldFrameId('register-name'),
  phone: fieldFrameId('register-phone'),
  platform: fieldFrameId('register-platform'),
  riderId: fieldFrameId('register-rider-id'),
  communityId: fieldFrameId('register-community'),
  photoUrl: fieldFrameId('register-photo'),
  consentPrivacy: fieldFrameId('consent-privacy'),
  consentMovement: fieldFrameId('consent-movement'),
}

function firstError(errors: FieldErrors): Field | undefined {
  return FIELD_ORDER.find((field) => errors[field])
}

/** Brings the first field with a message into view: the form is taller than a phone's screen. */
function scrollToField(field: Field): void {
  // Scrolling is a help, not a step: a page that cannot scroll still shows every message and the toast.
  Taro.pageScrollTo({ selector: `#${FIELD_FRAMES[field]}`, duration: 300 }).catch(() => undefined)
}

function AlreadyRegistered({ courier }: { courier: NonNullable<MeOutput['courier']> }) {
  return (
    <View className='card register-page__already'>
      <Text className='register-page__done-title'>你已注册为小哥</Text>
      <Text className='register-page__status'>当前状态：{COURIER_STATUS_NAMES[courier.status]}</Text>
      <Text className='muted'>常驻社区：{courier.communityName}</Text>
      {courier.statusReason ? <Text className='muted register-page__reason'>说明：{courier.statusReason}</Text> : null}
      <Button className='btn btn--primary register-page__back' onClick={() => void Taro.switchTab({ url: ROUTES.me })}>
        查看我的状态
      </Button>
    </View>
  )
}

function Submitted({ status }: { status: CourierStatus }) {
  return (
    <View className='card register-page__done'>
      <Text className='register-page__done-title'>注册已提交</Text>
      <Text className='register-page__status'>当前状态：{COURIER_STATUS_NAMES[status]}</Text>
      <Text className='muted register-page__done-hint'>
        社区书记审核通过后，你就可以在“我的”里出示小哥码，进小区时给门岗扫码核验。
      </Text>
      <Button
        id='register-done'
        className='btn btn--primary register-page__back'
        onClick={() => void Taro.switchTab({ url: ROUTES.me })}
      >
        查看我的状态
      </Button>
    </View>
  )
}

/**
 * 注册小哥: a visitor (or a courier whose registration was rejected) gives their details and two separate
 * consents; the registration then waits for the secretary of the chosen community.
 */
export default function RegisterPage() {
  const { state, reload } = useRemote(async () => {
    const [me, communities] = await Promise.all([fetchMe(), fetchCommunities()])
    return { me, communities }
  })
  const [form, setForm] = useState<Form>(EMPTY_FORM)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [submitting, setSubmitting] = useState(false)
  const [submitError, setSubmitError] = useState<string | null>(null)
  const [submitted, setSubmitted] = useState<CourierStatus | null>(null)

  const update = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm((previous) => ({ ...previous, [key]: value }))
    // A corrected field loses its message at once; the others keep theirs until the next submit.
    const field: Field = key === 'photo' ? 'photoUrl' : key
    setErrors((previous) => (previous[field] ? { ...previous, [field]: undefined } : previous))
  }

  const submit = async () => {
    if (submitting) return
    setSubmitError(null)
    const checked = validateRegistration(form)
    if (!checked.ok) {
      setErrors(checked.errors)
      const first = firstError(checked.errors)
      if (first) {
        scrollToField(first)
        void Taro.showToast({ title: checked.errors[first] ?? '', icon: 'none' })
      }
      return
    }
    setErrors({})
    setSubmitting(true)
    try {
      const { status } = await registerCourier(checked.input)
      setSubmitted(status)
    } catch (error) {
      const { message } = toCloudError(error)
      setSubmitError(message)
      void Taro.showToast({ title: message, icon: 'none' })
    } finally {
      setSubmitting(false)
    }
  }

  if (submitted) {
    return (
      <View className='page register-page'>
        <Submitted status={submitted} />
        <SubscribePrompt templates={['review']} when='审核结果出来时' />
      </View>
    )
  }

  return (
    <View className='page register-page'>
      <View className='page-header'>
        <Text className='page-header__title'>注册小哥</Text>
      </View>
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.me.courier && state.data.me.courier.status !== 'rejected' ? (
        <AlreadyRegistered courier={state.data.me.courier} />
      ) : null}
      {state.status === 'ready' && (!state.data.me.courier || state.data.me.courier.status === 'rejected') ? (
        <RegisterForm
          communities={state.data.communities}
          rejected={state.data.me.courier}
          form={form}
          errors={errors}
          submitting={submitting}
          submitError={submitError}
          update={update}
          onSubmit={() => void submit()}
        />
      ) : null}
    </View>
  )
}

interface RegisterFormProps {
  communities: CommunityOption[]
  rejected: MeOutput['courier']
  form: Form
  errors: FieldErrors
  submitting: boolean
  submitError: string | null
  update: <K extends keyof Form>(key: K, value: Form[K]) => void
  onSubmit: () => void
}

function RegisterForm(props: RegisterFormProps) {
  const { communities, rejected, form, errors, submitting, submitError, update, onSubmit } = props
  return (
    <View className='register-page__form'>
      {rejected ? (
        <Text className='notice notice--info register-page__rejected'>
          上次注册未通过审核{rejected.statusReason ? `：${rejected.statusReason}` : ''}。请核对信息后重新提交。
        </Text>
      ) : null}
      <Text className='muted register-page__intro'>
        注册并通过社区审核后，你可以出示小哥码，在门岗扫码快速进入小区。带 * 的为必填。
      </Text>

      <View className='card'>
        <TextField
          id='register-name'
          label='真实姓名 *'
          value={form.name}
          placeholder='与身份证一致，少数民族姓名用“·”隔开'
          maxlength={NAME_MAX}
          counter
          error={errors.name}
          onInput={(value) => update('name', value)}
        />
        <TextField
          id='register-phone'
          label='手机号 *'
          type='number'
          value={form.phone}
          placeholder='11 位手机号'
          maxlength={11}
          counter
          error={errors.phone}
          onInput={(value) => update('phone', value)}
        />
        <View
          id={FIELD_FRAMES.platform}
          className={`field${errors.platform ? ' field--invalid' : ''}`}
          data-field='register-platform'
        >
          <Text className='field__label'>所属平台 *</Text>
          <ChoiceChips
            block='register-platform'
            choices={PLATFORMS.map((platform) => ({ value: platform, label: platform }))}
            value={form.platform}
            onChange={(value) => update('platform', value)}
          />
          {errors.platform ? <Text className='field-error'>{errors.platform}</Text> : null}
        </View>
        <TextField
          id='register-rider-id'
          label='平台骑手编号 *'
          value={form.riderId}
          placeholder='在骑手 App 的个人信息里'
          maxlength={RIDER_ID_MAX}
          counter
          error={errors.riderId}
          onInput={(value) => update('riderId', value)}
        />
      </View>

      <View className='card'>
        <View
          id={FIELD_FRAMES.communityId}
          className={`field${errors.communityId ? ' field--invalid' : ''}`}
          data-field='register-community'
        >
          <Text className='field__label'>常驻社区 *</Text>
          <Text className='muted register-page__hint'>由该社区的书记审核你的注册</Text>
          {communities.length === 0 ? (
            <Text className='notice notice--info'>暂无可选社区，请稍后再试</Text>
          ) : (
            <ChoiceChips
              block='register-community'
              layout='list'
              choices={communities.map((c) => ({ value: c.id, label: c.name, hint: `${c.district} · ${c.street}` }))}
              value={form.communityId}
              onChange={(value) => update('communityId', value)}
            />
          )}
          {errors.communityId ? <Text className='field-error'>{errors.communityId}</Text> : null}
        </View>
        <FacePhotoField
          id='register-photo'
          value={form.photo}
          error={errors.photoUrl}
          onChange={(photo) => update('photo', photo)}
        />
      </View>

      <View className='card register-page__consents'>
        <View id={FIELD_FRAMES.consentPrivacy}>
          <ConsentCheck
            id='consent-privacy'
            checked={form.consentPrivacy}
            onChange={(checked) => update('consentPrivacy', checked)}
            label='我已阅读并同意《个人信息处理规则》'
            error={errors.consentPrivacy}
          >
            <Text>
              我们处理你的姓名、手机号、所属平台、骑手编号和本人照片，仅用于社区审核你的小哥身份和门岗核验。门岗只能看到打码后的姓名（如
              张*明）、你的照片、平台和认证时间，看不到你的手机号。你可以随时申请查询、更正或删除。
            </Text>
          </ConsentCheck>
        </View>
        <View id={FIELD_FRAMES.consentMovement}>
          <ConsentCheck
            id='consent-movement'
            checked={form.consentMovement}
            onChange={(checked) => update('consentMovement', checked)}
            label='我单独同意记录我的进出记录（行踪信息）'
            error={errors.consentMovement}
          >
            <Text>
              每次在门岗核验小哥码时，会记录时间、社区、门岗和核验结果。进出记录属于行踪信息，是敏感个人信息，依据《个人信息保护法》第二十九条需单独取得你的同意。记录只用于社区通行管理，保存
              {MOVEMENT_RETENTION_DAYS} 天后自动删除。
            </Text>
          </ConsentCheck>
        </View>
      </View>

      {submitError ? (
        <View className='notice notice--error register-page__error' role='alert'>
          {submitError}
        </View>
      ) : null}
      <Button
        id='register-submit'
        className={`btn btn--primary register-page__submit${submitting ? ' btn--disabled' : ''}`}
        onClick={onSubmit}
      >
        {submitting ? '正在提交…' : '提交注册'}
      </Button>
    </View>
  )
}
