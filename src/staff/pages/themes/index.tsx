import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ManagedPlace } from '../../../../types'
import ChoiceChips from '../../../components/choice-chips'
import StaffCommunityView from '../../../components/staff-community'
import StateView from '../../../components/state-view'
import { weekRangeText } from '../../../components/theme-slots/slot-text'
import { useRemote } from '../../../hooks/use-remote'
import { useStaffCommunity, type StaffCommunity } from '../../../hooks/use-staff-community'
import { listManaged } from '../../../services/manage-places'
import { getTheme } from '../../../services/themes'
import ThemeFormView from './theme-form'
import { plannableWeeks, type WeekChoice } from './theme-model'
import './index.css'

/** The chosen station's theme for the chosen week, loaded with every status (the secretary sees drafts). */
function WeekTheme({ stationId, week }: { stationId: string; week: WeekChoice }) {
  const { state, reload } = useRemote(() => getTheme(stationId, week.week))
  if (state.status === 'loading') return <StateView kind='loading' />
  if (state.status === 'error') return <StateView kind='error' message={state.error.message} onRetry={reload} />
  return <ThemeFormView stationId={stationId} week={week} initial={state.data} />
}

function CommunityThemes({ community }: { community: StaffCommunity }) {
  const { state, reload } = useRemote(() => listManaged(community.id, 'station'))
  const [weeks] = useState(() => plannableWeeks(Date.now()))
  const [stationId, setStationId] = useState<string | null>(null)
  const [weekKey, setWeekKey] = useState(weeks[0].week)

  if (state.status === 'loading') return <StateView kind='loading' />
  if (state.status === 'error') return <StateView kind='error' message={state.error.message} onRetry={reload} />
  const stations: ManagedPlace[] = state.data
  if (stations.length === 0) return <StateView kind='empty' text='本社区还没有驿站' hint='先在「服务管理」里新增驿站' />
  const station = stations.find((s) => s.id === stationId) ?? stations[0]
  const week = weeks.find((w) => w.week === weekKey) ?? weeks[0]
  return (
    <>
      <Text className='muted staff-themes__label'>驿站</Text>
      <ChoiceChips
        block='theme-station'
        layout='list'
        choices={stations.map((s) => ({ value: s.id, label: s.name, hint: s.hidden ? '已隐藏' : undefined }))}
        value={station.id}
        onChange={setStationId}
      />
      <Text className='muted staff-themes__label'>周次</Text>
      <ChoiceChips
        block='theme-week'
        choices={weeks.map((w) => ({ value: w.week, label: w.label, hint: weekRangeText(w.start) }))}
        value={week.week}
        onChange={setWeekKey}
      />
      <WeekTheme key={`${station.id}|${week.week}`} stationId={station.id} week={week} />
    </>
  )
}

/**
 * 本周主题 (secretary, admin): a station's service theme for this week or next — title, description and dated
 * slots; save as a draft, publish, withdraw, or start from last week's. Couriers see it once published.
 */
export default function StaffThemesPage() {
  const staff = useStaffCommunity(['secretary', 'admin'])
  return (
    <View className='page staff-themes'>
      <View className='page-header'>
        <Text className='page-header__title'>本周主题</Text>
        <Text className='page-header__hint'>周周有服务，月月换主题</Text>
      </View>
      <StaffCommunityView staff={staff} emptyText='你没有可管理的社区' emptyHint='社区书记或管理员才能发布驿站主题'>
        {(community) => <CommunityThemes key={community.id} community={community} />}
      </StaffCommunityView>
    </View>
  )
}
