import { Button, Text, View } from '@tarojs/components'
import './index.css'

export type StateViewProps =
  | { kind: 'loading'; text?: string }
  | { kind: 'empty'; text: string; hint?: string }
  | { kind: 'error'; message: string; onRetry?: () => void }

/** The three states every remote list shares: loading (with a skeleton), empty, and error with 重试. */
export default function StateView(props: StateViewProps) {
  if (props.kind === 'loading') {
    return (
      <View className='state-view state-view--loading' aria-busy='true'>
        <View className='state-view__skeleton' />
        <View className='state-view__skeleton' />
        <View className='state-view__skeleton state-view__skeleton--short' />
        <Text className='state-view__text'>{props.text ?? '正在加载…'}</Text>
      </View>
    )
  }
  if (props.kind === 'empty') {
    return (
      <View className='state-view state-view--empty'>
        <Text className='state-view__title'>{props.text}</Text>
        {props.hint ? <Text className='state-view__text'>{props.hint}</Text> : null}
      </View>
    )
  }
  return (
    <View className='state-view state-view--error' role='alert'>
      <Text className='state-view__title'>加载失败</Text>
      <Text className='state-view__text state-view__message'>{props.message}</Text>
      {props.onRetry ? (
        <Button className='btn btn--primary state-view__retry' onClick={props.onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  )
}
