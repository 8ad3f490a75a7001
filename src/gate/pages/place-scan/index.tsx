import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import PastedCode from '../../../components/pasted-code'
import { formatChina, PLACE_CODE_MAX_CHARS, sceneFrom, type EnterByPlaceOutput } from '../../../../types'
import { useCodeCheck } from '../../../hooks/use-code-check'
import { enterByPlace } from '../../../services/pass'
import { CAMERA_SCAN_AVAILABLE, scanPlaceCode } from '../../../services/scan'
import './index.css'

/** Wall-clock time, re-rendered every second while mounted. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])
  return now
}

/**
 * The live pass after an allowed entry: community, gate, a clock ticking every second and a moving border in
 * the day's colour. A guard judges it at a glance; a screenshot stops ticking and shows yesterday's colour.
 */
function LivePass({ pass }: { pass: EnterByPlaceOutput }) {
  const now = useNow()
  return (
    <View
      className='live-pass'
      data-color={pass.dayColor}
      style={{
        backgroundColor: pass.dayColor,
        backgroundImage: `repeating-linear-gradient(45deg, ${pass.dayColor} 0, ${pass.dayColor} 16px, #ffffff 16px, #ffffff 32px)`,
      }}
      role='alert'
    >
      <View className='live-pass__inner'>
        <Text className='live-pass__verdict' style={{ color: pass.dayColor }}>
          已登记进门
        </Text>
        <Text className='live-pass__community'>{pass.communityName}</Text>
        <Text className='live-pass__gate'>{pass.gateName}</Text>
        <Text className='live-pass__clock'>{formatChina(now, 'HH:mm:ss')}</Text>
        <Text className='live-pass__date'>{formatChina(now, 'YYYY年MM月DD日')}</Text>
        <Text className='live-pass__name'>{pass.maskedName}</Text>
        <Text className='muted live-pass__entered'>
          登记时间 {formatChina(pass.enteredAt, 'HH:mm:ss')}
          {pass.alreadyEntered ? '（刚才已登记，本次未重复计入）' : ''}
        </Text>
        <Text className='muted live-pass__hint'>请向门岗出示本页：时间走动、边框流动，颜色每天不同，截图无效</Text>
      </View>
    </View>
  )
}

function Refused({ pass }: { pass: EnterByPlaceOutput }) {
  return (
    <View className='place-refused' data-code={pass.code} role='alert'>
      <Text className='place-refused__verdict'>不能进门</Text>
      <Text className='place-refused__message'>{pass.message ?? '未通过核验'}</Text>
      {pass.gateName ? (
        <Text className='place-refused__meta'>
          {pass.communityName} · {pass.gateName} · {formatChina(pass.enteredAt, 'HH:mm:ss')}
        </Text>
      ) : null}
    </View>
  )
}

/**
 * 扫场所码进门 (courier): at a gate without a guard app, scan the gate's printed 场所码. The cloud checks the code
 * and the courier's approval, logs the entry like a guard's scan, and answers a live pass. In weapp the camera
 * scans (a plain QR or the gate's 小程序码), and scanning the 小程序码 with WeChat itself opens this page with the
 * gate in its query; the h5 demo has no scanner, so the code's text is pasted instead.
 */
export default function PlaceScanPage() {
  const { phase, checking, submit, scan } = useCodeCheck(enterByPlace, scanPlaceCode)
  const showing = phase.kind === 'result' && phase.result.allowed

  // Opened by scanning a gate's 小程序码 with WeChat: the gate's scene arrives in the page query. Check it once.
  const sceneChecked = useRef(false)
  useEffect(() => {
    if (sceneChecked.current) return
    sceneChecked.current = true
    const scene = sceneFrom(Taro.getCurrentInstance()?.router?.params?.scene)
    if (scene) void submit(scene)
  }, [submit])

  return (
    <View className='page place-scan'>
      {!showing ? (
        <View className='page-header'>
          <Text className='page-header__title'>扫场所码进门</Text>
          <Text className='page-header__hint'>没有门岗的大门：扫门口张贴的场所码登记进门</Text>
        </View>
      ) : null}

      {phase.kind === 'result' ? (
        phase.result.allowed ? (
          <LivePass pass={phase.result} />
        ) : (
          <Refused pass={phase.result} />
        )
      ) : null}
      {phase.kind === 'error' ? (
        <View className='card place-error' role='alert'>
          <Text className='place-error__title'>登记失败</Text>
          <Text className='place-error__message'>{phase.message}</Text>
        </View>
      ) : null}
      {checking ? <Text className='muted place-scan__checking'>正在核验…</Text> : null}

      {CAMERA_SCAN_AVAILABLE ? (
        <Button
          id='place-camera'
          className={`btn ${showing ? 'btn--plain' : 'btn--primary'} place-scan__camera${checking ? ' btn--disabled' : ''}`}
          onClick={() => void scan()}
        >
          {checking ? '正在核验…' : showing ? '重新扫码' : '扫场所码'}
        </Button>
      ) : (
        <PastedCode
          block='place-scan'
          inputId='place-input'
          submitId='place-submit'
          label='粘贴场所码内容'
          hint='本设备不能扫码：请粘贴场所码的文字内容'
          placeholder='场所码文字'
          maxChars={PLACE_CODE_MAX_CHARS * 4}
          emptyMessage='请先粘贴场所码内容'
          tooLongMessage='这不是有效的场所码'
          submitText='进门登记'
          checking={checking}
          onSubmit={submit}
        />
      )}
    </View>
  )
}
