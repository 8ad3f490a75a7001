import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import StateView from '../../components/state-view'
import { useRemote } from '../../hooks/use-remote'
import { ROUTES } from '../../routes'
import { fetchMyCommunities, fetchStaffTodo } from '../../services/staff'

const go = (url: string) => void Taro.navigateTo({ url })

interface Todo {
  key: string
  label: string
  count: number
  url: string
  /** Shown even when nothing waits (with 0), because it is the role's main tool. */
  always?: boolean
}

/** A secretary's or manager's home: what waits for them in the community, each linked to its tool. */
export function StaffHome({
  role,
  communityId,
  communityName,
}: {
  role: 'secretary' | 'manager'
  communityId: string
  communityName: string
}) {
  const todo = useRemote(() => fetchStaffTodo(communityId), { key: communityId })
  if (todo.state.status === 'loading') return <StateView kind='loading' />
  if (todo.state.status === 'error')
    return <StateView kind='error' message={todo.state.error.message} onRetry={todo.reload} />
  const t = todo.state.data
  const withCommunity = (route: string) => `${route}?communityId=${encodeURIComponent(communityId)}`
  const items: Todo[] =
    role === 'secretary'
      ? [
          { key: 'couriers', label: '待审核的小哥注册', count: t.pendingCouriers, url: ROUTES.review, always: true },
          { key: 'reports', label: '待审核的随手拍', count: t.pendingReports, url: ROUTES.staffReports, always: true },
          { key: 'pickups', label: '待取货的兑换', count: t.openRedemptions, url: ROUTES.staffExchange },
          { key: 'themes', label: '本周主题未发布的驿站', count: t.stationsWithoutTheme, url: ROUTES.staffThemes },
          {
            key: 'invitations',
            label: '未接受的邀请',
            count: t.openInvitations,
            url: withCommunity(ROUTES.staffPeople),
          },
        ]
      : [
          {
            key: 'gates',
            label: '没有门岗人员的大门',
            count: t.gatesWithoutGuard,
            url: withCommunity(ROUTES.gates),
            always: true,
          },
          {
            key: 'invitations',
            label: '未接受的邀请',
            count: t.openInvitations,
            url: withCommunity(ROUTES.staffPeople),
          },
        ]
  const shown = items.filter((i) => i.always || i.count > 0)
  return (
    <View className='home-staff'>
      <Text className='home-section-title'>{communityName} · 待办</Text>
      <View className='card home-todo'>
        {shown.map((item) => (
          <View key={item.key} className={`home-todo__item home-todo__item--${item.key}`} onClick={() => go(item.url)}>
            <Text className='home-todo__label'>{item.label}</Text>
            <Text className={`home-todo__count${item.count > 0 ? ' home-todo__count--due' : ''}`}>{item.count}</Text>
            <Text className='home-todo__arrow'>›</Text>
          </View>
        ))}
      </View>
      <View className='home-staff__tools'>
        <Button className='btn btn--plain' onClick={() => go(withCommunity(ROUTES.staffPeople))}>
          人员管理
        </Button>
        <Button className='btn btn--plain' onClick={() => go(withCommunity(ROUTES.gates))}>
          门岗管理
        </Button>
        <Button className='btn btn--plain' onClick={() => go(ROUTES.accessLog)}>
          通行记录
        </Button>
      </View>
    </View>
  )
}

/** A guard's home: straight to the scanner of their gate (the page opens it when the home first shows). */
export function GuardHome({ communityName }: { communityName: string }) {
  return (
    <View className='home-guard'>
      <Text className='home-section-title'>{communityName} · 门岗</Text>
      <Button id='home-scan' className='btn btn--primary home-pass' onClick={() => go(ROUTES.gateScan)}>
        扫码核验
      </Button>
      <Text className='muted home-guard__hint'>扫小哥出示的小哥码：绿色放行，红色说明原因。</Text>
    </View>
  )
}

/** An admin's home: the communities to run, or the first-run steps when there are none yet. */
export function AdminHome() {
  const mine = useRemote(fetchMyCommunities)
  if (mine.state.status === 'loading') return <StateView kind='loading' />
  if (mine.state.status === 'error')
    return <StateView kind='error' message={mine.state.error.message} onRetry={mine.reload} />
  const count = mine.state.data.communities.length
  return (
    <View className='home-admin'>
      {count === 0 ? (
        <View className='card home-status'>
          <Text className='home-status__title'>开始设置</Text>
          <Text className='home-status__text'>还没有社区：先新建社区、添加大门，再邀请社区书记。</Text>
        </View>
      ) : (
        <Text className='home-section-title'>管理 {count} 个社区</Text>
      )}
      <Button id='home-communities' className='btn btn--primary home-pass' onClick={() => go(ROUTES.communities)}>
        {count === 0 ? '新建第一个社区' : '社区管理'}
      </Button>
      {count > 0 ? (
        <Button className='btn btn--plain' onClick={() => go(ROUTES.staffPeople)}>
          人员管理
        </Button>
      ) : null}
    </View>
  )
}
