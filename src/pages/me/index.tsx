import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { COURIER_STATUS_NAMES, ROLE_NAMES, type MeOutput } from '../../../types'
import StateView from '../../components/state-view'
import { useRemote } from '../../hooks/use-remote'
import { ROUTES } from '../../routes'
import { fetchMe } from '../../services/account'
import { DEMO_LOGIN_ENABLED } from '../../services/demo-identity'
import './index.css'

function roleLine(role: MeOutput['roles'][number]): string {
  return role.communityName ? `${ROLE_NAMES[role.role]} · ${role.communityName}` : ROLE_NAMES[role.role]
}

function CourierSection({ courier }: { courier: MeOutput['courier'] }) {
  if (!courier) {
    return (
      <View className='card me-page__section'>
        <Text className='me-page__label'>小哥认证</Text>
        <Text className='me-page__value me-page__courier-status'>尚未注册为小哥</Text>
      </View>
    )
  }
  return (
    <View className='card me-page__section'>
      <Text className='me-page__label'>小哥认证</Text>
      <Text className={`me-page__value me-page__courier-status me-page__courier-status--${courier.status}`}>
        {COURIER_STATUS_NAMES[courier.status]}
      </Text>
      <Text className='muted'>所属社区：{courier.communityName}</Text>
      {courier.statusReason ? <Text className='muted me-page__reason'>说明：{courier.statusReason}</Text> : null}
    </View>
  )
}

/** 我的 tab: who the cloud says I am. */
export default function MePage() {
  const { state, reload } = useRemote(fetchMe)

  return (
    <View className='page me-page'>
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error.message} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <View>
          <View className='card me-page__profile'>
            <Text className='me-page__nickname'>{state.data.nickname || '微信用户'}</Text>
            {state.data.isNew ? <Text className='muted'>欢迎！你可以先浏览附近的服务</Text> : null}
          </View>
          <View className='card me-page__section'>
            <Text className='me-page__label'>我的角色</Text>
            {state.data.roles.length === 0 ? <Text className='me-page__value'>暂无角色</Text> : null}
            {state.data.roles.map((role) => (
              <Text key={`${role.role}:${role.communityId ?? ''}`} className='me-page__value me-page__role'>
                {roleLine(role)}
              </Text>
            ))}
          </View>
          <CourierSection courier={state.data.courier} />
        </View>
      ) : null}
      {DEMO_LOGIN_ENABLED ? (
        <Button className='btn btn--plain me-page__switch' onClick={() => void Taro.navigateTo({ url: ROUTES.demoLogin })}>
          切换演示身份
        </Button>
      ) : null}
    </View>
  )
}
