import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { formatChina } from '../../../types'
import { toCloudError } from '../../services/cloud'
import { markNoticesRead, myNotices, type Notices } from '../../services/points'
import './index.css'

/**
 * 新消息 on 我的: what a courier must hear about (an activity they signed up for was cancelled or moved), until
 * they say 知道了. Shown only when something is unread; a failed load hides the card rather than the page.
 */
export default function NoticesCard({ refreshKey }: { refreshKey: number }) {
  const [notices, setNotices] = useState<Notices | null>(null)
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    myNotices().then(
      (loaded) => live && setNotices(loaded),
      () => live && setNotices(null),
    )
    return () => {
      live = false
    }
  }, [refreshKey])

  if (!notices || notices.unread === 0) return null
  const unread = notices.notices.filter((n) => !n.read)

  const acknowledge = async () => {
    if (busy) return
    setBusy(true)
    setProblem(null)
    try {
      await markNoticesRead()
      setNotices({ unread: 0, notices: notices.notices.map((n) => ({ ...n, read: true })) })
    } catch (error) {
      setProblem(toCloudError(error).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card notices-card' role='alert'>
      <Text className='notices-card__title'>新消息（{notices.unread}）</Text>
      {unread.map((notice) => (
        <View key={notice.id} className={`notice-item notice-item--${notice.kind}`}>
          <Text className='notice-item__title'>{notice.title}</Text>
          <Text className='notice-item__body'>{notice.body}</Text>
          <Text className='muted notice-item__time'>{formatChina(notice.at, 'M月D日 HH:mm')}</Text>
        </View>
      ))}
      {problem ? <Text className='notice notice--error notices-card__problem'>{problem}</Text> : null}
      <Button
        className={`btn btn--plain btn--small notices-card__ack${busy ? ' btn--disabled' : ''}`}
        onClick={() => void acknowledge()}
      >
        知道了
      </Button>
    </View>
  )
}
