import type { ReactNode } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatChina } from '../../../types'
import type { ReportView } from '../../services/points'
import './index.css'

/** Where a report stands, as its courier reads it: 待审核, 已采纳 +N 分, 未采纳（原因）. */
export function reportStatusText(report: ReportView): string {
  if (report.status === 'pending') return '待审核'
  if (report.status === 'accepted') return report.points ? `已采纳 +${report.points} 分` : '已采纳'
  return report.reason ? `未采纳（${report.reason}）` : '未采纳'
}

/** A position as text (GCJ-02, about a metre at five decimals). */
export function locationText(location: { lat: number; lng: number }): string {
  return `${location.lat.toFixed(5)}, ${location.lng.toFixed(5)}`
}

export interface ReportSummaryProps {
  report: ReportView
  /** Staff lists: who reported (masked). */
  showWho?: boolean
  /** The page's own buttons (采纳, 驳回). */
  children?: ReactNode
}

/** One 随手拍 as a card: category, status, text, photo (tap to enlarge), position and time. */
export default function ReportSummary({ report, showWho = false, children }: ReportSummaryProps) {
  // A short-lived URL the cloud answered (it leaves out a photo this audience may not see).
  const url = report.photo ?? null
  return (
    <View className={`card report report--${report.status}`} data-report-id={report.id}>
      <View className='report__head'>
        <Text className='tag report__category'>{report.category}</Text>
        <Text className={`report__status report__status--${report.status}`}>{reportStatusText(report)}</Text>
      </View>
      {showWho ? <Text className='report__who'>{report.maskedName || '小哥'}</Text> : null}
      <Text className='report__text'>{report.text}</Text>
      {url ? (
        <Image
          className='report__photo'
          src={url}
          mode='aspectFill'
          onClick={() => void Taro.previewImage({ urls: [url], current: url })}
        />
      ) : null}
      {report.location ? (
        <Text className='report__line report__location'>位置：{locationText(report.location)}</Text>
      ) : null}
      <Text className='report__line muted report__time'>提交于 {formatChina(report.createdAt)}</Text>
      {children}
    </View>
  )
}
