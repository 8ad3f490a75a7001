import { useRef } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { formatChina, type LedgerKind } from '../../../../types'
import RemoteError from '../../../components/remote-error'
import StateView from '../../../components/state-view'
import { usePaged } from '../../../hooks/use-paged'
import { ROUTES } from '../../../routes'
import { myPoints, type LedgerView, type MyPoints } from '../../../services/points'
import './index.css'

const PAGE_SIZE = 20

const KIND_NAMES: Record<LedgerKind, string> = {
  activity: '志愿活动',
  report: '随手拍',
  redeem: '积分兑换',
  refund: '兑换取消',
}

/** Who made the change: points are only ever added by staff; a courier only spends (or gets back) their own. */
function whoText(entry: LedgerView): string {
  if (entry.byStaff) return entry.kind === 'refund' ? '工作人员取消' : '工作人员确认'
  return entry.kind === 'refund' ? '自己取消' : '自己兑换'
}

function LedgerRow({ entry }: { entry: LedgerView }) {
  const sign = entry.delta > 0 ? 'plus' : 'minus'
  return (
    <View className='ledger-entry' data-entry-id={entry.id}>
      <View className='ledger-entry__main'>
        <Text className='ledger-entry__title'>{entry.title}</Text>
        <Text className='ledger-entry__meta'>
          {KIND_NAMES[entry.kind]} · {whoText(entry)}
        </Text>
        <Text className='ledger-entry__time'>{formatChina(entry.at)}</Text>
      </View>
      <Text className={`ledger-entry__delta ledger-entry__delta--${sign}`}>
        {entry.delta > 0 ? `+${entry.delta}` : String(entry.delta)}
      </Text>
    </View>
  )
}

/**
 * 我的积分 (courier): the balance, points ever earned, and the ledger page by page, newest first. The balance is
 * the sum of these entries; nothing here can change it.
 */
export default function PointsPage() {
  const ledger = usePaged<LedgerView, Pick<MyPoints, 'balance' | 'earned'>>({
    key: 'ledger',
    pageSize: PAGE_SIZE,
    cursor: (entry) => entry.at,
    load: async (before) => {
      const out = await myPoints({ limit: PAGE_SIZE, before })
      return { items: out.entries, meta: { balance: out.balance, earned: out.earned } }
    },
  })
  // Back from the exchange: show the balance as it is now. The first show is the initial load.
  const shown = useRef(false)
  useDidShow(() => {
    if (shown.current) ledger.reload()
    shown.current = true
  })
  const { state } = ledger
  const go = (url: string) => void Taro.navigateTo({ url })

  return (
    <View className='page points-page'>
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <RemoteError error={state.error} onRetry={ledger.reload} /> : null}
      {state.status === 'ready' ? (
        <>
          <View className='card points-page__summary'>
            <Text className='points-page__label'>当前积分</Text>
            <Text className='points-page__balance'>{state.meta.balance}</Text>
            <Text className='points-page__earned'>累计获得 {state.meta.earned} 分</Text>
            <View className='points-page__links'>
              <Button className='btn btn--primary points-page__exchange' onClick={() => go(ROUTES.exchange)}>
                积分兑换
              </Button>
              <Button className='btn btn--plain points-page__ranking' onClick={() => go(ROUTES.ranking)}>
                先锋榜
              </Button>
            </View>
          </View>
          <Text className='points-page__section'>积分明细</Text>
          {state.items.length === 0 ? (
            <View className='card'>
              <StateView kind='empty' text='还没有积分记录' hint='参加社区志愿活动，到场后即可获得积分' />
              <Button className='btn btn--plain points-page__activities' onClick={() => go(ROUTES.activities)}>
                去看看志愿活动
              </Button>
            </View>
          ) : (
            <View className='card points-page__ledger'>
              {state.items.map((entry) => (
                <LedgerRow key={entry.id} entry={entry} />
              ))}
            </View>
          )}
          {state.moreError ? <Text className='notice notice--error'>{state.moreError}</Text> : null}
          {state.hasMore ? (
            <Button className='btn btn--plain points-page__more' onClick={ledger.loadMore}>
              {state.loadingMore ? '正在加载…' : '加载更多'}
            </Button>
          ) : null}
        </>
      ) : null}
    </View>
  )
}
