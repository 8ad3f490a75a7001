import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import PastedCode from '../../../components/pasted-code'
import { formatChina, PASS_MAX_CHARS, PASS_REFUSALS, type VerifyOutput } from '../../../../types'
import { useCodeCheck } from '../../../hooks/use-code-check'
import {
  OFFLINE_DATA_REFRESH_MS,
  listAgeMs,
  loadOfflineData,
  queuedChecks,
  refreshOfflineData,
  uploadQueued,
  verifyAtGate,
  type GateResult,
  type OfflineVerdict,
} from '../../../services/offline-gate'
import { CAMERA_SCAN_AVAILABLE } from '../../../services/scan'
import './index.css'

/** "刚刚" / "12 分钟前" / "2 小时前". */
function ageText(ms: number): string {
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 1) return '刚刚'
  return minutes < 60 ? `${minutes} 分钟前` : `${Math.floor(minutes / 60)} 小时前`
}

/**
 * The courier's face, large: online a short-lived URL the cloud answered, offline the copy this phone kept
 * with its list. Without one the guard is told to check an ID instead.
 */
function CourierPhoto({ url }: { url?: string }) {
  if (!url) {
    return (
      <View className='verify-result__photo verify-result__photo--none'>
        <Text className='verify-result__no-photo'>无照片，请核对证件</Text>
      </View>
    )
  }
  return <Image className='verify-result__photo' src={url} mode='aspectFill' />
}

/** The phone's own verdict without network: the same cards, marked 离线核验, with the list's age. */
function OfflineResult({ result }: { result: OfflineVerdict }) {
  const meta = `离线核验 · ${formatChina(result.checkedAt, 'HH:mm:ss')} · 名单更新于${ageText(
    result.checkedAt - result.listIssuedAt,
  )}`
  const badge = <Text className='verify-result__offline'>离线核验 · 联网后自动上传</Text>
  if (!result.allowed) {
    return (
      <View
        className='verify-result verify-result--refused verify-result--offline'
        data-code={result.code}
        role='alert'
      >
        <Text className='verify-result__verdict'>不通过</Text>
        {badge}
        <Text className='verify-result__message'>{result.message}</Text>
        <Text className='verify-result__meta'>{meta}</Text>
      </View>
    )
  }
  return (
    <View className='verify-result verify-result--allowed verify-result--offline' data-code='OK' role='alert'>
      <Text className='verify-result__verdict'>通过</Text>
      {badge}
      <View className='verify-result__who'>
        <CourierPhoto url={result.courier.photoUrl} />
        <View className='verify-result__identity'>
          <Text className='verify-result__name'>{result.courier.maskedName}</Text>
          <Text className='verify-result__platform'>{result.courier.platform}</Text>
        </View>
      </View>
      {result.destination ? (
        <View className='verify-result__facts'>
          <Text className='verify-result__fact verify-result__destination'>送往：{result.destination}</Text>
        </View>
      ) : null}
      <Text className='verify-result__meta'>{meta}</Text>
    </View>
  )
}

/** "12 秒" / "3 分钟": how long ago the same code was checked here. */
function secondsAgo(now: number, then: number): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000))
  return seconds < 60 ? `${seconds} 秒` : `${Math.floor(seconds / 60)} 分钟`
}

/** The answer a guard reads at a glance: big green 通过 with who it is, or big red 不通过 with why. */
function VerifyResult({ result }: { result: VerifyOutput }) {
  const meta = `${result.gateName} · ${formatChina(result.checkedAt, 'HH:mm:ss')} 核验`
  if (!result.allowed) {
    return (
      <View className='verify-result verify-result--refused' data-code={result.code} role='alert'>
        <Text className='verify-result__verdict'>不通过</Text>
        <Text className='verify-result__message'>{result.message}</Text>
        <Text className='verify-result__meta'>{meta}</Text>
      </View>
    )
  }
  const { courier } = result
  return (
    <View
      className={`verify-result verify-result--allowed${result.suspectedShared ? ' verify-result--shared' : ''}`}
      data-code='OK'
      role='alert'
    >
      <Text className='verify-result__verdict'>通过</Text>
      {result.suspectedShared ? (
        <View className='verify-result__shared'>
          <Text className='verify-result__shared-title'>疑似共享</Text>
          <Text className='verify-result__shared-text'>此码刚在其他门岗用过，请核对是否本人</Text>
        </View>
      ) : null}
      {result.alreadyCheckedAt !== undefined ? (
        <View className='verify-result__repeat'>
          <Text className='verify-result__repeat-text'>
            此码 {secondsAgo(result.checkedAt, result.alreadyCheckedAt)} 前已在本门岗核验过，本次不重复计入进入次数
          </Text>
        </View>
      ) : null}
      <View className='verify-result__who'>
        <CourierPhoto url={courier.photoUrl} />
        <View className='verify-result__identity'>
          <Text className='verify-result__name'>{courier.maskedName}</Text>
          <Text className='verify-result__platform'>{courier.platform}</Text>
        </View>
      </View>
      <View className='verify-result__facts'>
        <Text className='verify-result__fact verify-result__since'>
          认证时间：{formatChina(courier.approvedSince, 'YYYY-MM-DD')}
        </Text>
        <Text className='verify-result__fact verify-result__entries'>今日进入：{courier.entriesToday} 次</Text>
        {result.destination ? (
          <Text className='verify-result__fact verify-result__destination'>送往：{result.destination}</Text>
        ) : null}
      </View>
      <Text className='verify-result__meta'>{meta}</Text>
    </View>
  )
}

