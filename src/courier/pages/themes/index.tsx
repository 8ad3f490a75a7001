import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { chinaMonthKey, type ThemeView } from '../../../../types'
import StateView from '../../../components/state-view'
import ThemeSlots from '../../../components/theme-slots'
import { weekRangeText } from '../../../components/theme-slots/slot-text'
import { useRemote } from '../../../hooks/use-remote'
import { ROUTES } from '../../../routes'
import { fetchMonthThemes } from '../../../services/themes'
import { byWeek, monthTitle, shiftMonth, weekTitle } from './month'
import './index.css'

function ThemeCard({ theme, showStation }: { theme: ThemeView; showStation: boolean }) {
  const open = () =>
    void Taro.navigateTo({ url: `${ROUTES.place}?kind=station&id=${encodeURIComponent(theme.stationId)}` })
  return (
    <View className='card month-theme' data-theme-id={theme.id} data-station-id={theme.stationId}>
      {showStation ? (
        <Text className='month-theme__station' onClick={open}>
          {theme.stationName} ›
        </Text>
      ) : null}
      <Text className='month-theme__title'>{theme.title}</Text>
      {theme.description ? <Text className='month-theme__description'>{theme.description}</Text> : null}
      <ThemeSlots slots={theme.slots} />
    </View>
  )
}

/** The query of the page: one station's themes (opened from its page) or the courier's community's. */
function pageParams(): { stationId?: string; stationName?: string } {
  const params = Taro.getCurrentInstance()?.router?.params ?? {}
  const decode = (value: string | undefined) => (value ? decodeURIComponent(value) : undefined)
  return { stationId: decode(params.stationId), stationName: decode(params.stationName) }
}

/**
 * 月月换主题: the published weekly themes of a month, by week, for the courier's community (each station's) or for
 * one station. 上月 / 下月 move through the months (China time).
 */
export default function MonthThemesPage() {
  const [{ stationId, stationName }] = useState(pageParams)
  const [month, setMonth] = useState(() => chinaMonthKey(Date.now()))
  const { state, reload } = useRemote(() => fetchMonthThemes({ month, stationId }), { key: month })
  // A courier or visitor with no community of their own, asking for "my community's": say so plainly.
  const noCommunity = state.status === 'error' && state.error.code === 'NOT_FOUND' && !stationId

  return (
    <View className='page month-themes'>
      <View className='page-header'>
        <Text className='page-header__title'>月月换主题</Text>
        <Text className='page-header__hint month-themes__scope'>{stationName ?? '本社区驿站'}</Text>
      </View>
      <View className='month-themes__switch'>
        <Button
          id='month-prev'
          className='btn btn--plain btn--small month-themes__prev'
          onClick={() => setMonth(shiftMonth(month, -1))}
        >
          上月
        </Button>
        <Text className='month-themes__month'>{monthTitle(month)}</Text>
        <Button
          id='month-next'
          className='btn btn--plain btn--small month-themes__next'
          onClick={() => setMonth(shiftMonth(month, 1))}
        >
          下月
        </Button>
      </View>
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {noCommunity ? (
        <StateView
          kind='empty'
          text='还没有所属社区'
          hint='注册为小哥后，这里会列出你所在社区各驿站的每周主题；也可以在驿站详情页查看该驿站的主题'
        />
      ) : null}
      {state.status === 'error' && !noCommunity ? (
        <StateView kind='error' message={state.error.message} onRetry={reload} />
      ) : null}
      {state.status === 'ready' && state.data.themes.length === 0 ? (
        <StateView
          kind='empty'
          text={`${monthTitle(state.data.month)}暂无主题`}
          hint='社区每周在驿站安排不同的服务，敬请期待'
        />
      ) : null}
      {state.status === 'ready'
        ? byWeek(state.data.themes).map((group) => (
            <View key={group.week} className='month-week' data-week={group.week}>
              <View className='month-week__head'>
                <Text className='month-week__title'>{weekTitle(group.week, Date.now())}</Text>
                <Text className='muted month-week__range'>{weekRangeText(group.weekStart)}</Text>
              </View>
              {group.themes.map((theme) => (
                <ThemeCard key={theme.id} theme={theme} showStation={!stationId} />
              ))}
            </View>
          ))
        : null}
    </View>
  )
}
