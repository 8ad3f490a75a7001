import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { ActivityView } from '../../services/points'
import { activityTimeText } from './time-range'
import './index.css'

export { activityTimeText } from './time-range'

/** What a card says about where an activity stands; "full" is an upcoming one with no place left. */
export type ActivityState = 'open' | 'full' | 'ongoing' | 'ended' | 'cancelled'

export const ACTIVITY_STATE_NAMES: Record<ActivityState, string> = {
  open: '报名中',
  full: '已满',
  ongoing: '进行中',
  ended: '已结束',
  cancelled: '已取消',
}

export function activityState(activity: ActivityView): ActivityState {
  if (activity.phase === 'upcoming') return activity.signedUp >= activity.capacity ? 'full' : 'open'
  return activity.phase
}

export interface ActivitySummaryProps {
  activity: ActivityView
  /** The buttons and notes of the page showing it (sign up, edit, roster…). */
  children?: ReactNode
}

/** One volunteer activity as a card: kind, state, title, China-time window, place, points and places taken. */
export default function ActivitySummary({ activity, children }: ActivitySummaryProps) {
  const state = activityState(activity)
  return (
    <View className={`card activity activity--${state}`} data-activity-id={activity.id}>
      <View className='activity__head'>
        <Text className='tag activity__kind'>{activity.kind}</Text>
        <Text className={`activity__state activity__state--${state}`}>{ACTIVITY_STATE_NAMES[state]}</Text>
      </View>
      <Text className='activity__title'>{activity.title}</Text>
      <Text className='activity__line activity__time'>时间：{activityTimeText(activity.startAt, activity.endAt)}</Text>
      <Text className='activity__line activity__place'>地点：{activity.place}</Text>
      <View className='activity__facts'>
        <Text className='activity__points'>+{activity.points} 积分</Text>
        <Text className='activity__signups'>
          已报名 {activity.signedUp}/{activity.capacity}
        </Text>
      </View>
      {activity.description ? <Text className='activity__description'>{activity.description}</Text> : null}
      {activity.phase === 'cancelled' && activity.cancelReason ? (
        <Text className='activity__cancel-reason'>取消原因：{activity.cancelReason}</Text>
      ) : null}
      {children}
    </View>
  )
}
