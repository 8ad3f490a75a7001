import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { AddWishInput } from '../../../../types/contract/points'
import ChoiceChips from '../../../components/choice-chips'
import RemoteError from '../../../components/remote-error'
import StateView from '../../../components/state-view'
import { useRemote } from '../../../hooks/use-remote'
import { toCloudError } from '../../../services/cloud'
import { addWish, listStations, listWishes, wishRanks, type StationView, type WishView } from '../../../services/points'

export const WISH_NAME_MAX = 30

/** The cloud counts a wish per station and item name, whatever its spacing or letter case. */
const wishKey = (wish: Pick<WishView, 'stationId' | 'name'>) =>
  `${wish.stationId}|${wish.name.trim().replace(/\s+/g, ' ').toLowerCase()}`

/** The ranking with a wish the cloud just counted: its row updated (or added), most wanted first again. */
export function withWish(wishes: WishView[], wish: WishView): WishView[] {
  const key = wishKey(wish)
  const known = wishes.some((w) => wishKey(w) === key)
  const next = known
    ? wishes.map((w) => (wishKey(w) === key ? { ...w, count: wish.count, mine: true } : w))
    : [...wishes, wish]
  return next.sort((a, b) => b.count - a.count)
}

interface WishFormProps {
  stations: StationView[]
  onAdded: (wish: WishView) => void
}

