import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { formatChina, type SubscribeTemplate } from '../../../types'
import { HAS_OUTBOX, loadOutbox, type OutboxMessage } from '../../services/outbox'
import './index.css'

const TITLES: Record<SubscribeTemplate, string> = {
  review: '审核结果通知',
  activity: '活动变更提醒',
  pickup: '兑换可取货通知',
}

/** A message's keywords in template order (thing1, phrase2 …), as WeChat lists them. */
function lines(message: OutboxMessage): string[] {
  const order = (key: string) => Number(/\d+$/.exec(key)?.[0] ?? 0)
  return Object.entries(message.data)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([, { value }]) => value)
}

/**
 * 微信通知（演示） on 我的, in the local demo only: the subscribe messages the functions sent this identity, as
 * WeChat's 服务通知 would show them. In WeChat (and when loading fails) nothing is rendered.
 */
export default function OutboxCard({ refreshKey }: { refreshKey: number }) {
  const [messages, setMessages] = useState<OutboxMessage[] | null>(null)

  useEffect(() => {
    if (!HAS_OUTBOX) return
    let live = true
    loadOutbox().then(
      (loaded) => live && setMessages(loaded),
      () => live && setMessages(null),
    )
    return () => {
      live = false
    }
  }, [refreshKey])

  if (!HAS_OUTBOX || !messages) return null
  return (
    <View className='card outbox-card'>
      <Text className='outbox-card__title'>微信通知（演示）</Text>
      {messages.length === 0 ? <Text className='muted outbox-card__empty'>还没有通知</Text> : null}
      {messages.slice(0, 10).map((message, i) => (
        <View key={`${message.at}-${i}`} className='outbox-item' data-template={message.template}>
          <Text className='outbox-item__title'>{TITLES[message.template]}</Text>
          <Text className='outbox-item__body'>{lines(message).join(' · ')}</Text>
          <Text className='muted outbox-item__time'>{formatChina(message.at, 'M月D日 HH:mm')}</Text>
        </View>
      ))}
    </View>
  )
}
