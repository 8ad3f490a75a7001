import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { COURIER_STATUS_NAMES, ROLE_NAMES, type MeOutput, type Role } from '../../../types'
import NoticesCard from '../../components/notices-card'
import OutboxCard from '../../components/outbox-card'
import StateView from '../../components/state-view'
import { useRemote } from '../../hooks/use-remote'
import { ROUTES } from '../../routes'
import { fetchMe } from '../../services/account'
import { DEMO_LOGIN_ENABLED } from '../../services/demo-identity'
import MyFacePhoto from './my-photo'
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
      {courier.status === 'pending' || courier.status === 'approved' ? <MyFacePhoto courier={courier} /> : null}
    </View>
  )
}

interface Entry {
  key: 'pass' | 'place-scan' | 'register' | 'review' | 'scan' | 'access-log' | 'gates' | 'people' | 'communities'
  label: string
  hint: string
  url: string
  primary?: boolean
}

const STAFF_ROLES: readonly Role[] = ['guard', 'manager', 'secretary', 'admin']

/** What this person can do from here, by role: couriers show their code, staff open their tools. */
function entriesFor(me: MeOutput): Entry[] {
  const has = (...roles: Role[]) => me.roles.some((r) => roles.includes(r.role))
  const entries: Entry[] = []
  const courier = me.courier
  if (courier && courier.status !== 'rejected') {
    entries.push({ key: 'pass', label: '出示小哥码', hint: '进小区时给门岗扫码', url: ROUTES.passCode, primary: true })
    entries.push({
      key: 'place-scan',
      label: '扫场所码进门',
      hint: '没有门岗时，扫大门口的场所码登记',
      url: ROUTES.placeScan,
    })
  } else if (courier?.status === 'rejected' || !has(...STAFF_ROLES)) {
    entries.push({
      key: 'register',
      label: courier ? '重新注册小哥' : '注册小哥',
      hint: '通过社区审核后可出示小哥码',
      url: ROUTES.register,
      primary: true,
    })
  }
  if (has('guard'))
    entries.push({ key: 'scan', label: '扫码核验', hint: '核验小哥码，放行进入', url: ROUTES.gateScan, primary: true })
  if (has('secretary', 'admin'))
    entries.push({ key: 'review', label: '小哥审核', hint: '审核、暂停或恢复小哥', url: ROUTES.review })
  if (has('manager', 'secretary', 'admin')) {
    entries.push({ key: 'access-log', label: '通行记录', hint: '本社区的门岗核验记录', url: ROUTES.accessLog })
    entries.push({ key: 'gates', label: '门岗管理', hint: '大门、门岗人员和场所码', url: ROUTES.gates })
    entries.push({ key: 'people', label: '人员管理', hint: '邀请、查看和解除工作人员', url: ROUTES.staffPeople })
  }
  if (has('admin'))
    entries.push({ key: 'communities', label: '社区管理', hint: '新建和编辑社区', url: ROUTES.communities })
  return entries
}

