import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { MAX_REPORT_POINTS, REPORT_POINTS_DEFAULT } from '../../../../types'
import { toCloudError, type CloudError } from '../../../services/cloud'
import { reviewReport, type ReportDecision, type ReportView } from '../../../services/points'

export type DecisionKind = ReportDecision['decision']

const MIN_POINTS = 1
const REASON_MIN = 2
const REASON_MAX = 100

const wholeNumber = (text: string): number => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN)

interface DecisionDialogProps {
  report: ReportView
  kind: DecisionKind
  onDecided: (report: ReportView, decision: ReportDecision) => void
  /** The cloud refused in a way a retry cannot fix (already decided elsewhere, gone). */
  onStale: (error: CloudError) => void
  onClose: () => void
}

/** 采纳 with the points to award (a stepper, 1–50, 5 by default), or 驳回 with a reason the courier will read. */
export default function DecisionDialog({ report, kind, onDecided, onStale, onClose }: DecisionDialogProps) {
  const [points, setPoints] = useState(String(REPORT_POINTS_DEFAULT))
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const accept = kind === 'accept'
  const value = wholeNumber(points)

  const step = (by: number) => {
    const current = Number.isNaN(value) ? REPORT_POINTS_DEFAULT : value
    setPoints(String(Math.min(MAX_REPORT_POINTS, Math.max(MIN_POINTS, current + by))))
    setError(null)
  }

  const check = (): ReportDecision | null => {
    if (accept) {
      if (Number.isNaN(value) || value < MIN_POINTS || value > MAX_REPORT_POINTS) {
        setError(`积分须为 ${MIN_POINTS}–${MAX_REPORT_POINTS} 的整数`)
        return null
      }
      return { decision: 'accept', points: value }
    }
    const text = reason.trim()
    if (text.length === 0) setError('请填写驳回原因，小哥会看到它')
    else if (text.length < REASON_MIN) setError(`原因至少 ${REASON_MIN} 个字`)
    else if (text.length > REASON_MAX) setError(`原因最多 ${REASON_MAX} 个字`)
    else return { decision: 'reject', reason: text }
    return null
  }

  const confirm = async () => {
    if (busy) return
    const decision = check()
    if (!decision) return
    setError(null)
    setBusy(true)
    try {
      onDecided((await reviewReport(report.id, decision)).report, decision)
    } catch (e) {
      const failure = toCloudError(e)
      setBusy(false)
      if (failure.code === 'INVALID_STATE' || failure.code === 'NOT_FOUND') onStale(failure)
      else setError(failure.message)
    }
  }

  return (
    <View className='decision' data-decision={kind} data-report-id={report.id}>
      <View className='card decision__panel'>
        <Text className='decision__title'>
          {accept ? '采纳' : '驳回'} {report.maskedName || '小哥'} 的随手拍
        </Text>
        <Text className='muted decision__what'>
          {report.category}：{report.text}
        </Text>
        {accept ? (
          <View className='field decision__points'>
            <Text className='field__label'>
              奖励积分
              <Text className='field__optional'>
                （{MIN_POINTS}–{MAX_REPORT_POINTS} 分）
              </Text>
            </Text>
            <View className='stepper'>
              <Button
                className={`btn btn--plain stepper__minus${value <= MIN_POINTS ? ' btn--disabled' : ''}`}
                onClick={() => step(-1)}
              >
                −
              </Button>
              <Input
                id='report-points'
                className='field__input stepper__value'
                type='number'
                value={points}
                maxlength={2}
                onInput={(event) => {
                  setPoints(event.detail.value)
                  setError(null)
                }}
              />
              <Button
                className={`btn btn--plain stepper__plus${value >= MAX_REPORT_POINTS ? ' btn--disabled' : ''}`}
                onClick={() => step(1)}
              >
                +
              </Button>
            </View>
          </View>
        ) : (
          <View className='field decision__reason'>
            <Text className='field__label'>驳回原因</Text>
            <Input
              id='report-reason'
              className='field__input decision__reason-input'
              value={reason}
              placeholder='如：照片看不清，无法确认位置'
              maxlength={REASON_MAX}
              onInput={(event) => {
                setReason(event.detail.value)
                setError(null)
              }}
            />
            <Text className='muted decision__hint'>原因会告知小哥本人</Text>
          </View>
        )}
        {error ? (
          <View className='field-error decision__error' role='alert'>
            {error}
          </View>
        ) : null}
        <View className='decision__buttons'>
          <Button className='btn btn--plain decision__cancel' onClick={() => !busy && onClose()}>
            取消
          </Button>
          <Button
            id='report-decision-confirm'
            className={`btn ${accept ? 'btn--primary' : 'btn--danger'} decision__confirm${busy ? ' btn--disabled' : ''}`}
            onClick={() => void confirm()}
          >
            {busy ? '正在提交…' : accept ? `确定采纳${Number.isNaN(value) ? '' : ` +${value} 分`}` : '确定驳回'}
          </Button>
        </View>
      </View>
    </View>
  )
}
