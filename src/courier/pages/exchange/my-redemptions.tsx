import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { formatChina } from '../../../../types'
import RemoteError from '../../../components/remote-error'
import StateView from '../../../components/state-view'
import { usePaged } from '../../../hooks/use-paged'
import { toCloudError } from '../../../services/cloud'
import { cancelRedemption, myRedemptions, type RedemptionView } from '../../../services/points'
import { spacedCode } from './redeem-dialog'

const PAGE_SIZE = 20

const STATUS_NAMES: Record<RedemptionView['status'], string> = {
  reserved: '待取货',
  picked_up: '已取货',
  cancelled: '已取消',
}

interface RowProps {
  redemption: RedemptionView
  onCancelled: (redemption: RedemptionView) => void
}

function RedemptionCard({ redemption, onCancelled }: RowProps) {
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const reserved = redemption.status === 'reserved'

  const cancel = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      onCancelled((await cancelRedemption(redemption.id)).redemption)
      setAsking(false)
    } catch (e) {
      setError(toCloudError(e).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`card redemption redemption--${redemption.status}`} data-redemption-id={redemption.id}>
      <View className='redemption__head'>
        <Text className='redemption__item'>{redemption.itemName}</Text>
        <Text className={`redemption__status redemption__status--${redemption.status}`}>
          {STATUS_NAMES[redemption.status]}
        </Text>
      </View>
      <Text className='redemption__line'>
        {redemption.stationName} · {redemption.cost} 积分
      </Text>
      <Text className='redemption__line muted'>兑换于 {formatChina(redemption.at)}</Text>
      {redemption.closedAt ? (
        <Text className='redemption__line muted'>
          {redemption.status === 'picked_up' ? '取货于' : '取消于'} {formatChina(redemption.closedAt)}
        </Text>
      ) : null}
      <View className='redemption__code-box'>
        <Text className='redemption__code-label'>取货码</Text>
        <Text className='redemption__code' data-code={redemption.pickupCode}>
          {spacedCode(redemption.pickupCode)}
        </Text>
      </View>
      {reserved && !asking ? (
        <Button className='btn btn--danger btn--small redemption__cancel' onClick={() => setAsking(true)}>
          取消兑换
        </Button>
      ) : null}
      {reserved && asking ? (
        <View className='redemption__confirm'>
          <Text className='redemption__confirm-text'>取消后积分退回，物品放回库存。确定取消？</Text>
          <View className='redemption__buttons'>
            <Button className='btn btn--plain btn--small redemption__keep' onClick={() => setAsking(false)}>
              不取消
            </Button>
            <Button
              className={`btn btn--danger btn--small redemption__cancel-confirm${busy ? ' btn--disabled' : ''}`}
              onClick={() => void cancel()}
            >
              {busy ? '正在取消…' : '确定取消'}
            </Button>
          </View>
        </View>
      ) : null}
      {error ? (
        <View className='notice notice--error redemption__error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  )
}

interface MyRedemptionsProps {
  /** Changes after a new redemption, to load the list again. */
  version: number
  onCancelled: () => void
}

/** 我的兑换: my redemptions newest first, with their pickup codes; one not yet picked up can be cancelled. */
export default function MyRedemptions({ version, onCancelled }: MyRedemptionsProps) {
  const [changed, setChanged] = useState<Record<string, RedemptionView>>({})
  const list = usePaged<RedemptionView, null>({
    key: `mine|${version}`,
    pageSize: PAGE_SIZE,
    cursor: (redemption) => redemption.at,
    load: async (before) => ({ items: (await myRedemptions({ limit: PAGE_SIZE, before })).redemptions, meta: null }),
  })
  const { state } = list
  const cancelled = (redemption: RedemptionView) => {
    setChanged((previous) => ({ ...previous, [redemption.id]: redemption }))
    onCancelled()
  }

  if (state.status === 'loading') return <StateView kind='loading' />
  if (state.status === 'error') return <RemoteError error={state.error} onRetry={list.reload} />
  if (state.items.length === 0)
    return <StateView kind='empty' text='还没有兑换记录' hint='用积分兑换的物品会显示在这里' />
  return (
    <View className='my-redemptions'>
      {state.items.map((item) => (
        <RedemptionCard key={item.id} redemption={changed[item.id] ?? item} onCancelled={cancelled} />
      ))}
      {state.moreError ? <Text className='notice notice--error'>{state.moreError}</Text> : null}
      {state.hasMore ? (
        <Button className='btn btn--plain my-redemptions__more' onClick={list.loadMore}>
          {state.loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  )
}