/** 许个心愿: a station of my community and the item I would like to find there. */
function WishForm({ stations, onAdded }: WishFormProps) {
  const [stationId, setStationId] = useState<string | null>(stations.length === 1 ? stations[0].id : null)
  const [name, setName] = useState('')
  const [errors, setErrors] = useState<{ station?: string; name?: string }>({})
  const [notice, setNotice] = useState<{ kind: 'error' | 'done'; text: string } | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    if (busy) return
    const found: { station?: string; name?: string } = {}
    if (!stationId) found.station = '请选择驿站'
    const checked = AddWishInput.safeParse({ stationId: stationId ?? '', name })
    if (!checked.success) {
      const issue = checked.error.issues.find((i) => i.path[0] === 'name')
      if (issue) found.name = issue.message
    }
    if (found.station || found.name || !checked.success) {
      setErrors(found)
      setNotice(null)
      return
    }
    setErrors({})
    setNotice(null)
    setBusy(true)
    try {
      const { wish } = await addWish(checked.data.stationId, checked.data.name)
      setName('')
      setNotice({ kind: 'done', text: `已加入心愿清单：${wish.name}（${wish.count} 人想要）` })
      onAdded(wish)
    } catch (error) {
      setNotice({ kind: 'error', text: toCloudError(error).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card wish-form'>
      <Text className='wish-form__title'>许个心愿</Text>
      <Text className='muted wish-form__hint'>想在驿站兑换什么？写下来，社区会参考大家的心愿上架物品</Text>
      <View className={`field${errors.station ? ' field--invalid' : ''}`} data-field='wish-station'>
        <Text className='field__label'>驿站</Text>
        {stations.length === 0 ? <Text className='muted wish-form__no-station'>本社区还没有可兑换的驿站</Text> : null}
        <ChoiceChips
          block='wish-station'
          layout='list'
          choices={stations.map((s) => ({ value: s.id, label: s.name, hint: s.address || undefined }))}
          value={stationId}
          onChange={(id) => {
            setStationId(id)
            setErrors((previous) => ({ ...previous, station: undefined }))
          }}
        />
        {errors.station ? <Text className='field-error'>{errors.station}</Text> : null}
      </View>
      <View className={`field${errors.name ? ' field--invalid' : ''}`} data-field='wish-name'>
        <Text className='field__label'>想要的物品</Text>
        <Input
          id='wish-name'
          className='field__input wish-form__name'
          value={name}
          placeholder='如：充电宝、护膝'
          maxlength={WISH_NAME_MAX}
          onInput={(event) => {
            setName(event.detail.value)
            setErrors((previous) => ({ ...previous, name: undefined }))
          }}
        />
        {errors.name ? <Text className='field-error'>{errors.name}</Text> : null}
      </View>
      {notice ? (
        <View
          className={`notice ${notice.kind === 'error' ? 'notice--error wish-form__error' : 'notice--info wish-form__done'}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          {notice.text}
        </View>
      ) : null}
      <Button
        id='wish-submit'
        className={`btn btn--primary wish-form__submit${busy ? ' btn--disabled' : ''}`}
        onClick={() => void submit()}
      >
        {busy ? '正在提交…' : '加入心愿清单'}
      </Button>
    </View>
  )
}

interface WishRowProps {
  wish: WishView
  rank: number
  onJoined: (wish: WishView) => void
}

/** One wish: its rank, what and where, how many want it; mine is marked, and I can join one that is not. */
function WishRow({ wish, rank, onJoined }: WishRowProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const join = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      onJoined((await addWish(wish.stationId, wish.name)).wish)
    } catch (e) {
      setError(toCloudError(e).message)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className={`wish${wish.mine ? ' wish--mine' : ''}`} data-station-id={wish.stationId} data-name={wish.name}>
      <Text className={`wish__rank${rank <= 3 ? ' wish__rank--top' : ''}`}>{rank}</Text>
      <View className='wish__main'>
        <Text className='wish__name'>{wish.name}</Text>
        <Text className='wish__station'>{wish.stationName}</Text>
        {error ? <Text className='field-error wish__error'>{error}</Text> : null}
      </View>
      <View className='wish__side'>
        <Text className='wish__count'>{wish.count} 人想要</Text>
        {wish.mine ? (
          <Text className='wish__mine'>我也想要</Text>
        ) : (
          <Button
            className={`btn btn--plain btn--small wish__join${busy ? ' btn--disabled' : ''}`}
            onClick={() => void join()}
          >
            {busy ? '…' : '我也要'}
          </Button>
        )}
      </View>
    </View>
  )
}

/**
 * 心愿清单 (courier): my community's wishes, most wanted first, and a form to add one. Secretaries see the same
 * ranking in 兑换管理 and stock what couriers want.
 */
export default function WishList() {
  const stations = useRemote(async () => (await listStations()).stations)
  const wishes = useRemote(async () => (await listWishes()).wishes)
  // A wish added here updates the ranking at once, with the count the cloud answered.
  const [patched, setPatched] = useState<WishView[] | null>(null)
  const listed = patched ?? (wishes.state.status === 'ready' ? wishes.state.data : [])
  const changed = (wish: WishView) => {
    if (wishes.state.status === 'ready') setPatched(withWish(listed, wish))
    else wishes.reload()
  }
  const ranks = wishRanks(listed)

  return (
    <View className='wish-list'>
      {stations.state.status === 'loading' ? <StateView kind='loading' /> : null}
      {stations.state.status === 'error' ? (
        <RemoteError error={stations.state.error} onRetry={stations.reload} />
      ) : null}
      {stations.state.status === 'ready' ? <WishForm stations={stations.state.data} onAdded={changed} /> : null}

      <Text className='wish-list__title'>大家的心愿</Text>
      {wishes.state.status === 'loading' ? <StateView kind='loading' /> : null}
      {wishes.state.status === 'error' ? (
        <StateView
          kind='error'
          message={wishes.state.error.message}
          onRetry={() => {
            setPatched(null)
            wishes.reload()
          }}
        />
      ) : null}
      {wishes.state.status === 'ready' && listed.length === 0 ? (
        <StateView kind='empty' text='还没有心愿' hint='想兑换的物品驿站里没有？许个心愿吧' />
      ) : null}
      {listed.length > 0 ? (
        <View className='card wish-list__items'>
          {listed.map((wish, i) => (
            <WishRow key={wishKey(wish)} wish={wish} rank={ranks[i]} onJoined={changed} />
          ))}
        </View>
      ) : null}
    </View>
  )
}
