import { Button, Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatChina, type ReviewItem } from '../../../../types'

export type PhotoDecision = 'approve' | 'reject'

interface PhotoCardProps {
  item: ReviewItem
  busy: boolean
  onDecide: (item: ReviewItem, decision: PhotoDecision) => void
}

/**
 * A replacement face photo waiting for review: the photo the green card shows now beside the new one. Approved,
 * the new one is shown at the gate from the next check; rejected, the courier is told and keeps the old one.
 */
export default function PhotoCard({ item, busy, onDecide }: PhotoCardProps) {
  const urls = [item.photoUrl, item.photoPendingUrl].filter((u): u is string => !!u)
  // tap to compare both at full size
  const preview = (current: string) => void Taro.previewImage({ urls, current })
  return (
    <View className='card review-item review-photo' data-courier-id={item.courierId}>
      <View className='review-item__who'>
        <Text className='review-item__name'>{item.name}</Text>
        <Text className='tag review-item__platform'>{item.platform}</Text>
      </View>
      <View className='review-photo__pair'>
        <View className='review-photo__side'>
          <Text className='muted review-photo__caption'>现在的照片</Text>
          {item.photoUrl ? (
            <Image
              className='review-photo__image review-photo__old'
              src={item.photoUrl}
              mode='aspectFill'
              onClick={() => preview(item.photoUrl!)}
            />
          ) : (
            <Text className='review-photo__image review-photo__none'>无照片</Text>
          )}
        </View>
        <View className='review-photo__side'>
          <Text className='muted review-photo__caption'>新照片</Text>
          {item.photoPendingUrl ? (
            <Image
              className='review-photo__image review-photo__new'
              src={item.photoPendingUrl}
              mode='aspectFill'
              onClick={() => preview(item.photoPendingUrl!)}
            />
          ) : (
            <Text className='review-photo__image review-photo__none'>无法显示</Text>
          )}
        </View>
      </View>
      <Text className='review-item__line review-item__rider'>骑手编号 {item.riderId}</Text>
      {item.photoPendingAt ? (
        <Text className='review-item__line muted review-item__date'>提交于 {formatChina(item.photoPendingAt)}</Text>
      ) : null}
      <View className='review-item__actions'>
        <Button
          className={`btn btn--small btn--danger review-item__action review-photo__reject${busy ? ' btn--disabled' : ''}`}
          onClick={() => onDecide(item, 'reject')}
        >
          驳回新照片
        </Button>
        <Button
          className={`btn btn--small btn--primary review-item__action review-photo__approve${busy ? ' btn--disabled' : ''}`}
          onClick={() => onDecide(item, 'approve')}
        >
          通过新照片
        </Button>
      </View>
    </View>
  )
}
