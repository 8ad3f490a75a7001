import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import ChoiceChips from '../../../components/choice-chips'
import ReportSummary from '../../../components/report-summary'
import StaffCommunityView from '../../../components/staff-community'
import StateView from '../../../components/state-view'
import { usePaged } from '../../../hooks/use-paged'
import { useStaffCommunity, type StaffCommunity } from '../../../hooks/use-staff-community'
import { listReports, type ReportDecision, type ReportStatus, type ReportView } from '../../../services/points'
import DecisionDialog, { type DecisionKind } from './decision-dialog'
import './index.css'

const PAGE_SIZE = 20
const STATUS_CHOICES: Array<{ value: ReportStatus; label: string }> = [
  { value: 'pending', label: '待审核' },
  { value: 'accepted', label: '已采纳' },
  { value: 'rejected', label: '未采纳' },
]
const EMPTY_TEXT: Record<ReportStatus, string> = {
  pending: '没有待审核的随手拍',
  accepted: '还没有采纳的随手拍',
  rejected: '没有未采纳的随手拍',
}

type Notice = { kind: 'info' | 'error'; text: string }

/** WeChat content security markers, as the secretary reads them. */
const TEXT_FLAGS: Record<NonNullable<ReportView['textCheck']>, string> = {
  review: '文字需人工复核（微信内容安全提示）',
  unchecked: '文字未经微信内容安全检测，请人工确认',
}
const PHOTO_FLAGS: Record<NonNullable<ReportView['photoCheck']>, string> = {
  checking: '照片正在进行内容安全检测，完成后才能采纳',
  review: '照片需人工复核（微信内容安全提示）',
  risky: '照片疑似违规，仅工作人员可见，不能采纳',
  unchecked: '照片未经微信内容安全检测，请人工确认',
}

function ContentFlags({ report }: { report: ReportView }) {
  if (!report.textCheck && !report.photoCheck) return null
  return (
    <View className='content-flags' role='note'>
      {report.textCheck ? (
        <Text className={`content-flag content-flag--${report.textCheck}`}>{TEXT_FLAGS[report.textCheck]}</Text>
      ) : null}
      {report.photoCheck ? (
        <Text className={`content-flag content-flag--${report.photoCheck}`}>{PHOTO_FLAGS[report.photoCheck]}</Text>
      ) : null}
    </View>
  )
}

/** The cloud refuses to accept a report whose photo is risky or still being checked: no button for it. */
const acceptable = (report: ReportView) => report.photoCheck !== 'risky' && report.photoCheck !== 'checking'

/** One community's queue: keyed by community, so switching community starts afresh. */
function CommunityReports({ community }: { community: StaffCommunity }) {
  const [status, setStatus] = useState<ReportStatus>('pending')
  const [deciding, setDeciding] = useState<{ report: ReportView; kind: DecisionKind } | null>(null)
  // Reports decided here leave the pending list at once, without loading it again.
  const [decided, setDecided] = useState<Record<string, true>>({})
  const [notice, setNotice] = useState<Notice | null>(null)

  const list = usePaged<ReportView, null>({
    key: status,
    pageSize: PAGE_SIZE,
    // The queue is oldest first: the next page starts after the last report shown.
    cursor: (report) => report.createdAt,
    load: async (before) => ({
      items: (await listReports({ communityId: community.id, status, limit: PAGE_SIZE, before })).reports,
      meta: null,
    }),
  })
  const { state } = list
  const shown =
    state.status === 'ready' ? state.items.filter((report) => status !== 'pending' || !decided[report.id]) : []

  // The cloud's answer does not name the reporter: the name is the one listed.
  const done = (listed: ReportView, decision: ReportDecision) => {
    const who = listed.maskedName || '小哥'
    setDeciding(null)
    setDecided((previous) => ({ ...previous, [listed.id]: true }))
    setNotice({
      kind: 'info',
      text:
        decision.decision === 'accept' ? `已采纳 ${who} 的随手拍，+${decision.points} 分` : `已驳回 ${who} 的随手拍`,
    })
  }

  return (
    <>
      <ChoiceChips
        block='report-status'
        choices={STATUS_CHOICES}
        value={status}
        onChange={(value) => {
          setStatus(value)
          setNotice(null)
        }}
      />
      {notice ? (
        <View
          className={`notice notice--${notice.kind} staff-reports__notice`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          {notice.text}
        </View>
      ) : null}
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error.message} onRetry={list.reload} /> : null}
      {state.status === 'ready' && shown.length === 0 && !state.hasMore ? (
        <StateView kind='empty' text={EMPTY_TEXT[status]} />
      ) : null}
      {shown.map((report) => (
        <ReportSummary key={report.id} report={report} showWho>
          <ContentFlags report={report} />
          {report.status === 'pending' ? (
            <View className='staff-report__actions'>
              <Button
                className='btn btn--danger btn--small staff-report__reject'
                onClick={() => setDeciding({ report, kind: 'reject' })}
              >
                驳回
              </Button>
              {acceptable(report) ? (
                <Button
                  className='btn btn--primary btn--small staff-report__accept'
                  onClick={() => setDeciding({ report, kind: 'accept' })}
                >
                  采纳
                </Button>
              ) : null}
            </View>
          ) : null}
        </ReportSummary>
      ))}
      {state.status === 'ready' && state.moreError ? (
        <Text className='notice notice--error'>{state.moreError}</Text>
      ) : null}
      {state.status === 'ready' && state.hasMore ? (
        <Button className='btn btn--plain staff-reports__more' onClick={list.loadMore}>
          {state.loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
      {deciding ? (
        <DecisionDialog
          key={`${deciding.report.id}|${deciding.kind}`}
          report={deciding.report}
          kind={deciding.kind}
          onDecided={(_, decision) => done(deciding.report, decision)}
          onStale={(error) => {
            setDeciding(null)
            setNotice({ kind: 'error', text: error.message })
            list.reload()
          }}
          onClose={() => setDeciding(null)}
        />
      ) : null}
    </>
  )
}

/**
 * 随手拍审核 (secretary, admin): the community's hazard reports by status, oldest waiting first. 采纳 awards the
 * courier points (once per report, whatever happens to the request); 驳回 needs a reason the courier sees.
 */
export default function StaffReportsPage() {
  const staff = useStaffCommunity(['secretary', 'admin'])
  return (
    <View className='page staff-reports'>
      <View className='page-header'>
        <Text className='page-header__title'>随手拍审核</Text>
        <Text className='page-header__hint'>采纳得积分，驳回写原因</Text>
      </View>
      <StaffCommunityView staff={staff} emptyText='你没有可审核的社区' emptyHint='社区书记或管理员才能审核随手拍'>
        {(community) => <CommunityReports key={community.id} community={community} />}
      </StaffCommunityView>
    </View>
  )
}
