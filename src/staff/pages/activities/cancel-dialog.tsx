import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { CancelActivityInput } from '../../../../types/contract/points'
import { toCloudError } from '../../../services/cloud'
import { cancelActivity, type ActivityView } from '../../../services/points'

interface CancelDialogProps {
  activity: ActivityView
  onCancelled: (activity: ActivityView, told: number) => void
  onClose: () => void
}

/** 取消活动 with a reason: the couriers signed up are told, so the reason is written for them. */
export default function CancelDialog({ activity, onCancelled, onClose }: CancelDialogProps) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const confirm = async () => {
    if (busy) return
    const checked = CancelActivityInput.safeParse({ activityId: activity.id, reason })
    if (!checked.success) return setError(checked.error.issues[0].message)
    setError(null)
    setBusy(true)
    try {
      const out = await cancelActivity(activity.id, checked.data.reason)
      onCancelled(out.activity, out.signupsToTell)
    } catch (e) {
      setError(toCloudError(e).message)
      setBusy(false)
    }
  }

  return (
    <View className='staff-dialog' data-activity-id={activity.id}>
      <View className='card staff-dialog__panel'>
        <Text className='staff-dialog__title'>取消「{activity.title}」</Text>
        <Text className='muted staff-dialog__hint'>
          {activity.signedUp > 0 ? `已报名的 ${activity.signedUp} 位小哥会收到通知和取消原因` : '取消后小哥不能再报名'}
        </Text>
        <Input
          id='cancel-reason'
          className='field__input staff-dialog__input'
          value={reason}
          placeholder='如：天气原因改期'
          maxlength={100}
          onInput={(event) => {
            setReason(event.detail.value)
            setError(null)
          }}
        />
        {error ? <Text className='field-error staff-dialog__error'>{error}</Text> : null}
        <View className='staff-dialog__buttons'>
          <Button className='btn btn--plain staff-dialog__close' onClick={onClose}>
            不取消
          </Button>
          <Button
            className={`btn btn--danger staff-dialog__confirm${busy ? ' btn--disabled' : ''}`}
            onClick={() => void confirm()}
          >
            {busy ? '正在取消…' : '确定取消活动'}
          </Button>
        </View>
      </View>
    </View>
  )
}
