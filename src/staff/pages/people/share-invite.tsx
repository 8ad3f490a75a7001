import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

export interface ShareInviteProps {
  /** The page path that accepts the invitation, with its code (`staff/pages/invite/index?code=…`). */
  path: string
}

/**
 * h5 (the demo): the invitation as a link to copy and send. The weapp build replaces this with WeChat's own
 * share button (share-invite.weapp.tsx), which sends the page as a card into a chat.
 */
export default function ShareInvite({ path }: ShareInviteProps) {
  const link = `${window.location.origin}${window.location.pathname}#/${path}`
  return (
    <View className='invite-share'>
      <Text className='field__label'>邀请链接</Text>
      <Text className='invite-share__link' selectable>
        {link}
      </Text>
      <Button
        className='btn btn--plain invite-share__copy'
        onClick={() => void Taro.setClipboardData({ data: link }).catch(() => undefined)}
      >
        复制链接
      </Button>
    </View>
  )
}
