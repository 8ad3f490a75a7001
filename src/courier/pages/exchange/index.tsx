import { useRef, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import ChoiceChips from '../../../components/choice-chips'
import RemoteError from '../../../components/remote-error'
import StateView from '../../../components/state-view'
import { useRemote } from '../../../hooks/use-remote'
import { ROUTES } from '../../../routes'
import { toCloudError } from '../../../services/cloud'
import { listItems, myPoints, newRequestKey, redeem, type ItemView } from '../../../services/points'
import MyRedemptions from './my-redemptions'
import RedeemDialog, { type RedeemStep } from './redeem-dialog'
import WishList from './wish-list'
import './index.css'

type Tab = 'items' | 'mine' | 'wishes'
const TABS: Array<{ value: Tab; label: string }> = [
  { value: 'items', label: '兑换物品' },
  { value: 'mine', label: '我的兑换' },
  { value: 'wishes', label: '心愿清单' },
]

/** What changed since the catalogue loaded: the balance and stock left by redemptions made here. */
interface Patch {
  balance?: number
  stock: Record<string, number>
}

function byStation(items: ItemView[]): Array<{ stationId: string; stationName: string; items: ItemView[] }> {
  const groups = new Map<string, { stationId: string; stationName: string; items: ItemView[] }>()
  for (const item of items) {
    if (item.hidden) continue
    const group = groups.get(item.stationId) ?? { stationId: item.stationId, stationName: item.stationName, items: [] }
    group.items.push(item)
    groups.set(item.stationId, group)
  }
  return [...groups.values()]
}

interface ItemRowProps {
  item: ItemView
  stock: number
  balance: number
  onRedeem: (item: ItemView) => void
}

function ItemRow({ item, stock, balance, onRedeem }: ItemRowProps) {
  const soldOut = stock <= 0
  const short = balance < item.cost
  return (
    <View className={`exchange-item${soldOut ? ' exchange-item--sold-out' : ''}`} data-item-id={item.id}>
      <View className='exchange-item__main'>
        <Text className='exchange-item__name'>{item.name}</Text>
        <Text className='exchange-item__stock'>{soldOut ? '已兑完' : `库存 ${stock}`}</Text>
      </View>
      <Text className='exchange-item__cost'>{item.cost} 积分</Text>
      <Button
        className={`btn btn--small ${soldOut || short ? 'btn--plain btn--disabled' : 'btn--primary'} exchange-item__redeem`}
        onClick={() => !soldOut && !short && onRedeem(item)}
      >
        {soldOut ? '已兑完' : short ? '积分不足' : '兑换'}
      </Button>
    </View>
  )
}

/**
 * 积分兑换 (courier): my community's exchange catalogue by station. Redeeming takes the points and the stock in
 * one go and gives a 6-digit pickup code; 我的兑换 lists the codes, and one not picked up can be cancelled;
 * 心愿清单 ranks what couriers would like the stations to stock.
 */
export default function ExchangePage() {
  const [tab, setTab] = useState<Tab>('items')
  const catalogue = useRemote(async () => {
    const [{ items }, { balance }] = await Promise.all([listItems(), myPoints({ limit: 1 })])
    return { items, balance }
  })
  const [patch, setPatch] = useState<Patch>({ stock: {} })
  const [step, setStep] = useState<RedeemStep | null>(null)
  const [version, setVersion] = useState(0)
  // One idempotency key per item until its redemption goes through, so a retry after a failure (a lost reply
  // above all) sends the same key and can never redeem twice; the next redemption of that item gets a new one.
  const keys = useRef(new Map<string, string>())
  const redeeming = useRef(false)

  const refresh = () => {
    setPatch({ stock: {} })
    catalogue.reload()
  }
  const ready = catalogue.state.status === 'ready' ? catalogue.state.data : null
  const groups = ready ? byStation(ready.items) : []
  const balance = patch.balance ?? ready?.balance ?? 0
  const stockOf = (item: ItemView) => patch.stock[item.id] ?? item.stock

  const confirm = async () => {
    if (step?.kind !== 'confirm' || redeeming.current) return
    const { item } = step
    let key = keys.current.get(item.id)
    if (!key) {
      key = newRequestKey()
      keys.current.set(item.id, key)
    }
    redeeming.current = true
    setStep({ ...step, busy: true, error: null })
    try {
      const out = await redeem(item.id, key)
      keys.current.delete(item.id)
      setPatch((p) => ({ balance: out.balance, stock: { ...p.stock, [item.id]: Math.max(0, stockOf(item) - 1) } }))
      setStep({ kind: 'done', redemption: out.redemption, balance: out.balance })
      setVersion((v) => v + 1)
    } catch (error) {
      const failure = toCloudError(error)
      if (failure.code === 'OUT_OF_STOCK') setPatch((p) => ({ ...p, stock: { ...p.stock, [item.id]: 0 } }))
      setStep({ kind: 'confirm', item, busy: false, error: failure.message })
    } finally {
      redeeming.current = false
    }
  }

  return (
    <View className='page exchange-page'>
      <View className='card exchange-page__balance'>
        <View className='exchange-page__balance-text'>
          <Text className='exchange-page__balance-label'>我的积分</Text>
          <Text className='exchange-page__balance-value'>{ready ? balance : '–'}</Text>
        </View>
        <Button
          className='btn btn--plain btn--small exchange-page__ledger'
          onClick={() => void Taro.navigateTo({ url: ROUTES.points })}
        >
          积分明细
        </Button>
      </View>
      <ChoiceChips block='exchange-tab' choices={TABS} value={tab} onChange={setTab} />

      {tab === 'mine' ? <MyRedemptions version={version} onCancelled={refresh} /> : null}
      {tab === 'wishes' ? <WishList /> : null}
      {tab === 'items' && catalogue.state.status === 'loading' ? <StateView kind='loading' /> : null}
      {tab === 'items' && catalogue.state.status === 'error' ? (
        <RemoteError error={catalogue.state.error} onRetry={refresh} />
      ) : null}
      {tab === 'items' && ready && groups.length === 0 ? (
        <StateView kind='empty' text='暂无可兑换的物品' hint='社区驿站上架物品后会显示在这里' />
      ) : null}
      {tab === 'items'
        ? groups.map((group) => (
            <View key={group.stationId} className='card exchange-station' data-station-id={group.stationId}>
              <Text className='exchange-station__name'>{group.stationName}</Text>
              {group.items.map((item) => (
                <ItemRow
                  key={item.id}
                  item={item}
                  stock={stockOf(item)}
                  balance={balance}
                  onRedeem={(chosen) => setStep({ kind: 'confirm', item: chosen, busy: false, error: null })}
                />
              ))}
            </View>
          ))
        : null}

      {step ? (
        <RedeemDialog
          step={step}
          balance={balance}
          onConfirm={() => void confirm()}
          onClose={() => !redeeming.current && setStep(null)}
          onShowMine={() => {
            setStep(null)
            setTab('mine')
          }}
        />
      ) : null}
    </View>
  )
}
