import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { COURIER_STATUS_NAMES, type MeOutput } from '../../../types'
import { useRemote } from '../../hooks/use-remote'
import { ROUTES } from '../../routes'
import { myPoints } from '../../services/points'
import NearbyServices from './nearby-services'

const go = (url: string) => void Taro.navigateTo({ url })

const TILES = [
  { key: 'activities', label: '志愿活动', url: ROUTES.activities },
  { key: 'exchange', label: '积分兑换', url: ROUTES.exchange },
  { key: 'report', label: '随手拍', url: ROUTES.report },
  { key: 'ranking', label: '先锋榜', url: ROUTES.ranking },
] as const

/** The courier's shortcuts; before approval they are shown greyed, saying when they open. */
function Tiles({ enabled }: { enabled: boolean }) {
  return (
    <View className='home-tiles'>
      {TILES.map((tile) => (
        <View
          key={tile.key}
          className={`home-tile home-tile--${tile.key}${enabled ? '' : ' home-tile--locked'}`}
          aria-disabled={!enabled}
          onClick={enabled ? () => go(tile.url) : undefined}
        >
          <Text className='home-tile__label'>{tile.label}</Text>
          {enabled ? null : <Text className='home-tile__hint'>审核通过后可用</Text>}
        </View>
      ))}
    </View>
  )
}

function Balance() {
  const points = useRemote(() => myPoints({ limit: 1 }))
  const balance = points.state.status === 'ready' ? String(points.state.data.balance) : '…'
  return (
    <View className='card home-balance' onClick={() => go(ROUTES.points)}>
      <Text className='home-balance__label'>我的积分</Text>
      <Text className='home-balance__value'>{balance}</Text>
      <Text className='home-balance__arrow'>›</Text>
    </View>
  )
}

const WAITING: Record<
  Exclude<NonNullable<MeOutput['courier']>['status'], 'approved'>,
  { title: string; text: string }
> = {
  pending: { title: '审核中', text: '你的注册已提交，社区书记审核通过后即可出示小哥码、参加活动和兑换积分。' },
  rejected: { title: '未通过', text: '你的注册未通过审核，请根据说明修改信息后重新提交。' },
  suspended: { title: '已暂停', text: '你的小哥码已被暂停使用，如有疑问请联系所在社区。' },
}

/** The courier's home: the code first when approved; what is happening and what to do when not. */
export default function CourierHome({ courier }: { courier: NonNullable<MeOutput['courier']> }) {
  if (courier.status === 'approved') {
    return (
      <View className='home-courier'>
        <Button id='home-pass' className='btn btn--primary home-pass' onClick={() => go(ROUTES.passCode)}>
          出示小哥码
        </Button>
        <Button className='btn btn--plain home-place-scan' onClick={() => go(ROUTES.placeScan)}>
          扫场所码进门
        </Button>
        <Balance />
        <Tiles enabled />
        <NearbyServices />
      </View>
    )
  }
  const waiting = WAITING[courier.status]
  return (
    <View className='home-courier'>
      <View className={`card home-status home-status--${courier.status}`} role='status'>
        <Text className='home-status__title'>
          {waiting.title} · {courier.communityName}
        </Text>
        <Text className='home-status__text'>{waiting.text}</Text>
        {courier.statusReason ? <Text className='home-status__reason'>说明：{courier.statusReason}</Text> : null}
        {courier.status === 'pending' ? (
          <Button id='home-edit-registration' className='btn btn--plain' onClick={() => go(ROUTES.register)}>
            修改注册信息
          </Button>
        ) : null}
        {courier.status === 'rejected' ? (
          <Button id='home-reregister' className='btn btn--primary' onClick={() => go(ROUTES.register)}>
            修改后重新注册
          </Button>
        ) : null}
      </View>
      <Text className='home-section-title'>{COURIER_STATUS_NAMES.approved}后可用</Text>
      <Tiles enabled={false} />
      <NearbyServices />
    </View>
  )
}
