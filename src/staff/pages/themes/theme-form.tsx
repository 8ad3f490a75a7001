import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import type { ThemeView } from '../../../../types'
import { toCloudError } from '../../../services/cloud'
import { copyLastWeekTheme, saveTheme, withdrawTheme } from '../../../services/themes'
import SlotEditor from './slot-editor'
import {
  blankSlot,
  checkThemeForm,
  firstThemeError,
  formOfTheme,
  MAX_SLOTS,
  STATUS_NAMES,
  type ThemeErrors,
  type ThemeForm,
  type WeekChoice,
} from './theme-model'

export interface ThemeFormProps {
  stationId: string
  week: WeekChoice
  /** The week's theme as loaded (any status), or null when there is none yet. */
  initial: ThemeView | null
}

type Action = 'draft' | 'publish' | 'withdraw' | 'copy'

/** A station's theme for one week: edit, 保存草稿, 发布, 撤回, 复制上周. The status shown is the cloud's. */
export default function ThemeFormView({ stationId, week, initial }: ThemeFormProps) {
  const [theme, setTheme] = useState<ThemeView | null>(initial)
  const [form, setForm] = useState<ThemeForm>(() => formOfTheme(initial))
  const [errors, setErrors] = useState<ThemeErrors>({})
  const [busy, setBusy] = useState<Action | null>(null)
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | null>(null)

  const update = (patch: Partial<ThemeForm>) => {
    setForm((previous) => ({ ...previous, ...patch }))
    setErrors((previous) => {
      const next = { ...previous }
      for (const key of Object.keys(patch) as Array<keyof ThemeForm>) delete next[key]
      return next
    })
  }

  const run = async (action: Action, work: () => Promise<ThemeView>, done: (saved: ThemeView) => string) => {
    if (busy) return
    setBusy(action)
    setNotice(null)
    try {
      const saved = await work()
      setTheme(saved)
      if (action === 'copy') setForm(formOfTheme(saved))
      setNotice({ kind: 'info', text: done(saved) })
    } catch (error) {
      setNotice({ kind: 'error', text: toCloudError(error).message })
    } finally {
      setBusy(null)
    }
  }

  const save = (publish: boolean) => {
    const checked = checkThemeForm(form, { stationId, week: week.week, dates: week.dates }, publish)
    if (!checked.ok) {
      setErrors(checked.errors)
      setNotice({ kind: 'error', text: firstThemeError(checked.errors) ?? '请检查填写的内容' })
      return
    }
    setErrors({})
    void run(
      publish ? 'publish' : 'draft',
      () => saveTheme(checked.input),
      (t) => (publish ? `已发布：${t.title}` : `已保存草稿：${t.title}`),
    )
  }

  const status = theme?.status ?? 'none'
  const setSlot = (index: number, slot: ThemeForm['slots'][number]) =>
    update({ slots: form.slots.map((s, i) => (i === index ? slot : s)) })

  return (
    <View className='card theme-editor' data-week={week.week}>
      <View className='theme-editor__head'>
        <Text className='theme-editor__week'>{week.week}</Text>
        <Text className={`theme-editor__status theme-editor__status--${status}`}>{STATUS_NAMES[status]}</Text>
      </View>
      {status !== 'published' ? (
        <Button
          id='theme-copy'
          className='btn btn--plain btn--small theme-editor__copy'
          onClick={() =>
            void run(
              'copy',
              () => copyLastWeekTheme(stationId, week.week),
              () => '已复制上周的主题为草稿，修改后发布',
            )
          }
        >
          {busy === 'copy' ? '正在复制…' : '复制上周'}
        </Button>
      ) : null}
      <View className={`field${errors.title ? ' field--invalid' : ''}`} data-field='theme-title'>
        <Text className='field__label'>本周主题</Text>
        <Input
          id='theme-title'
          className='field__input'
          value={form.title}
          placeholder='如：免费义诊周'
          maxlength={30}
          onInput={(e) => update({ title: e.detail.value })}
        />
        {errors.title ? <Text className='field-error'>{errors.title}</Text> : null}
      </View>
      <View className={`field${errors.description ? ' field--invalid' : ''}`} data-field='theme-description'>
        <Text className='field__label'>
          主题说明<Text className='field__optional'>（选填）</Text>
        </Text>
        <Textarea
          id='theme-description'
          className='field__input theme-editor__textarea'
          value={form.description}
          placeholder='这一周在驿站有什么服务、谁来、要带什么'
          maxlength={300}
          onInput={(e) => update({ description: e.detail.value })}
        />
        {errors.description ? <Text className='field-error'>{errors.description}</Text> : null}
      </View>
      <View className={`field${errors.slots ? ' field--invalid' : ''}`} data-field='theme-slots'>
        <Text className='field__label'>服务时段</Text>
        {form.slots.length === 0 ? (
          <Text className='muted theme-editor__no-slots'>还没有时段，可只发布主题</Text>
        ) : null}
        {form.slots.map((slot, i) => (
          <SlotEditor
            key={i}
            index={i}
            slot={slot}
            dates={week.dates}
            onChange={(s) => setSlot(i, s)}
            onRemove={() => update({ slots: form.slots.filter((_, j) => j !== i) })}
          />
        ))}
        {form.slots.length < MAX_SLOTS ? (
          <Button
            id='theme-slot-add'
            className='btn btn--plain btn--small theme-editor__add'
            onClick={() => update({ slots: [...form.slots, blankSlot(week.dates, Date.now())] })}
          >
            添加时段
          </Button>
        ) : null}
        {errors.slots ? <Text className='field-error'>{errors.slots}</Text> : null}
      </View>
      {notice ? (
        <View
          className={`notice notice--${notice.kind} theme-editor__notice`}
          role={notice.kind === 'error' ? 'alert' : undefined}
        >
          {notice.text}
        </View>
      ) : null}
      <View className='theme-editor__buttons'>
        <Button id='theme-save-draft' className='btn btn--plain theme-editor__draft' onClick={() => save(false)}>
          {busy === 'draft' ? '正在保存…' : '保存草稿'}
        </Button>
        <Button id='theme-publish' className='btn btn--primary theme-editor__publish' onClick={() => save(true)}>
          {busy === 'publish' ? '正在发布…' : status === 'published' ? '更新发布' : '发布'}
        </Button>
      </View>
      {theme && status !== 'withdrawn' ? (
        <Button
          id='theme-withdraw'
          className='btn btn--danger theme-editor__withdraw'
          onClick={() =>
            void run(
              'withdraw',
              () => withdrawTheme(stationId, week.week),
              () => '已撤回，小哥不再看到这个主题',
            )
          }
        >
          {busy === 'withdraw' ? '正在撤回…' : '撤回'}
        </Button>
      ) : null}
    </View>
  )
}
