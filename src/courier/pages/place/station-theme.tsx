import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ThemeView } from '../../../../types'
import ThemeSlots from '../../../components/theme-slots'
import { ROUTES } from '../../../routes'

export interface StationThemeProps {
  stationId: string
  stationName: string
  theme: ThemeView | null
}

/** 本周主题 at a station: the theme, what it offers, its dated slots; and the way to the month's themes. */
export default function StationTheme({ stationId, stationName, theme }: StationThemeProps) {
  const month = () =>
    void Taro.navigateTo({
      url: `${ROUTES.monthThemes}?stationId=${encodeURIComponent(stationId)}&stationName=${encodeURIComponent(stationName)}`,
    })
  return (
    <View className='card place-theme'>
      <Text className='place-theme__label'>本周主题</Text>
      {theme ? (
        <>
          <Text className='place-theme__title'>{theme.title}</Text>
          {theme.description ? <Text className='place-theme__description'>{theme.description}</Text> : null}
          <ThemeSlots slots={theme.slots} />
        </>
      ) : (
        <Text className='muted place-theme__none'>本周暂无主题服务</Text>
      )}
      <Text id='place-month-themes' className='place-theme__month' onClick={month}>
        看本驿站的月月换主题 ›
      </Text>
    </View>
  )
}
