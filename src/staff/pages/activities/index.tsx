import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import ActivitySummary from '../../../components/activity-summary'
import ChoiceChips from '../../../components/choice-chips'
import StaffCommunityView from '../../../components/staff-community'
import StateView from '../../../components/state-view'
import { usePaged } from '../../../hooks/use-paged'
import { useStaffCommunity } from '../../../hooks/use-staff-community'
import { listActivities, type ActivityView } from '../../../services/points'
import ActivityFormView from './activity-form'
import CancelDialog from './cancel-dialog'
import Roster from './roster'
import './index.css'

type When = 'upcoming' | 'past'
const WHEN_CHOICES: Array<{ value: When; label: string }> = [
  { value: 'upcoming', label: '近期活动' },
  { value: 'past', label: '往期活动' },
]
/** Upcoming activities come as one list; past ones page back by start time. */
const PAGE_SIZE: Record<When, number> = { upcoming: 50, past: 20 }

type Mode =
  { kind: 'list' } | { kind: 'form'; editing: ActivityView | null } | { kind: 'roster'; activity: ActivityView }

interface CardProps {
  activity: ActivityView
  onEdit: () => void
  onCancel: () => void
  onRoster: () => void
}

function StaffActivity({ activity, onEdit, onCancel, onRoster }: CardProps) {
  const { phase } = activity
  return (
    <ActivitySummary activity={activity}>
      <View className='activity__actions'>
        {phase !== 'cancelled' ? (
          <Button
            className={`btn btn--small ${activity.attendanceOpen ? 'btn--primary' : 'btn--plain'} activity__roster`}
            onClick={onRoster}
          >
            {activity.attendanceOpen ? '签到记分' : '报名名单'}
          </Button>
        ) : null}
        {phase === 'upcoming' ? (
          <Button className='btn btn--plain btn--small activity__edit' onClick={onEdit}>
            修改
          </Button>
        ) : null}
        {phase === 'upcoming' || phase === 'ongoing' ? (
          <Button className='btn btn--danger btn--small activity__cancel' onClick={onCancel}>
            取消活动
          </Button>
        ) : null}
      </View>
    </ActivitySummary>
  )
}

/**
 * 活动管理 (secretary, admin): the community's volunteer activities — publish one, change it before it starts,
 * cancel it with a reason, and at the activity confirm who came (scan their 小哥码 or pick from the list).
 */
export default function StaffActivitiesPage() {
  const staff = useStaffCommunity(['secretary', 'admin'])
  const community = staff.community
  const [when, setWhen] = useState<When>('upcoming')
  const [mode, setMode] = useState<Mode>({ kind: 'list' })
  const [cancelling, setCancelling] = useState<ActivityView | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const list = usePaged<ActivityView, null>({
    key: community ? `${community.id}|${when}` : null,
    pageSize: PAGE_SIZE[when],
    cursor: (activity) => activity.startAt,
    load: async (before) => {
      if (!community) throw new Error('no community')
      const out = await listActivities({ communityId: community.id, when, limit: PAGE_SIZE[when], before })
      return { items: out.activities, meta: null }
    },
  })
  const backToList = (message: string | null) => {
    setMode({ kind: 'list' })
    setNotice(message)
    list.reload()
  }
  const { state } = list

  return (
    <View className='page staff-activities'>
      <View className='page-header'>
        <Text className='page-header__title'>活动管理</Text>
        <Text className='page-header__hint'>发布活动、到场签到</Text>
      </View>
      <StaffCommunityView staff={staff} emptyText='你没有可管理的社区' emptyHint='社区书记或管理员才能发布志愿活动'>
        {(chosen) =>
          mode.kind === 'form' ? (
            <ActivityFormView
              key={mode.editing?.id ?? 'new'}
              communityId={chosen.id}
              editing={mode.editing}
              onSaved={(activity) =>
                backToList(mode.editing ? `已保存修改：${activity.title}` : `已发布：${activity.title}`)
              }
              onCancel={() => setMode({ kind: 'list' })}
            />
          ) : mode.kind === 'roster' ? (
            <Roster activity={mode.activity} onBack={() => backToList(null)} />
          ) : (
            <>
              <Button
                id='activity-new'
                className='btn btn--primary staff-activities__new'
                onClick={() => setMode({ kind: 'form', editing: null })}
              >
                发布新活动
              </Button>
              {notice ? <Text className='notice notice--info staff-activities__notice'>{notice}</Text> : null}
              <ChoiceChips block='activities-when' choices={WHEN_CHOICES} value={when} onChange={setWhen} />
              {state.status === 'loading' ? <StateView kind='loading' /> : null}
              {state.status === 'error' ? (
                <StateView kind='error' message={state.error.message} onRetry={list.reload} />
              ) : null}
              {state.status === 'ready' && state.items.length === 0 ? (
                <StateView
                  kind='empty'
                  text={when === 'upcoming' ? '暂无活动' : '暂无往期活动'}
                  hint={when === 'upcoming' ? '点上方「发布新活动」开始' : undefined}
                />
              ) : null}
              {state.status === 'ready'
                ? state.items.map((activity) => (
                    <StaffActivity
                      key={activity.id}
                      activity={activity}
                      onEdit={() => setMode({ kind: 'form', editing: activity })}
                      onCancel={() => setCancelling(activity)}
                      onRoster={() => setMode({ kind: 'roster', activity })}
                    />
                  ))
                : null}
              {state.status === 'ready' && state.moreError ? (
                <Text className='notice notice--error'>{state.moreError}</Text>
              ) : null}
              {state.status === 'ready' && when === 'past' && state.hasMore ? (
                <Button className='btn btn--plain staff-activities__more' onClick={list.loadMore}>
                  {state.loadingMore ? '正在加载…' : '加载更多'}
                </Button>
              ) : null}
            </>
          )
        }
      </StaffCommunityView>
      {cancelling ? (
        <CancelDialog
          activity={cancelling}
          onClose={() => setCancelling(null)}
          onCancelled={(activity, told) => {
            setCancelling(null)
            backToList(
              told > 0 ? `已取消「${activity.title}」，将通知 ${told} 位已报名的小哥` : `已取消「${activity.title}」`,
            )
          }}
        />
      ) : null}
    </View>
  )
}
