import { useState } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import { formatChina, type AccessLogOutput } from '../../../../types'
import ChoiceChips from '../../../components/choice-chips'
import StaffCommunityView from '../../../components/staff-community'
import StateView from '../../../components/state-view'
import { usePaged } from '../../../hooks/use-paged'
import { useStaffCommunity } from '../../../hooks/use-staff-community'
import { fetchAccessLog, type AccessLogEntry } from '../../../services/pass'
import './index.css'

const PAGE_SIZE = 20
const DAY_MS = 24 * 60 * 60 * 1000

type ResultFilter = 'all' | 'allowed' | 'refused'
const RESULT_CHOICES: Array<{ value: ResultFilter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'allowed', label: '通过' },
  { value: 'refused', label: '拒绝' },
]

const todayInChina = () => formatChina(Date.now(), 'YYYY-MM-DD')

/** The China-time day `delta` days from `day` ("YYYY-MM-DD"); China has no daylight saving, so days are 24 h. */
function shiftDay(day: string, delta: number): string {
  return formatChina(Date.parse(`${day}T12:00:00+08:00`) + delta * DAY_MS, 'YYYY-MM-DD')
}

function EntryCard({ entry }: { entry: AccessLogEntry }) {
  return (
    <View
      className={`card access-log-entry access-log-entry--${entry.allowed ? 'allowed' : 'refused'}`}
      data-entry-id={entry.id}
    >
      <View className='access-log-entry__head'>
        <Text className='access-log-entry__time'>{formatChina(entry.at, 'HH:mm:ss')}</Text>
        <Text className='access-log-entry__gate'>{entry.gateName}</Text>
        <Text className={`access-log-entry__result access-log-entry__result--${entry.allowed ? 'allowed' : 'refused'}`}>
          {entry.allowed ? '通过' : '拒绝'}
        </Text>
      </View>
      <View className='access-log-entry__body'>
        <Text className='access-log-entry__name'>{entry.maskedName ?? '未知小哥'}</Text>
        {entry.viaPlaceCode ? <Text className='access-log-entry__badge access-log-entry__place'>场所码</Text> : null}
        {entry.suspectedShared ? (
          <Text className='access-log-entry__badge access-log-entry__shared'>疑似共享</Text>
        ) : null}
        {entry.offline ? <Text className='access-log-entry__badge access-log-entry__offline'>离线核验</Text> : null}
      </View>
      {entry.lateRefusal ? (
        <Text className='access-log-entry__reason access-log-entry__late'>
          离线放行，事后发现不应放行：{entry.reason}
        </Text>
      ) : null}
      {!entry.allowed && entry.reason ? <Text className='access-log-entry__reason'>{entry.reason}</Text> : null}
    </View>
  )
}

/**
 * 通行记录 (manager, secretary, admin): a community's gate checks on one day, newest first, filtered by result,
 * with today's counts. Entries name the courier only masked (张*明): movement data is sensitive information.
 */
export default function AccessLogPage() {
  const staff = useStaffCommunity(['manager', 'secretary', 'admin'])
  const community = staff.community
  const [today] = useState(todayInChina)
  const [day, setDay] = useState(today)
  const [result, setResult] = useState<ResultFilter>('all')

  const log = usePaged<AccessLogEntry, AccessLogOutput['today']>({
    key: community ? `${community.id}|${day}|${result}` : null,
    pageSize: PAGE_SIZE,
    cursor: (entry) => entry.at,
    load: async (before) => {
      if (!community) throw new Error('no community')
      const page = await fetchAccessLog({
        communityId: community.id,
        day,
        limit: PAGE_SIZE,
        before,
        ...(result === 'all' ? {} : { allowed: result === 'allowed' }),
      })
      return { items: page.entries, meta: page.today }
    },
  })

  const counts = log.state.status === 'ready' ? log.state.meta : null

  return (
    <View className='page access-log'>
      <View className='page-header'>
        <Text className='page-header__title'>通行记录</Text>
      </View>
      <StaffCommunityView
        staff={staff}
        emptyText='你没有可查看的社区'
        emptyHint='物业经理、社区书记或管理员才能查看通行记录'
      >
        {() => (
          <>
            <View className='card access-log__today'>
              <Text className='access-log__today-title'>今日</Text>
              <View className='access-log__counts'>
                <View className='access-log__count access-log__count--allowed'>
                  <Text className='access-log__count-value'>{counts ? counts.allowed : '–'}</Text>
                  <Text className='access-log__count-label'>通过</Text>
                </View>
                <View className='access-log__count access-log__count--refused'>
                  <Text className='access-log__count-value'>{counts ? counts.refused : '–'}</Text>
                  <Text className='access-log__count-label'>拒绝</Text>
                </View>
                <View className='access-log__count access-log__count--shared'>
                  <Text className='access-log__count-value'>{counts ? counts.suspectedShared : '–'}</Text>
                  <Text className='access-log__count-label'>疑似共享</Text>
                </View>
              </View>
            </View>

            <View className='access-log__days'>
              <Button
                className='btn btn--plain btn--small access-log__prev-day'
                onClick={() => setDay(shiftDay(day, -1))}
              >
                前一天
              </Button>
              <Picker
                className='access-log__picker'
                mode='date'
                value={day}
                end={today}
                onChange={(event) => setDay(String(event.detail.value))}
              >
                <View className='access-log__day'>
                  <Text className='access-log__day-text'>{day === today ? `今天 ${day.slice(5)}` : day}</Text>
                </View>
              </Picker>
              <Button
                className={`btn btn--plain btn--small access-log__next-day${day >= today ? ' btn--disabled' : ''}`}
                onClick={() => day < today && setDay(shiftDay(day, 1))}
              >
                后一天
              </Button>
            </View>
            <ChoiceChips block='access-log-result' choices={RESULT_CHOICES} value={result} onChange={setResult} />

            {log.state.status === 'loading' ? <StateView kind='loading' /> : null}
            {log.state.status === 'error' ? (
              <StateView kind='error' message={log.state.error.message} onRetry={log.reload} />
            ) : null}
            {log.state.status === 'ready' && log.state.items.length === 0 ? (
              <StateView kind='empty' text='这一天没有通行记录' hint='换一天或换个筛选条件看看' />
            ) : null}
            {log.state.status === 'ready'
              ? log.state.items.map((entry) => <EntryCard key={entry.id} entry={entry} />)
              : null}
            {log.state.status === 'ready' && log.state.moreError ? (
              <Text className='notice notice--error access-log__more-error'>{log.state.moreError}</Text>
            ) : null}
            {log.state.status === 'ready' && log.state.hasMore ? (
              <Button className='btn btn--plain access-log__more' onClick={log.loadMore}>
                {log.state.loadingMore ? '正在加载…' : '加载更多'}
              </Button>
            ) : null}
            {log.state.status === 'ready' && !log.state.hasMore && log.state.items.length > 0 ? (
              <Text className='muted access-log__end'>没有更多了</Text>
            ) : null}
          </>
        )}
      </StaffCommunityView>
    </View>
  )
}
