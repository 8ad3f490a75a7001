import { useRef, useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import { choosePhoto, uploadPhoto } from '../../services/photo'
import './index.css'

/** Where a face photo stands on the form: none yet, going up, up (its reference), or a failure to say. */
export type FacePhoto =
  | { kind: 'none' }
  | { kind: 'uploading'; preview: string }
  | { kind: 'ready'; preview: string; ref: string }
  | { kind: 'failed'; message: string }

export interface FacePhotoFieldProps {
  id: string
  value: FacePhoto
  onChange: (photo: FacePhoto) => void
  /** The form's message for this field (e.g. required and missing). */
  error?: string
  /** The label above the picture. */
  label?: string
}

/**
 * 本人照片: take a photo (front camera first) or choose one, shown at once and uploaded right away (as a face
 * photo: `?for=face` locally, `faces/` in CloudBase), so submitting sends only its reference. Retake or remove
 * while it is on the form; an upload that finishes after the photo was removed or replaced is dropped.
 */
export default function FacePhotoField({ id, value, onChange, error, label = '本人照片 *' }: FacePhotoFieldProps) {
  const pick = useRef(0)
  const [busy, setBusy] = useState(false)

  const take = async () => {
    if (busy || value.kind === 'uploading') return
    const mine = ++pick.current
    setBusy(true)
    try {
      const chosen = await choosePhoto('face')
      if (!chosen || mine !== pick.current) return
      onChange({ kind: 'uploading', preview: chosen.path })
      const ref = await uploadPhoto(chosen, 'face')
      if (mine === pick.current) onChange({ kind: 'ready', preview: chosen.path, ref })
    } catch (failure) {
      if (mine === pick.current) {
        onChange({ kind: 'failed', message: failure instanceof Error ? failure.message : '照片上传失败，请重试' })
      }
    } finally {
      setBusy(false)
    }
  }

  const remove = () => {
    pick.current++
    onChange({ kind: 'none' })
  }

  const shown = value.kind === 'uploading' || value.kind === 'ready' ? value : null
  return (
    <View id={`${id}-field`} className={`field face-photo${error ? ' field--invalid' : ''}`} data-field={id}>
      <Text className='field__label'>{label}</Text>
      <Text className='muted face-photo__hint'>
        请拍摄本人正脸、不戴帽子和口罩。门岗核验时会显示这张照片，只有你本人、审核的社区工作人员和核验的门岗能看到。
      </Text>
      {shown ? (
        <View className='face-photo__picked'>
          <Image className='face-photo__preview' src={shown.preview} mode='aspectFill' />
          <View className='face-photo__side'>
            <Text className={`face-photo__state face-photo__state--${shown.kind}`}>
              {shown.kind === 'uploading' ? '正在上传…' : '照片已上传'}
            </Text>
            <Button
              id={`${id}-retake`}
              className={`btn btn--small btn--plain face-photo__retake${shown.kind === 'uploading' ? ' btn--disabled' : ''}`}
              onClick={() => void take()}
            >
              重拍
            </Button>
            <Button id={`${id}-remove`} className='btn btn--small btn--plain face-photo__remove' onClick={remove}>
              删除
            </Button>
          </View>
        </View>
      ) : (
        <Button id={id} className='btn btn--plain face-photo__take' onClick={() => void take()}>
          {value.kind === 'failed' ? '重新拍照或选择' : '拍照或从相册选择'}
        </Button>
      )}
      {value.kind === 'failed' ? (
        <View className='field-error face-photo__error' role='alert'>
          {value.message}
        </View>
      ) : null}
      {error && value.kind !== 'failed' ? <Text className='field-error face-photo__error'>{error}</Text> : null}
    </View>
  )
}
