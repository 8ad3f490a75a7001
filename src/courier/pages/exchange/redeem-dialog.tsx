import { Button, Text, View } from '@tarojs/components'
import SubscribePrompt from '../../../components/subscribe-prompt'
import type { ItemView, RedemptionView } from '../../../services/points'

export type RedeemStep =
  | { kind: 'confirm'; item: ItemView; busy: boolean; error: string | null }
  | { kind: 'done'; redemption: RedemptionView; balance: number }

interface RedeemDialogProps {
  step: RedeemStep
  balance: number
  onConfirm: () => void
  onClose: () => void
  onShowMine: () => void
}

/** A 6-digit code read aloud at a counter: spaced in two groups of three. */
export function spacedCode(code: string): string {
  return code.length === 6 ? `${code.slice(0, 3)} ${code.slice(3)}` : code
}

/**
 * Confirm a redemption (and retry it after a failure), then the pickup code to show at the station. The offer of
 * a WeChat notice comes with the confirmation, not after it: the notice goes out as the redemption is recorded.
 */
export default function RedeemDialog({ step, balance, onConfirm, onClose, onShowMine }: RedeemDialogProps) {
  if (step.kind === 'done') {
    const { redemption } = step
    return (
      <View className='exchange-dialog' data-step='done'>
        <View className='card exchange-dialog__panel exchange-done'>
          <Text className='exchange-done__title'>兑换成功</Text>
          <Text className='exchange-done__label'>取货码</Text>
          <Text className='exchange-done__code' data-code={redemption.pickupCode}>
            {spacedCode(redemption.pickupCode)}
          </Text>
          <Text className='exchange-done__what'>
            {redemption.itemName} · {redemption.stationName}
          </Text>
          <Text className='muted exchange-done__hint'>请到驿站出示取货码领取；在「我的兑换」里随时可以查看</Text>
          <Text className='exchange-done__balance'>剩余积分 {step.balance}</Text>
          <View className='exchange-dialog__buttons'>
            <Button className='btn btn--plain exchange-done__mine' onClick={onShowMine}>
              我的兑换
            </Button>
            <Button className='btn btn--primary exchange-done__close' onClick={onClose}>
              完成
            </Button>
          </View>
        </View>
      </View>
    )
  }
  const { item, busy, error } = step
  return (
    <View className='exchange-dialog' data-step='confirm'>
      <View className='card exchange-dialog__panel'>
        <Text className='exchange-dialog__title'>确认兑换</Text>
        <Text className='exchange-dialog__item'>{item.name}</Text>
        <Text className='exchange-dialog__line'>取货驿站：{item.stationName}</Text>
        <Text className='exchange-dialog__line exchange-dialog__cost'>
          消耗 {item.cost} 积分，兑换后剩余 {balance - item.cost} 积分
        </Text>
        <Text className='muted exchange-dialog__hint'>取货前可以取消兑换，积分会退回</Text>
        {/* before confirming: the pickup code is sent the moment the redemption is recorded */}
        <SubscribePrompt templates={['pickup']} when='兑换成功后把取货码' />
        {error ? (
          <View className='notice notice--error exchange-dialog__error' role='alert'>
            {error}
          </View>
        ) : null}
        <View className='exchange-dialog__buttons'>
          <Button className='btn btn--plain exchange-dialog__cancel' onClick={onClose}>
            取消
          </Button>
          <Button
            className={`btn btn--primary exchange-dialog__confirm${busy ? ' btn--disabled' : ''}`}
            onClick={onConfirm}
          >
            {busy ? '正在兑换…' : error ? '重试' : '确定兑换'}
          </Button>
        </View>
      </View>
    </View>
  )
}
