import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import StateView from '../../components/state-view'
import { useRemote } from '../../hooks/use-remote'
import { ROUTES } from '../../routes'
import { getDemoOpenid, listDemoIdentities, setDemoOpenid } from '../../services/demo-identity'
import './index.css'

/**
 * h5 demo only: pick who to be. The local cloud then treats every call as coming from that user.
 * In the weapp build the list is empty (WeChat knows who the user is), so this page only explains that.
 */
export default function DemoLoginPage() {
  const { state, reload } = useRemote(listDemoIdentities)
  const [current] = useState(getDemoOpenid)

  const choose = (openid: string) => {
    setDemoOpenid(openid)
    // reLaunch rather than switchTab: every page reloads as the new identity.
    void Taro.reLaunch({ url: ROUTES.home })
  }

  return (
    <View className='page demo-login-page'>
      <View className='page-header'>
        <Text className='page-header__title'>选择演示身份</Text>
      </View>
      <Text className='muted demo-login-page__intro'>这是本地演示版：选一个身份进入，之后可在“我的”里随时切换。</Text>
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error.message} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.length === 0 ? (
        <StateView kind='empty' text='没有可用的演示身份' hint='演示身份只在浏览器演示版中提供' />
      ) : null}
      {state.status === 'ready'
        ? state.data.map((identity) => (
            <View
              key={identity.openid}
              className={`card demo-login-page__identity${identity.openid === current ? ' demo-login-page__identity--current' : ''}`}
            >
              <View className='demo-login-page__who'>
                <Text className='demo-login-page__nickname'>{identity.nickname}</Text>
                <Text className='tag'>{identity.roleName}</Text>
              </View>
              <Text className='muted demo-login-page__description'>{identity.description}</Text>
              <Button
                className='btn btn--primary demo-login-page__choose'
                data-openid={identity.openid}
                onClick={() => choose(identity.openid)}
              >
                {identity.openid === current ? '继续使用此身份' : `以“${identity.nickname}”进入`}
              </Button>
            </View>
          ))
        : null}
    </View>
  )
}
