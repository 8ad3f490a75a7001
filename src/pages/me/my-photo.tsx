import { useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import type { MeOutput, MyPhoto } from '../../../types'
import { replaceMyPhoto } from '../../services/account'
import { toCloudError } from '../../services/cloud'
import { choosePhoto, uploadPhoto } from '../../services/photo'

type Courier = NonNullable<MeOutput['courier']>

/**
 * 本人照片 on 我的: the photo the guard sees, a replacement waiting for review (or why the last one was
 * rejected), and 更换照片: take or choose, upload, send. An approved courier's new photo is shown at the gate
 * only once a secretary approves it; a registration still waiting takes it at once (reviewed together).
 */
export default function MyFacePhoto({ courier }: { courier: Courier }) {
  const [photo, setPhoto] = useState<MyPhoto>(courier.photo ?? {})
  const [busy, setBusy] = useState<'choosing' | 'uploading' | null>(null)
  const [error, setError] = useState<string | null>(null)
  const approved = courier.status === 'approved'

  const replace = async () => {
    if (busy) return
    setError(null)
    setBusy('choosing')
    try {
      const chosen = await choosePhoto('face')
      if (!chosen) return
      setBusy('uploading')
      setPhoto(await replaceMyPhoto(await uploadPhoto(chosen, 'face')))
    } catch (failure) {
      // the picker's refusal is an Error in Chinese; the upload's and the cloud's are CloudErrors
      setError(failure instanceof Error ? failure.message : toCloudError(failure).message)
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='me-photo' id='me-photo'>
      <Text className='me-page__label'>本人照片</Text>
      <View className='me-photo__row'>
        {photo.url ? (
          <Image className='me-photo__image me-photo__current' src={photo.url} mode='aspectFill' />
        ) : (
          <Text className='me-photo__image me-photo__none'>暂无照片</Text>
        )}
        {photo.pendingUrl ? (
          <Image className='me-photo__image me-photo__pending' src={photo.pendingUrl} mode='aspectFill' />
        ) : null}
      </View>
      {photo.pendingUrl ? (
        <Text className='me-photo__state me-photo__state--pending'>新照片审核中，通过前门岗仍显示原照片</Text>
      ) : null}
      {photo.rejected && !photo.pendingUrl ? (
        <Text className='me-photo__state me-photo__state--rejected'>
          新照片未通过审核{photo.rejected.reason ? `：${photo.rejected.reason}` : ''}，请重新上传
        </Text>
      ) : null}
      {!photo.url && !photo.pendingUrl ? (
        <Text className='muted me-photo__hint'>没有照片时，门岗会要求核对证件</Text>
      ) : null}
      <Button
        id='me-photo-replace'
        className={`btn btn--small btn--plain me-photo__replace${busy ? ' btn--disabled' : ''}`}
        onClick={() => void replace()}
      >
        {busy === 'uploading' ? '正在上传…' : approved ? '更换照片（需社区审核）' : '更换照片'}
      </Button>
      {error ? (
        <View className='field-error me-photo__error' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  )
}