function Entries({ me }: { me: MeOutput }) {
  const entries = entriesFor(me)
  if (entries.length === 0) return null
  return (
    <View className='card me-page__entries'>
      {entries.map((entry) => (
        <View
          key={entry.key}
          className={`me-page__entry me-page__entry--${entry.key}${entry.primary ? ' me-page__entry--primary' : ''}`}
          onClick={() => void Taro.navigateTo({ url: entry.url })}
        >
          <View className='me-page__entry-text'>
            <Text className='me-page__entry-label'>{entry.label}</Text>
            <Text className='me-page__entry-hint'>{entry.hint}</Text>
          </View>
          <Text className='me-page__entry-arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}

interface Tile {
  key: 'activities' | 'points' | 'exchange' | 'ranking' | 'staff-activities' | 'staff-exchange'
  label: string
  hint: string
  url: string
}

/** Volunteer points, as a grid of shortcuts: a courier's activities, points and exchange; a secretary's tools. */
function pointsTilesFor(me: MeOutput): Tile[] {
  const tiles: Tile[] = []
  if (me.courier && me.courier.status !== 'rejected') {
    tiles.push({ key: 'activities', label: '志愿活动', hint: '报名参加社区活动', url: ROUTES.activities })
    tiles.push({ key: 'points', label: '我的积分', hint: '余额和积分明细', url: ROUTES.points })
    tiles.push({ key: 'exchange', label: '积分兑换', hint: '到驿站兑换日用品', url: ROUTES.exchange })
    tiles.push({ key: 'ranking', label: '先锋榜', hint: '本月志愿积分排名', url: ROUTES.ranking })
  }
  if (me.roles.some((r) => r.role === 'secretary' || r.role === 'admin')) {
    tiles.push({ key: 'staff-activities', label: '活动管理', hint: '发布活动、到场签到', url: ROUTES.staffActivities })
    tiles.push({ key: 'staff-exchange', label: '兑换管理', hint: '物品上架、取货核销', url: ROUTES.staffExchange })
  }
  return tiles
}

interface PointsLink {
  key: 'report' | 'staff-reports'
  label: string
  hint: string
  url: string
}

/** 随手拍, under the tiles as a full-width row: a courier reports hazards; a secretary reviews the reports. */
function pointsLinksFor(me: MeOutput): PointsLink[] {
  const links: PointsLink[] = []
  if (me.courier && me.courier.status !== 'rejected') {
    links.push({ key: 'report', label: '随手拍', hint: '发现安全隐患，拍下来告诉社区，采纳得积分', url: ROUTES.report })
  }
  if (me.roles.some((r) => r.role === 'secretary' || r.role === 'admin')) {
    links.push({
      key: 'staff-reports',
      label: '随手拍审核',
      hint: '采纳或驳回小哥上报的隐患',
      url: ROUTES.staffReports,
    })
  }
  return links
}

function PointsTiles({ me }: { me: MeOutput }) {
  const tiles = pointsTilesFor(me)
  const links = pointsLinksFor(me)
  if (tiles.length === 0 && links.length === 0) return null
  return (
    <View className='card me-page__points'>
      <Text className='me-page__label'>志愿积分</Text>
      <View className='me-page__tiles'>
        {tiles.map((tile) => (
          <View
            key={tile.key}
            className={`me-page__tile me-page__tile--${tile.key}`}
            onClick={() => void Taro.navigateTo({ url: tile.url })}
          >
            <Text className='me-page__tile-label'>{tile.label}</Text>
            <Text className='me-page__tile-hint'>{tile.hint}</Text>
          </View>
        ))}
      </View>
      {links.map((link) => (
        <View
          key={link.key}
          className={`me-page__points-link me-page__points-link--${link.key}`}
          onClick={() => void Taro.navigateTo({ url: link.url })}
        >
          <View className='me-page__entry-text'>
            <Text className='me-page__points-link-label'>{link.label}</Text>
            <Text className='me-page__entry-hint'>{link.hint}</Text>
          </View>
          <Text className='me-page__entry-arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}

interface ServiceLink {
  key: 'staff-places' | 'staff-themes'
  label: string
  hint: string
  url: string
}

/** 社区服务 (secretary, admin): the community's stations, meals and rooms, and each station's weekly theme. */
function serviceLinksFor(me: MeOutput): ServiceLink[] {
  if (!me.roles.some((r) => r.role === 'secretary' || r.role === 'admin')) return []
  return [
    { key: 'staff-themes', label: '本周主题', hint: '发布驿站每周的服务主题和时段', url: ROUTES.staffThemes },
    { key: 'staff-places', label: '服务管理', hint: '驿站、骑士餐、暖心房：新增、修改、空房', url: ROUTES.staffPlaces },
  ]
}

function ServiceLinks({ me }: { me: MeOutput }) {
  const links = serviceLinksFor(me)
  if (links.length === 0) return null
  return (
    <View className='card me-page__services'>
      <Text className='me-page__label'>社区服务</Text>
      {links.map((link) => (
        <View
          key={link.key}
          className={`me-page__service-link me-page__service-link--${link.key}`}
          onClick={() => void Taro.navigateTo({ url: link.url })}
        >
          <View className='me-page__entry-text'>
            <Text className='me-page__service-link-label'>{link.label}</Text>
            <Text className='me-page__entry-hint'>{link.hint}</Text>
          </View>
          <Text className='me-page__entry-arrow'>›</Text>
        </View>
      ))}
    </View>
  )
}

/** 隐私与数据: what the system holds about me, its export, my consents and deleting the account. */
function PrivacyLink() {
  return (
    <View className='card me-page__privacy'>
      <View className='me-page__my-data' onClick={() => void Taro.navigateTo({ url: ROUTES.myData })}>
        <View className='me-page__my-data-text'>
          <Text className='me-page__my-data-label'>我的数据</Text>
          <Text className='me-page__my-data-hint'>查看、导出个人信息，撤回授权或注销账号</Text>
        </View>
        <Text className='me-page__entry-arrow'>›</Text>
      </View>
    </View>
  )
}

/** 我的 tab: who the cloud says I am. */
export default function MePage() {
  const { state, reload } = useRemote(fetchMe)
  // Back from registering or reviewing: show the status as it is now. The first show is the initial load.
  const shown = useRef(false)
  const [shows, setShows] = useState(0)
  useDidShow(() => {
    if (shown.current) {
      reload()
      setShows((n) => n + 1)
    }
    shown.current = true
  })

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
          {state.data.courier ? <NoticesCard refreshKey={shows} /> : null}
          <OutboxCard refreshKey={shows} />
          <CourierSection courier={state.data.courier} />
          <Entries me={state.data} />
          <PointsTiles me={state.data} />
          <ServiceLinks me={state.data} />
          {state.data.isNew ? null : <PrivacyLink />}
        </View>
      ) : null}
      {DEMO_LOGIN_ENABLED ? (
        <Button
          className='btn btn--plain me-page__switch'
          onClick={() => void Taro.navigateTo({ url: ROUTES.demoLogin })}
        >
          切换演示身份
        </Button>
      ) : null}
    </View>
  )
}
