import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '../../routes'
import type { CloudError } from '../../services/cloud'
import StateView from '../state-view'

/** Codes that say "not for you yet", which no retry changes: the person has to register (or be approved). */
const NEEDS_COURIER = new Set(['FORBIDDEN', 'NOT_APPROVED'])

export interface RemoteErrorProps {
  error: CloudError
  onRetry?: () => void
}

/**
 * A courier page's failure. Where the page is for couriers and the caller is not one (yet), it says so and
 * offers 注册成为小哥, instead of an error with a 重试 that can never succeed; anything else is an error with 重试.
 */
export default function RemoteError({ error, onRetry }: RemoteErrorProps) {
  if (!NEEDS_COURIER.has(error.code)) return <StateView kind='error' message={error.message} onRetry={onRetry} />
  return (
    <View className='state-view state-view--empty remote-error--needs-courier'>
      <Text className='state-view__title'>注册成为小哥后可用</Text>
      <Text className='state-view__text'>
        {error.code === 'NOT_APPROVED'
          ? '你的注册通过社区审核后即可使用。'
          : '这里是小哥的功能：注册并通过社区审核后即可使用。'}
      </Text>
      {error.code === 'FORBIDDEN' ? (
        <Button
          className='btn btn--primary remote-error__register'
          onClick={() => void Taro.navigateTo({ url: ROUTES.register })}
        >
          注册成为小哥
        </Button>
      ) : null}
    </View>
  )
}
