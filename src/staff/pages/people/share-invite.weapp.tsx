import { Button, Text, View } from '@tarojs/components'
import type { ShareInviteProps } from './share-invite'

export type { ShareInviteProps } from './share-invite'

/**
 * weapp build of share-invite.tsx: WeChat's share button sends the invitation as a card into a chat; the page's
 * useShareAppMessage answers with the invitation's path (the code travels in it, never the inviter's data).
 */
export default function ShareInvite(_props: ShareInviteProps) {
  return (
    <View className='invite-share'>
      <Button className='btn btn--primary invite-share__share' openType='share'>
        发给微信好友
      </Button>
      <Text className='muted invite-share__hint'>对方在微信里打开卡片，确认后即可加入</Text>
    </View>
  )
}
