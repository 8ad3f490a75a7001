import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { chinaTime } from '../../../../types'
import ChoiceChips from '../../../components/choice-chips'
import RemoteError from '../../../components/remote-error'
import StateView from '../../../components/state-view'
import { useRemote } from '../../../hooks/use-remote'
import { ranking, type Ranking } from '../../../services/points'
import './index.css'

type Which = 'this' | 'last'
const CHOICES: Array<{ value: Which; label: string }> = [
  { value: 'this', label: '本月' },
  { value: 'last', label: '上月' },
]

/** "2026-10" for the China-time month before now. */
function lastMonth(): string {
  return chinaTime(Date.now()).startOf('month').subtract(1, 'day').format('YYYY-MM')
}

/** "2026-11" → "2026年11月". */
function monthText(month: string): string {
  const [year, number] = month.split('-')
  return `${year}年${Number(number)}月`
}

function Board({ data }: { data: Ranking }) {
  const meListed = data.leaders.some((leader) => leader.isMe)
  return (
    <>
      <View className='card ranking__mine'>
        <Text className='ranking__month'>{monthText(data.month)} 先锋榜</Text>
        {data.me ? (
          <Text className='ranking__me'>
            我的排名：第 {data.me.rank} 名 · {data.me.points} 分
          </Text>
        ) : (
          <Text className='muted ranking__me ranking__me--none'>本月还没有获得积分，参加志愿活动就能上榜</Text>
        )}
        <Text className='muted ranking__rule'>按当月获得的志愿积分排名，兑换消耗不影响排名</Text>
      </View>
      {data.leaders.length === 0 ? (
        <StateView kind='empty' text='本月还没有人上榜' hint='参加社区志愿活动获得积分后，就会出现在这里' />
      ) : (
        <View className='card ranking__list'>
          {data.leaders.map((leader) => (
            <View
              key={`${leader.rank}-${leader.maskedName}-${leader.isMe ? 'me' : ''}`}
              className={`ranking-row${leader.rank <= 3 ? ` ranking-row--top${leader.rank}` : ''}${leader.isMe ? ' ranking-row--me' : ''}`}
            >
              <Text className='ranking-row__rank'>{leader.rank}</Text>
              <Text className='ranking-row__name'>
                {leader.maskedName}
                {leader.isMe ? '（我）' : ''}
              </Text>
              <Text className='ranking-row__points'>{leader.points} 分</Text>
            </View>
          ))}
          {data.me && !meListed ? <Text className='muted ranking__more'>…… 你在第 {data.me.rank} 名</Text> : null}
        </View>
      )}
    </>
  )
}

/** One month's board; mounted afresh (keyed) when the month changes. `month` absent: the current one. */
function MonthBoard({ month }: { month?: string }) {
  const { state, reload } = useRemote(() => ranking(month ? { month } : {}))
  if (state.status === 'loading') return <StateView kind='loading' />
  if (state.status === 'error') return <RemoteError error={state.error} onRetry={reload} />
  return <Board data={state.data} />
}

/** 先锋榜: my community's couriers ranked by points earned in a China-time month, with my own rank. */
export default function RankingPage() {
  const [which, setWhich] = useState<Which>('this')
  const [previous] = useState(lastMonth)

  return (
    <View className='page ranking'>
      <View className='page-header'>
        <Text className='page-header__title'>先锋榜</Text>
        <Text className='page-header__hint'>志愿服务，小哥争先</Text>
      </View>
      <ChoiceChips block='ranking-month' choices={CHOICES} value={which} onChange={setWhich} />
      <MonthBoard key={which} month={which === 'last' ? previous : undefined} />
    </View>
  )
}
