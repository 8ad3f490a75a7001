import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ActivitySummary, { activityState } from '../../../components/activity-summary'
import ChoiceChips from '../../../components/choice-chips'
import RemoteError from '../../../components/remote-error'
import StateView from '../../../components/state-view'
import SubscribePrompt from '../../../components/subscribe-prompt'
import { usePaged } from '../../../hooks/use-paged'
import { ROUTES } from '../../../routes'
import { toCloudError } from '../../../services/cloud'
import { listActivities, signUp, withdraw, type ActivityView } from '../../../services/points'
import './index.css'

type When = 'upcoming' | 'past'
const WHEN_CHOICES: Array<{ value: When; label: string }> = [
  { value: 'upcoming', label: '近期活动' },
  { value: 'past', label: '往期活动' },
]
/** Upcoming activities come as one list (a community publishes a handful); past ones page back by start time. */
const PAGE_SIZE: Record<When, number> = { upcoming: 50, past: 20 }

interface CardProps {
  activity: ActivityView
  onChanged: (activity: ActivityView) => void
}

/** An activity with what this courier can do about it: sign up or withdraw while it has not started. */
function CourierActivity({ activity, onChanged }: CardProps) {
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  // Just signed up here: offer WeChat notices of a change or cancellation (asked from the courier's tap)
  const [justSigned, setJustSigned] = useState(false)
  const state = activityState(activity)
  const signed = activity.mine === 'signed'

  const act = async (action: typeof signUp) => {
    if (busy) return
    setBusy(true)
    setMessage(null)
    try {
      const changed = (await action(activity.id)).activity
      setJustSigned(action === signUp && changed.mine === 'signed')
      onChanged(changed)
    } catch (error) {
      setMessage(toCloudError(error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <ActivitySummary activity={activity}>
      {signed ? <Text className='activity__mine activity__mine--signed'>我已报名</Text> : null}
      {activity.mine === 'attended' ? (
        <Text className='activity__mine activity__mine--attended'>已到场，获得 {activity.points} 积分</Text>
      ) : null}
      {signed && activity.attendanceOpen ? (
        <View className='activity__actions'>
          <Button
            className='btn btn--primary activity__show-pass'
            onClick={() => void Taro.navigateTo({ url: ROUTES.passCode })}
          >
            出示小哥码签到
          </Button>
        </View>
      ) : null}
      {activity.phase === 'upcoming' ? (
        <View className='activity__actions'>
          {signed ? (
            <Button
              className={`btn btn--plain activity__withdraw${busy ? ' btn--disabled' : ''}`}
              onClick={() => void act(withdraw)}
            >
              {busy ? '正在提交…' : '取消报名'}
            </Button>
          ) : state === 'full' ? (
            <Button className='btn btn--plain btn--disabled activity__full'>名额已满</Button>
          ) : (
            <Button
              className={`btn btn--primary activity__sign-up${busy ? ' btn--disabled' : ''}`}
              onClick={() => void act(signUp)}
            >
              {busy ? '正在提交…' : '报名参加'}
            </Button>
          )}
        </View>
      ) : null}
      {justSigned && signed ? <SubscribePrompt templates={['activity']} when='活动有变动或取消时' /> : null}
      {message ? (
        <View className='notice notice--error activity__message' role='alert'>
          {message}
        </View>
      ) : null}
    </ActivitySummary>
  )
}

/**
 * 志愿活动 (courier): the activities of my community — upcoming ones to sign up for (or withdraw from) until
 * they start, and past ones. Attendance is confirmed at the activity by the secretary scanning my 小哥码.
 */
export default function ActivitiesPage() {
  const [when, setWhen] = useState<When>('upcoming')
  // Activities changed by a sign-up or withdrawal here, newer than the list as loaded.
  const [changed, setChanged] = useState<Record<string, ActivityView>>({})

  const list = usePaged<ActivityView, null>({
    key: when,
    pageSize: PAGE_SIZE[when],
    cursor: (activity) => activity.startAt,
    load: async (before) => {
      const out = await listActivities({ when, limit: PAGE_SIZE[when], before })
      return { items: out.activities, meta: null }
    },
  })

  const show = (value: When) => {
    setChanged({})
    setWhen(value)
  }
  const reload = () => {
    setChanged({})
    list.reload()
  }
  const onChanged = (activity: ActivityView) => setChanged((previous) => ({ ...previous, [activity.id]: activity }))
  const { state } = list

  return (
    <View className='page activities-page'>
      <View className='page-header'>
        <Text className='page-header__title'>志愿活动</Text>
        <Text className='page-header__hint'>参加活动，获得积分</Text>
      </View>
      <ChoiceChips block='activities-when' choices={WHEN_CHOICES} value={when} onChange={show} />

      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <RemoteError error={state.error} onRetry={reload} /> : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <StateView
          kind='empty'
          text={when === 'upcoming' ? '暂无活动' : '暂无往期活动'}
          hint={when === 'upcoming' ? '社区发布志愿活动后会显示在这里' : undefined}
        />
      ) : null}
      {state.status === 'ready'
        ? state.items.map((item) => (
            <CourierActivity key={item.id} activity={changed[item.id] ?? item} onChanged={onChanged} />
          ))
        : null}
      {state.status === 'ready' && state.moreError ? (
        <Text className='notice notice--error'>{state.moreError}</Text>
      ) : null}
      {state.status === 'ready' && when === 'past' && state.hasMore ? (
        <Button className='btn btn--plain activities-page__more' onClick={list.loadMore}>
          {state.loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  )
}
