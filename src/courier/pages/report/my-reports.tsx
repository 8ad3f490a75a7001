import { Button, Text, View } from '@tarojs/components'
import ReportSummary from '../../../components/report-summary'
import RemoteError from '../../../components/remote-error'
import StateView from '../../../components/state-view'
import { usePaged } from '../../../hooks/use-paged'
import { listReports, type ReportView } from '../../../services/points'

const PAGE_SIZE = 20

/** 我的随手拍: my reports, newest first, each with how the community decided it. */
export default function MyReports({ version }: { version: number }) {
  const list = usePaged<ReportView, null>({
    key: `mine|${version}`,
    pageSize: PAGE_SIZE,
    cursor: (report) => report.createdAt,
    load: async (before) => ({ items: (await listReports({ limit: PAGE_SIZE, before })).reports, meta: null }),
  })
  const { state } = list
  if (state.status === 'loading') return <StateView kind='loading' />
  if (state.status === 'error') return <RemoteError error={state.error} onRetry={list.reload} />
  if (state.items.length === 0) {
    return <StateView kind='empty' text='还没有随手拍' hint='看到消防通道堵塞、电动车违规充电等隐患，拍下来告诉社区' />
  }
  return (
    <View className='my-reports'>
      {state.items.map((report) => (
        <ReportSummary key={report.id} report={report}>
          {/* The cloud leaves out a photo WeChat found risky; say why it is missing. */}
          {report.photoCheck === 'risky' ? (
            <Text className='my-reports__photo-hidden'>照片未通过微信内容安全检测，已隐藏</Text>
          ) : null}
        </ReportSummary>
      ))}
      {state.moreError ? <Text className='notice notice--error'>{state.moreError}</Text> : null}
      {state.hasMore ? (
        <Button className='btn btn--plain my-reports__more' onClick={list.loadMore}>
          {state.loadingMore ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  )
}
