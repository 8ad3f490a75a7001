import { Text, View } from '@tarojs/components'
import type { StaffCommunity } from '../../hooks/use-staff-community'
import ChoiceChips from '../choice-chips'
import './index.css'

export interface CommunitySwitchProps {
  communities: StaffCommunity[]
  current: StaffCommunity
  onChange: (id: string) => void
}

/** The community a staff page is about: its name, or a choice when the caller may act for several (admin). */
export default function CommunitySwitch({ communities, current, onChange }: CommunitySwitchProps) {
  if (communities.length <= 1) {
    return (
      <View className='community-switch'>
        <Text className='muted community-switch__name'>社区：{current.name}</Text>
      </View>
    )
  }
  return (
    <View className='community-switch'>
      <Text className='muted community-switch__label'>选择社区</Text>
      <ChoiceChips
        block='community-picker'
        choices={communities.map((c) => ({ value: c.id, label: c.name }))}
        value={current.id}
        onChange={onChange}
      />
    </View>
  )
}
