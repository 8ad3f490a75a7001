import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { formatChina } from '../../../../types'
import { ConfirmPickupInput } from '../../../../types/contract/points'
import ChoiceChips from '../../../components/choice-chips'
import { toCloudError } from '../../../services/cloud'
import { confirmPickup, type PickupResult } from '../../../services/points'
import type { StationOption } from './stations'

type Outcome = { kind: 'ok'; result: PickupResult } | { kind: 'error'; message: string }

/** 取货核销: the station and the courier's 6-digit pickup code; the cloud marks the redemption picked up. */
export default function PickupBox({ stations }: { stations: StationOption[] }) {
  const [stationId, setStationId] = useState<string | null>(stations.length === 1 ? stations[0].id : null)
  const [code, setCode] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)

  const submit = async () => {
    if (busy) return
    if (!stationId) return setProblem('请先选择取货驿站')
    const checked = ConfirmPickupInput.safeParse({ stationId, pickupCode: code.replace(/\s/g, '') })
    if (!checked.success) return setProblem(checked.error.issues[0].message)
    setProblem(null)
    setOutcome(null)
    setBusy(true)
    try {
      setOutcome({ kind: 'ok', result: await confirmPickup(checked.data.stationId, checked.data.pickupCode) })
      setCode('')
    } catch (error) {
      setOutcome({ kind: 'error', message: toCloudError(error).message })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='pickup'>
      <View className='card pickup__form'>
        <Text className='field__label'>取货驿站</Text>
        {stations.length === 0 ? <Text className='muted pickup__no-station'>还没有可选的驿站</Text> : null}
        <ChoiceChips
          block='pickup-station'
          layout='list'
          choices={stations.map((s) => ({ value: s.id, label: s.name }))}
          value={stationId}
          onChange={(id) => {
            setStationId(id)
            setProblem(null)
          }}
        />
        <Text className='field__label pickup__code-label'>取货码</Text>
        <Input
          id='pickup-code'
          className='field__input pickup__code'
          type='number'
          value={code}
          placeholder='6 位数字'
          maxlength={7}
          onInput={(event) => {
            setCode(event.detail.value)
            setProblem(null)
          }}
        />
        {problem ? <Text className='field-error pickup__problem'>{problem}</Text> : null}
        <Button
          id='pickup-submit'
          className={`btn btn--primary pickup__submit${busy ? ' btn--disabled' : ''}`}
          onClick={() => void submit()}
        >
          {busy ? '正在核销…' : '核销取货'}
        </Button>
      </View>
      {outcome?.kind === 'ok' ? (
        <View className='card pickup-result pickup-result--ok' role='alert'>
          <Text className='pickup-result__title'>核销成功，请交付物品</Text>
          <Text className='pickup-result__item'>{outcome.result.redemption.itemName}</Text>
          <Text className='pickup-result__who'>
            {outcome.result.maskedName} · {outcome.result.redemption.cost} 积分
          </Text>
          <Text className='pickup-result__meta'>
            取货码 {outcome.result.redemption.pickupCode} · 兑换于 {formatChina(outcome.result.redemption.at)}
          </Text>
        </View>
      ) : null}
      {outcome?.kind === 'error' ? (
        <View className='card pickup-result pickup-result--error' role='alert'>
          <Text className='pickup-result__title'>核销未成功</Text>
          <Text className='pickup-result__message'>{outcome.message}</Text>
        </View>
      ) : null}
    </View>
  )
}
