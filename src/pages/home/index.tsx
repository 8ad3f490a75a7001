import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import ChoiceChips from '../../components/choice-chips'
import StateView from '../../components/state-view'
import { useRemote } from '../../hooks/use-remote'
import { ROUTES } from '../../routes'
import { fetchMe } from '../../services/account'
import { needsDemoLogin } from '../../services/demo-identity'
import CourierHome from './courier-home'
import { HOME_NAMES, homeKey, homesFor, type Home } from './homes'
import { AdminHome, GuardHome, StaffHome } from './staff-home'
import VisitorHome from './visitor-home'
import './index.css'

/** The home a person last chose, when they hold several roles. */
const CHOSEN_HOME = 'chosenHome'

function readChosen(): string | null {
  try {
    const value: unknown = Taro.getStorageSync(CHOSEN_HOME)
    return typeof value === 'string' && value !== '' ? value : null
  } catch {
    return null
  }
}

function HomeFor({ home, courier }: { home: Home; courier: Parameters<typeof CourierHome>[0]['courier'] | null }) {
  switch (home.kind) {
    case 'courier':
      return courier ? <CourierHome courier={courier} /> : <VisitorHome />
    case 'guard':
      return <GuardHome communityName={home.communityName} />
    case 'secretary':
    case 'manager':
      return <StaffHome role={home.kind} communityId={home.communityId} communityName={home.communityName} />
    case 'admin':
      return <AdminHome />
    case 'visitor':
      return <VisitorHome />
  }
}

/**
 * 首页: a home for the role the person opened the app for. An approved courier gets 出示小哥码 first; one
 * waiting for review sees where they stand; a guard goes straight to the scanner; a secretary or manager sees
 * what waits for them; an admin their communities; a visitor the services and how to register. A person with
 * several roles switches between them (remembered on the phone).
 */
export default function HomePage() {
  // In the h5 demo nobody is anyone until a demo identity is picked: go and pick one first.
  const [mustLogin] = useState(needsDemoLogin)
  useEffect(() => {
    if (mustLogin) void Taro.reLaunch({ url: ROUTES.demoLogin })
  }, [mustLogin])
  const me = useRemote(fetchMe, { enabled: !mustLogin })
  const [chosen, setChosen] = useState<string | null>(readChosen)
  const homes = me.state.status === 'ready' ? homesFor(me.state.data) : []
  const home = homes.find((h) => homeKey(h) === chosen) ?? homes[0] ?? null

  // Coming back to the home (after registering, accepting an invitation) shows who the person is now.
  const shown = useRef(false)
  const { reload } = me
  useDidShow(() => {
    if (shown.current) reload()
    shown.current = true
  })

  // A guard's home opens the scanner of their gate at once, the first time the app shows it.
  const opened = useRef(false)
  useEffect(() => {
    if (home?.kind !== 'guard' || opened.current) return
    opened.current = true
    void Taro.navigateTo({ url: ROUTES.gateScan })
  }, [home])

  const choose = (key: string) => {
    setChosen(key)
    try {
      Taro.setStorageSync(CHOSEN_HOME, key)
    } catch {
      // storage full or unavailable: the choice holds for this session
    }
  }

  return (
    <View className='page home'>
      {me.state.status === 'loading' ? <StateView kind='loading' /> : null}
      {me.state.status === 'error' ? (
        <StateView kind='error' message={me.state.error.message} onRetry={reload} />
      ) : null}
      {me.state.status === 'ready' && home ? (
        <>
          <View className='home__hello'>
            <Text className='home__name'>{me.state.data.nickname}</Text>
            {homes.length === 1 ? <Text className='muted'>{HOME_NAMES[home.kind]}</Text> : null}
          </View>
          {homes.length > 1 ? (
            <ChoiceChips
              block='home-role'
              compact
              choices={homes.map((h) => ({
                value: homeKey(h),
                label:
                  'communityName' in h && h.communityName
                    ? `${HOME_NAMES[h.kind]}·${h.communityName}`
                    : HOME_NAMES[h.kind],
              }))}
              value={homeKey(home)}
              onChange={choose}
            />
          ) : null}
          <HomeFor home={home} courier={me.state.data.courier} />
        </>
      ) : null}
    </View>
  )
}
