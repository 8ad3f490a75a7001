import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { SubscribeTemplate } from '../../../types'
import { canSubscribe, requestSubscribe, type SubscribeOutcome } from '../../services/subscribe'
import './index.css'

export interface SubscribePromptProps {
  /** Which messages to ask for (at most 3). */
  templates: SubscribeTemplate[]
  /** What the courier will hear about, e.g. 「审核结果出来时」. */
  when: string
}

const AFTER: Record<Exclude<SubscribeOutcome, 'unavailable'>, string> = {
  accepted: '已开启，会通过微信「服务通知」告诉你',
  refused: '没有开启也没关系，消息会显示在小程序里',
}

/**
 * 「开启微信通知」 right after an action whose outcome comes later. WeChat shows its subscription sheet only from
 * a tap, so this is a button the courier taps, never a call made on its own. Whatever they answer (or if WeChat
 * fails), the card just says so: nothing of the flow waits on it. Hidden when the build has no template ids.
 */
export default function SubscribePrompt({ templates, when }: SubscribePromptProps) {
  const [outcome, setOutcome] = useState<SubscribeOutcome | null>(null)
  const [asking, setAsking] = useState(false)
  if (!canSubscribe(templates) || outcome === 'unavailable') return null

  const ask = async () => {
    if (asking) return
    setAsking(true)
    setOutcome(await requestSubscribe(templates))
    setAsking(false)
  }

  return (
    <View className='card subscribe-prompt' data-outcome={outcome ?? 'none'}>
      {outcome ? (
        <Text className='subscribe-prompt__after'>{AFTER[outcome]}</Text>
      ) : (
        <>
          <Text className='subscribe-prompt__text'>{when}在微信里通知你</Text>
          <Button className='btn btn--primary btn--small subscribe-prompt__button' onClick={() => void ask()}>
            开启微信通知
          </Button>
        </>
      )}
    </View>
  )
}
