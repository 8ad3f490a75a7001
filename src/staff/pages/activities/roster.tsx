import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { formatChina, PASS_MAX_CHARS, PASS_REFUSALS } from '../../../../types'
import ActivitySummary from '../../../components/activity-summary'
import PastedCode from '../../../components/pasted-code'
import StateView from '../../../components/state-view'
import { useCodeCheck } from '../../../hooks/use-code-check'
import { useRemote } from '../../../hooks/use-remote'
import { toCloudError } from '../../../services/cloud'
import { attend, listSignups, type ActivityView, type AttendResult, type SignupView } from '../../../services/points'
import { CAMERA_SCAN_AVAILABLE } from '../../../services/scan'

const STATUS_NAMES: Record<SignupView['status'], string> = {
  signed: '已报名',
  attended: '已到场',
  withdrawn: '已取消报名',
}
const STATUS_ORDER: Record<SignupView['status'], number> = { signed: 0, attended: 1, withdrawn: 2 }

type Outcome = { kind: 'result'; result: AttendResult } | { kind: 'error'; message: string }

/** What the secretary reads after a scan or a pick: points given, already given, or why not. */
function OutcomeCard({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'error') {
    return (
      <View className='card attend-result attend-result--error' role='alert'>
        <Text className='attend-result__title'>签到未成功</Text>
        <Text className='attend-result__text'>{outcome.message}</Text>
      </View>
    )
  }
  const { result } = outcome
  return (
    <View className={`card attend-result attend-result--${result.awarded ? 'awarded' : 'repeat'}`} role='alert'>
      <Text className='attend-result__title'>{result.awarded ? '签到成功' : '已记过分'}</Text>
      <Text className='attend-result__text'>
        {result.awarded
          ? `已为 ${result.maskedName} 记 ${result.points} 分`
          : `${result.maskedName} 已记过分，本次未重复记分`}
      </Text>
    </View>
  )
}

interface RosterProps {
  activity: ActivityView
  onBack: () => void
}

/**
 * 报名名单 and 到场签到 for one activity: while it is on, the secretary scans a courier's 小哥码 (or pastes it in
 * the h5 demo) or confirms someone from the list; the cloud awards the points once per courier.
 */
export default function Roster({ activity, onBack }: RosterProps) {
  const roster = useRemote(() => listSignups(activity.id))
  const check = useCodeCheck((token) => attend(activity.id, { token }))
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [picking, setPicking] = useState<string | null>(null)
  // Couriers confirmed here since the list loaded.
  const [attended, setAttended] = useState<Record<string, true>>({})

  const current = roster.state.status === 'ready' ? roster.state.data.activity : activity
  const open = current.attendanceOpen

  const { phase } = check
  useEffect(() => {
    if (phase.kind === 'result') {
      setOutcome({ kind: 'result', result: phase.result })
      setAttended((previous) => ({ ...previous, [phase.result.courierId]: true }))
    }
    if (phase.kind === 'error') setOutcome({ kind: 'error', message: phase.message })
  }, [phase])

  const pick = async (signup: SignupView) => {
    if (picking || check.checking) return
    setPicking(signup.courierId)
    setOutcome(null)
    try {
      const result = await attend(activity.id, { courierId: signup.courierId })
      setOutcome({ kind: 'result', result })
      setAttended((previous) => ({ ...previous, [result.courierId]: true }))
    } catch (error) {
      setOutcome({ kind: 'error', message: toCloudError(error).message })
    } finally {
      setPicking(null)
    }
  }

  const signups =
    roster.state.status === 'ready'
      ? roster.state.data.signups
          .map((s): SignupView => (attended[s.courierId] ? { ...s, status: 'attended' } : s))
          .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status])
      : []
  const count = (status: SignupView['status']) => signups.filter((s) => s.status === status).length

  return (
    <View className='roster'>
      <Button className='btn btn--plain btn--small roster__back' onClick={onBack}>
        ‹ 返回活动列表
      </Button>
      <ActivitySummary activity={current} />

      {open ? (
        CAMERA_SCAN_AVAILABLE ? (
          <Button
            id='attend-camera'
            className={`btn btn--primary roster__camera${check.checking ? ' btn--disabled' : ''}`}
            onClick={() => void check.scan()}
          >
            {check.checking ? '正在签到…' : '扫小哥码签到'}
          </Button>
        ) : (
          <PastedCode
            block='roster'
            inputId='attend-input'
            submitId='attend-submit'
            label='小哥码签到'
            hint='本设备不能扫码：请粘贴小哥码的文字内容'
            placeholder='小哥码文字'
            maxChars={PASS_MAX_CHARS * 4}
            emptyMessage='请先粘贴小哥码内容'
            tooLongMessage={PASS_REFUSALS.PASS_MALFORMED}
            submitText='签到记分'
            checking={check.checking}
            onSubmit={check.submit}
          />
        )
      ) : (
        <Text className='notice notice--info roster__closed'>
          {current.phase === 'upcoming'
            ? '活动开始前 30 分钟起可以签到记分'
            : '已过签到时间（活动结束后 2 小时内可签到），不能再记分'}
        </Text>
      )}
      {outcome ? <OutcomeCard outcome={outcome} /> : null}

      <View className='roster__head'>
        <Text className='roster__title'>报名名单</Text>
        {roster.state.status === 'ready' ? (
          <Text className='muted roster__counts'>
            报名 {count('signed') + count('attended')} · 到场 {count('attended')}
          </Text>
        ) : null}
      </View>
      {roster.state.status === 'loading' ? <StateView kind='loading' /> : null}
      {roster.state.status === 'error' ? (
        <StateView kind='error' message={roster.state.error.message} onRetry={roster.reload} />
      ) : null}
      {roster.state.status === 'ready' && signups.length === 0 ? (
        <StateView kind='empty' text='还没有小哥报名' />
      ) : null}
      {signups.length > 0 ? (
        <View className='card roster__list'>
          {signups.map((signup) => (
            <View
              key={signup.courierId}
              className={`signup signup--${signup.status}`}
              data-courier-id={signup.courierId}
            >
              <View className='signup__who'>
                <Text className='signup__name'>{signup.name}</Text>
                <Text className='signup__meta'>
                  尾号 {signup.phoneTail} · 报名于 {formatChina(signup.at, 'MM-DD HH:mm')}
                </Text>
              </View>
              {open && signup.status === 'signed' ? (
                <Button
                  className={`btn btn--primary btn--small signup__attend${picking ? ' btn--disabled' : ''}`}
                  onClick={() => void pick(signup)}
                >
                  {picking === signup.courierId ? '正在确认…' : '到场确认'}
                </Button>
              ) : (
                <Text className={`signup__status signup__status--${signup.status}`}>{STATUS_NAMES[signup.status]}</Text>
              )}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
