import { useCallback, useEffect, useRef, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import {
  COURIER_STATUS_NAMES,
  Destination,
  PASS_REFRESH_SECONDS,
  PASS_TTL_SECONDS,
  type MeOutput,
} from '../../../../types'
import QrCode from '../../../components/qr-code'
import StateView from '../../../components/state-view'
import { ROUTES } from '../../../routes'
import { fetchMe } from '../../../services/account'
import { toCloudError } from '../../../services/cloud'
import { issuePass } from '../../../services/pass'
import {
  SUPPLY_RENEW_BELOW_MS,
  clearSupply,
  loadSupply,
  renewSupply,
  suppliedCodeAt,
  supplyCoverMs,
} from '../../../services/pass-supply'
import { holdScreenForPass } from '../../../services/screen'
import './index.css'

/** A code on screen, timed by this device's clock from the moment it arrived (the phone's clock may be off). */
interface ShownPass {
  token: string
  destination?: string
  /** Local epoch ms when the code stops being valid. */
  expiresAt: number
  /** From the supply kept on the phone (no network): until when the supply lasts, local epoch ms. */
  offlineUntil?: number
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'showing' }
  | { kind: 'refused'; message: string; courier: MeOutput['courier'] | undefined }
  /** The courier withdrew the entry-record consent (我的数据): no code until it is given again. */
  | { kind: 'consent'; message: string }
  | { kind: 'error'; message: string }

/** The server rounds a code's issue time down to the second: the most its life can be shorter than it says. */
const ISSUE_ROUNDING_MS = 1_000
/** After a failed refresh, while the code on screen is still valid, try again this soon. */
const RETRY_MS = 5_000
/** With nothing valid left to show, keep trying this often, so the page comes back by itself. */
const RECOVER_MS = 10_000
const CAPTURE_WARNING = `截图无效，小哥码${PASS_TTL_SECONDS}秒后失效`

/** No code while the entry-record consent is withdrawn: said plainly, with the way to give it again. */
function ConsentView({ message }: { message: string }) {
  return (
    <View className='card pass-code__refused pass-code__consent'>
      <Text className='pass-code__refused-title'>暂时无法出示小哥码</Text>
      <Text className='pass-code__refused-detail'>{message}</Text>
      <Button
        id='pass-consent'
        className='btn btn--primary pass-code__register'
        onClick={() => void Taro.navigateTo({ url: ROUTES.myData })}
      >
        去“我的数据”重新授权
      </Button>
    </View>
  )
}

function RefusedView({ message, courier }: { message: string; courier: MeOutput['courier'] | undefined }) {
  const canRegister = courier === null || courier?.status === 'rejected'
  let detail = message
  if (courier === null) detail = '你还没有注册为小哥。注册并通过社区审核后，就能在这里出示小哥码。'
  else if (courier?.status === 'pending') detail = '你的注册正在等待社区审核，审核通过后即可出示小哥码。'
  else if (courier?.status === 'rejected') detail = '你的注册未通过审核，可修改信息后重新注册。'
  else if (courier?.status === 'suspended') detail = '你的小哥码已被暂停使用，如有疑问请联系社区。'
  return (
    <View className='card pass-code__refused'>
      <Text className='pass-code__refused-title'>暂时无法出示小哥码</Text>
      {courier ? (
        <Text className={`pass-code__status pass-code__status--${courier.status}`}>
          当前状态：{COURIER_STATUS_NAMES[courier.status]}
        </Text>
      ) : null}
      <Text className='pass-code__refused-detail'>{detail}</Text>
      {courier?.statusReason ? <Text className='muted pass-code__reason'>说明：{courier.statusReason}</Text> : null}
      {canRegister ? (
        <Button
          id='pass-register'
          className='btn btn--primary pass-code__register'
          onClick={() => void Taro.navigateTo({ url: ROUTES.register })}
        >
          {courier === null ? '去注册' : '重新注册'}
        </Button>
      ) : null}
    </View>
  )
}

/**
 * 出示小哥码: a courier's short-lived signed code as a QR, refreshed every 30 s with a visible countdown. While
 * it is shown the screen is bright and stays on (weapp), and screenshots are discouraged.
 */
export default function PassCodePage() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const [pass, setPass] = useState<ShownPass | null>(null)
  const [now, setNow] = useState(() => Date.now())
  const [warning, setWarning] = useState<string | null>(null)
  const [visible, setVisible] = useState(true)
  const [destinationInput, setDestinationInput] = useState('')
  const [destinationError, setDestinationError] = useState<string | null>(null)

  const passRef = useRef<ShownPass | null>(null)
  const destinationRef = useRef<string | undefined>(undefined)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const generation = useRef(0)
  const alive = useRef(true)

  const showPass = (next: ShownPass | null) => {
    passRef.current = next
    setPass(next)
  }

  const issue = useCallback(async () => {
    clearTimeout(timer.current)
    const mine = ++generation.current
    const stale = () => !alive.current || mine !== generation.current
    const destination = destinationRef.current
    try {
      // The phone's clock may be wrong, so the code's life is counted on it from before the request: the server
      // issued it no earlier than that, less the second its issue time is rounded down to. So the screen says
      // 已失效 no later than the gate starts refusing it (the gate allows no grace).
      const requestedAt = Date.now()
      const issued = await issuePass(destination)
      if (stale()) return
      const receivedAt = Date.now()
      const lifetime = issued.expiresAt - issued.issuedAt - ISSUE_ROUNDING_MS
      showPass({ token: issued.token, destination, expiresAt: requestedAt + lifetime })
      setNow(receivedAt)
      setWarning(null)
      setPhase({ kind: 'showing' })
      const refreshIn = issued.refreshAt - issued.issuedAt
      timer.current = setTimeout(() => void issue(), refreshIn > 0 ? refreshIn : PASS_REFRESH_SECONDS * 1000)
      keepSupply(destination)
    } catch (thrown) {
      if (stale()) return
      const error = toCloudError(thrown)
      if (error.code === 'CONSENT_REQUIRED') {
        showPass(null)
        clearSupply()
        setPhase({ kind: 'consent', message: error.message })
        return
      }
      if (error.code === 'NOT_APPROVED' || error.code === 'FORBIDDEN') {
        // Say why in the courier's own terms: not registered, waiting, rejected or suspended.
        showPass(null)
        clearSupply()
        const me = await fetchMe().catch(() => null)
        if (stale()) return
        setPhase({ kind: 'refused', message: error.message, courier: me ? me.courier : undefined })
        return
      }
      const current = passRef.current
      const now = Date.now()
      if (current && !current.offlineUntil && current.expiresAt > now) {
        setWarning(`刷新失败：${error.message}，正在重试`)
        timer.current = setTimeout(() => void issue(), RETRY_MS)
        return
      }
      // No fresh code: the supply kept on the phone, if it has one for this minute; the page keeps trying.
      const supply = loadSupply(destination)
      const supplied = supply ? suppliedCodeAt(supply, now) : null
      if (supplied) {
        showPass({
          token: supplied.token,
          destination,
          expiresAt: supplied.expiresAt,
          offlineUntil: supplied.coverUntil,
        })
        setNow(now)
        setWarning(null)
        setPhase({ kind: 'showing' })
        const switchIn = supplied.nextAt ? Math.max(0, supplied.nextAt - now) : RETRY_MS
        timer.current = setTimeout(() => void issue(), Math.min(RETRY_MS, switchIn))
      } else {
        showPass(null)
        setPhase({ kind: 'error', message: error.message })
        timer.current = setTimeout(() => void issue(), RECOVER_MS)
      }
    }
  }, [])

  /** Keeps the phone's supply of future codes topped up while online (quietly: the live code is what counts). */
  const renewing = useRef(false)
  const keepSupply = (destination: string | undefined) => {
    if (renewing.current || supplyCoverMs(loadSupply(destination), Date.now()) >= SUPPLY_RENEW_BELOW_MS) return
    renewing.current = true
    renewSupply(destination)
      .catch(() => null)
      .finally(() => {
        renewing.current = false
      })
  }

  useEffect(() => {
    alive.current = true
    void issue()
    return () => {
      alive.current = false
      clearTimeout(timer.current)
    }
  }, [issue])

  // Leaving the page (another page on top, the app in the background) stops refreshing and gives the screen
  // back; coming back shows a fresh code at once. The first show is the mount above.
  const shownOnce = useRef(false)
  useDidShow(() => {
    if (!shownOnce.current) {
      shownOnce.current = true
      return
    }
    setVisible(true)
    void issue()
  })
  useDidHide(() => {
    setVisible(false)
    generation.current++
    clearTimeout(timer.current)
  })

  // The countdown.
  const showing = phase.kind === 'showing' && pass !== null
  useEffect(() => {
    if (!showing) return undefined
    const tick = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(tick)
  }, [showing])

  // Bright, awake, capture-shy while a code is on screen.
  useEffect(() => {
    if (!showing || !visible) return undefined
    let release: (() => void) | null = null
    let done = false
    void holdScreenForPass(() => void Taro.showToast({ title: CAPTURE_WARNING, icon: 'none', duration: 2500 })).then(
      (restore) => {
        if (done) restore()
        else release = restore
      },
    )
    return () => {
      done = true
      release?.()
    }
  }, [showing, visible])

  const applyDestination = () => {
    const text = destinationInput.trim()
    if (text === '') {
      destinationRef.current = undefined
    } else {
      const parsed = Destination.safeParse(text)
      if (!parsed.success) {
        setDestinationError(parsed.error.issues[0]?.message ?? '送往地址格式不正确')
        return
      }
      destinationRef.current = parsed.data
    }
    setDestinationError(null)
    void issue()
  }

  const retry = () => {
    setPhase({ kind: 'loading' })
    void issue()
  }

  const remaining = pass ? Math.max(0, Math.ceil((pass.expiresAt - now) / 1000)) : 0
  const expired = pass !== null && remaining === 0

  return (
    <View className='page pass-code'>
      {phase.kind === 'loading' ? <StateView kind='loading' text='正在生成小哥码…' /> : null}
      {phase.kind === 'error' ? <StateView kind='error' message={phase.message} onRetry={retry} /> : null}
      {phase.kind === 'refused' ? <RefusedView message={phase.message} courier={phase.courier} /> : null}
      {phase.kind === 'consent' ? <ConsentView message={phase.message} /> : null}
      {showing && pass ? (
        <View className='pass-code__main'>
          <View className='card pass-code__card'>
            <Text className='pass-code__title'>小哥码</Text>
            <Text className='muted pass-code__subtitle'>请门岗扫码核验</Text>
            {expired ? (
              <View className='pass-code__expired'>
                <Text className='pass-code__expired-title'>小哥码已失效</Text>
                <Button className='btn btn--primary pass-code__refresh' onClick={retry}>
                  刷新
                </Button>
              </View>
            ) : (
              <View className='pass-code__qr' data-token={pass.token}>
                <QrCode value={pass.token} canvasId='pass-qr' />
              </View>
            )}
            <View className='pass-code__timer'>
              <View className='pass-code__bar'>
                <View
                  className='pass-code__bar-fill'
                  style={{ width: `${Math.round((remaining / PASS_TTL_SECONDS) * 100)}%` }}
                />
              </View>
              <Text className='pass-code__countdown'>{expired ? '已失效' : `${remaining} 秒后失效`}</Text>
              <Text className='muted pass-code__refresh-hint'>每 {PASS_REFRESH_SECONDS} 秒自动刷新，截图无效</Text>
            </View>
            {pass.destination ? <Text className='pass-code__destination'>送往：{pass.destination}</Text> : null}
            {pass.offlineUntil ? (
              <View className='pass-code__offline'>
                <Text className='pass-code__offline-title'>离线模式</Text>
                <Text className='pass-code__offline-text'>
                  暂时无法联网，正在出示本机保存的小哥码，同样每 {PASS_REFRESH_SECONDS} 秒更换；还可用约{' '}
                  {Math.max(1, Math.floor((pass.offlineUntil - now) / 60_000))} 分钟。网络恢复后自动切回在线。
                </Text>
              </View>
            ) : null}
            {warning ? <Text className='notice notice--error pass-code__warning'>{warning}</Text> : null}
          </View>

          <View className='card pass-code__destination-card'>
            <View className={`field${destinationError ? ' field--invalid' : ''}`}>
              <Text className='field__label'>
                送往 <Text className='field__optional'>（选填，门岗可见）</Text>
              </Text>
              <View className='pass-code__destination-row'>
                <Input
                  id='pass-destination'
                  className='field__input pass-code__destination-input'
                  value={destinationInput}
                  placeholder='如 3幢2单元'
                  maxlength={24}
                  onInput={(event) => {
                    setDestinationInput(event.detail.value)
                    setDestinationError(null)
                  }}
                />
                <Button
                  id='pass-destination-apply'
                  className='btn btn--plain btn--small pass-code__destination-apply'
                  onClick={applyDestination}
                >
                  更新
                </Button>
              </View>
              {destinationError ? (
                <Text className='field-error pass-code__destination-error'>{destinationError}</Text>
              ) : null}
            </View>
          </View>
        </View>
      ) : null}
    </View>
  )
}