/**
 * 扫码核验 (guard): scan a courier's 小哥码 and show the cloud's verdict. The gate and community are the guard's
 * own binding on the server; every check is written to the community's access log. In weapp the camera
 * scans; the h5 demo has no scanner, so the code's text is pasted instead.
 */
export default function GateScanPage() {
  const { phase, checking, submit, scan } = useCodeCheck<GateResult>(verifyAtGate)
  const [offlineAge, setOfflineAge] = useState<number | null>(() => listAgeMs(loadOfflineData(), Date.now()))
  const [queued, setQueued] = useState(() => queuedChecks().length)
  const [uploadNote, setUploadNote] = useState<string | null>(null)

  // While online: keep the offline keys and list fresh, and upload what was checked without network.
  const sync = useCallback(async () => {
    await refreshOfflineData().catch(() => null)
    setOfflineAge(listAgeMs(loadOfflineData(), Date.now()))
    if (queuedChecks().length > 0) {
      const results = await uploadQueued().catch(() => null)
      if (results && results.length > 0) {
        const late = results.filter((r) => r.lateRefusal).length
        setUploadNote(
          `已上传 ${results.length} 条离线核验${late ? `，其中 ${late} 人事后发现不应放行，已记入通行记录` : ''}`,
        )
      }
    }
    setQueued(queuedChecks().length)
  }, [])
  useEffect(() => {
    void sync()
    const timer = setInterval(() => void sync(), OFFLINE_DATA_REFRESH_MS)
    return () => clearInterval(timer)
  }, [sync])
  // Coming back to the page syncs; the first show is the mount above.
  const shownOnce = useRef(false)
  useDidShow(() => {
    if (shownOnce.current) void sync()
    shownOnce.current = true
  })
  // The network coming back uploads at once (WeChat's network event; the browser's `online` in h5).
  useEffect(() => {
    const onChange = (status: { isConnected: boolean }) => {
      if (status.isConnected) void sync()
    }
    const onOnline = () => void sync()
    let listening = false
    try {
      Taro.onNetworkStatusChange(onChange)
      listening = true
    } catch {
      // a host without the event: the 10-minute refresh and the next online check still upload
    }
    const browser = typeof window !== 'undefined' && typeof window.addEventListener === 'function' ? window : null
    browser?.addEventListener('online', onOnline)
    return () => {
      if (listening) Taro.offNetworkStatusChange(onChange)
      browser?.removeEventListener('online', onOnline)
    }
  }, [sync])
  // After each check: an online answer means the network is back (upload now); an offline one joined the queue.
  useEffect(() => {
    if (phase.kind !== 'result') return
    if (phase.result.offline) setQueued(queuedChecks().length)
    else if (queuedChecks().length > 0) void sync()
  }, [phase, sync])

  return (
    <View className='page gate-scan'>
      <View className='page-header'>
        <Text className='page-header__title'>扫码核验</Text>
        <Text className='page-header__hint'>结果记入本社区通行记录</Text>
      </View>

      {CAMERA_SCAN_AVAILABLE ? (
        <Button
          id='scan-camera'
          className={`btn btn--primary gate-scan__camera${checking ? ' btn--disabled' : ''}`}
          onClick={() => void scan()}
        >
          {checking ? '正在核验…' : '扫码核验'}
        </Button>
      ) : (
        <PastedCode
          block='gate-scan'
          inputId='scan-input'
          submitId='scan-submit'
          label='粘贴小哥码内容'
          hint='本设备不能扫码：请粘贴小哥码的文字内容'
          placeholder='小哥码文字'
          maxChars={PASS_MAX_CHARS * 4}
          emptyMessage='请先粘贴小哥码内容'
          tooLongMessage={PASS_REFUSALS.PASS_MALFORMED}
          submitText='核验'
          checking={checking}
          onSubmit={submit}
        />
      )}

      {phase.kind === 'checking' ? <Text className='muted gate-scan__checking'>正在核验…</Text> : null}
      {phase.kind === 'result' ? (
        phase.result.offline ? (
          <OfflineResult result={phase.result} />
        ) : (
          <VerifyResult result={phase.result} />
        )
      ) : null}
      <View className='gate-scan__offline-status'>
        <Text className='muted gate-scan__offline-list'>
          {offlineAge === null ? '离线名单：尚未下载（联网后自动下载）' : `离线名单：更新于${ageText(offlineAge)}`}
        </Text>
        {queued > 0 ? <Text className='gate-scan__queued'>待上传离线核验 {queued} 条</Text> : null}
        {uploadNote ? <Text className='muted gate-scan__uploaded'>{uploadNote}</Text> : null}
      </View>

      {phase.kind === 'error' ? (
        <View className='card verify-error' role='alert'>
          <Text className='verify-error__title'>核验失败</Text>
          <Text className='verify-error__message'>{phase.message}</Text>
        </View>
      ) : null}
    </View>
  )
}
