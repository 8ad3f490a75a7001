import { useEffect, useState } from 'react'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { GateName, type PlaceCodeOutput } from '../../../../types'
import { ROUTES } from '../../../routes'
import StaffCommunityView from '../../../components/staff-community'
import QrCode from '../../../components/qr-code'
import StateView from '../../../components/state-view'
import { useStaffCommunity } from '../../../hooks/use-staff-community'
import { toCloudError, type CloudError } from '../../../services/cloud'
import { fetchPlaceCode, listGates, saveGate, type GateView } from '../../../services/pass'
import './index.css'

/** In WeChat a long press on the 小程序码 offers 保存图片 (for printing); browsers have their own menu. */
const SAVE_BY_LONG_PRESS = process.env.TARO_ENV === 'weapp' ? { showMenuByLongpress: true } : {}

type GatesState =
  { status: 'loading' } | { status: 'ready'; gates: GateView[] } | { status: 'error'; error: CloudError }

/** The first problem with a gate name, in Chinese, or null. */
function nameProblem(name: string): string | null {
  const parsed = GateName.safeParse(name)
  return parsed.success ? null : parsed.error.issues[0].message
}

interface GateCardProps {
  communityId: string
  gate: GateView
  /** Managers and admins may add and rename gates; others only look and print. */
  canManage: boolean
  onChanged: (gate: GateView) => void
}

/** One gate: its guards, rename, its printable 场所码, and inviting a guard for it. */
function GateCard({ communityId, gate, canManage, onChanged }: GateCardProps) {
  const [renaming, setRenaming] = useState(false)
  const [name, setName] = useState(gate.name)
  const [code, setCode] = useState<PlaceCodeOutput | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string } | null>(null)

  const run = async (work: () => Promise<void>) => {
    if (busy) return
    setBusy(true)
    setMessage(null)
    try {
      await work()
    } catch (error) {
      setMessage({ kind: 'error', text: toCloudError(error).message })
    } finally {
      setBusy(false)
    }
  }

  const rename = () => {
    const problem = nameProblem(name)
    if (problem) return setMessage({ kind: 'error', text: problem })
    void run(async () => {
      const saved = await saveGate(communityId, name.trim(), gate.id)
      setRenaming(false)
      onChanged(saved.gate)
      setMessage({ kind: 'ok', text: '已改名' })
    })
  }

  // Guards get their role by accepting an invitation for this gate, made on the 人员管理 page.
  const inviteGuard = () =>
    void Taro.navigateTo({
      url: `${ROUTES.staffPeople}?communityId=${encodeURIComponent(communityId)}&role=guard&gateId=${encodeURIComponent(gate.id)}`,
    })

  const toggleCode = () => {
    if (code) return setCode(null)
    void run(async () => setCode(await fetchPlaceCode(gate.id)))
  }

  return (
    <View className='card gate-card' data-gate-id={gate.id}>
      <View className='gate-card__head'>
        <Text className='gate-card__name'>{gate.name}</Text>
        {canManage ? (
          <Button
            className='btn btn--plain btn--small btn--inline gate-card__rename-toggle'
            onClick={() => setRenaming(!renaming)}
          >
            {renaming ? '取消' : '改名'}
          </Button>
        ) : null}
      </View>
      {canManage && renaming ? (
        <View className='gate-card__rename'>
          <Input
            className='field__input gate-card__rename-input'
            value={name}
            maxlength={20}
            onInput={(e) => setName(e.detail.value)}
          />
          <Button className='btn btn--primary gate-card__rename-save' onClick={rename}>
            保存名称
          </Button>
        </View>
      ) : null}

      <Text className='gate-card__label'>门岗人员</Text>
      {gate.guards.length === 0 ? (
        <Text className='muted gate-card__no-guard'>还没有门岗人员（也可张贴场所码由小哥自助登记）</Text>
      ) : (
        <View className='gate-card__guards'>
          {gate.guards.map((guard) => (
            <Text key={guard.staffId} className='tag gate-card__guard'>
              {guard.name}
            </Text>
          ))}
        </View>
      )}
      <View className='gate-card__actions'>
        <Button className='btn btn--plain gate-card__invite' onClick={inviteGuard}>
          邀请门岗人员
        </Button>
        <Button className='btn btn--plain gate-card__code-toggle' onClick={toggleCode}>
          {code ? '收起场所码' : '场所码'}
        </Button>
      </View>
      {code ? (
        <View className='gate-card__code' data-code={code.code}>
          <Text className='gate-card__code-title'>
            {code.communityName} · {code.gateName}
          </Text>
          {code.miniCode ? (
            <>
              <Image className='gate-card__mini-code' src={code.miniCode} mode='aspectFit' {...SAVE_BY_LONG_PRESS} />
              <Text className='muted gate-card__code-hint'>
                小程序码：长按保存后打印张贴，小哥用微信扫一扫即可登记进门
              </Text>
              <Text className='gate-card__label gate-card__code-alt'>备用二维码（在小程序内「扫场所码进门」扫描）</Text>
            </>
          ) : null}
          {code.miniCodeProblem ? (
            <Text className='notice notice--info gate-card__mini-problem'>{code.miniCodeProblem}</Text>
          ) : null}
          <QrCode value={code.code} canvasId={`place-qr-${gate.id}`} />
          {code.miniCode ? null : (
            <Text className='muted gate-card__code-hint'>
              场所码：打印后张贴在此门口，小哥用「扫场所码进门」扫码登记
            </Text>
          )}
        </View>
      ) : null}
      {busy ? <Text className='muted gate-card__busy'>处理中…</Text> : null}
      {message ? (
        <Text className={`notice ${message.kind === 'error' ? 'notice--error' : 'notice--info'} gate-card__message`}>
          {message.text}
        </Text>
      ) : null}
    </View>
  )
}

/**
 * 门岗管理 (manager, secretary, admin): a community's gates, each with its guards and printable 场所码. Managers
 * (and admins) add and rename gates; guards come by invitation (人员管理); the cloud checks every change.
 */
export default function GatesPage() {
  const staff = useStaffCommunity(['manager', 'secretary', 'admin'])
  const community = staff.community
  // Opened from 社区管理 for one community: show that one.
  const wanted = Taro.getCurrentInstance()?.router?.params?.communityId
  const { choose } = staff
  useEffect(() => {
    if (wanted) choose(decodeURIComponent(wanted))
  }, [wanted, choose])
  const [state, setState] = useState<GatesState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const [newName, setNewName] = useState('')
  const [addError, setAddError] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)

  const communityId = community?.id ?? null
  // Secretaries see gates, guards and 场所码; adding and renaming gates are the property manager's.
  const canManage = !!community && community.roles.some((role) => role === 'manager' || role === 'admin')
  useEffect(() => {
    if (!communityId) return undefined
    let current = true
    setState({ status: 'loading' })
    listGates(communityId).then(
      (out) => current && setState({ status: 'ready', gates: out.gates }),
      (error: unknown) => current && setState({ status: 'error', error: toCloudError(error) }),
    )
    return () => {
      current = false
    }
  }, [communityId, attempt])

  const replace = (gate: GateView) =>
    setState((s) =>
      s.status === 'ready' ? { status: 'ready', gates: s.gates.map((g) => (g.id === gate.id ? gate : g)) } : s,
    )

  const add = async () => {
    if (!communityId || adding) return
    const problem = nameProblem(newName)
    if (problem) return setAddError(problem)
    setAddError(null)
    setAdding(true)
    try {
      const saved = await saveGate(communityId, newName.trim())
      setNewName('')
      setState((s) => (s.status === 'ready' ? { status: 'ready', gates: [...s.gates, saved.gate] } : s))
    } catch (error) {
      setAddError(toCloudError(error).message)
    } finally {
      setAdding(false)
    }
  }

  return (
    <View className='page gates'>
      <View className='page-header'>
        <Text className='page-header__title'>门岗管理</Text>
        <Text className='page-header__hint'>大门、门岗人员和场所码</Text>
      </View>
      <StaffCommunityView
        staff={staff}
        emptyText='你没有可管理的社区'
        emptyHint='物业经理、社区书记或管理员才能管理门岗'
      >
        {(community) => (
          <>
            {state.status === 'loading' ? <StateView kind='loading' /> : null}
            {state.status === 'error' ? (
              <StateView kind='error' message={state.error.message} onRetry={() => setAttempt((n) => n + 1)} />
            ) : null}
            {state.status === 'ready' && state.gates.length === 0 ? (
              <StateView kind='empty' text='还没有门岗' hint='在下方添加第一个大门' />
            ) : null}
            {state.status === 'ready'
              ? state.gates.map((gate) => (
                  <GateCard
                    key={gate.id}
                    communityId={community.id}
                    gate={gate}
                    canManage={canManage}
                    onChanged={replace}
                  />
                ))
              : null}
            {state.status === 'ready' && canManage ? (
              <View className='card gates__add'>
                <Text className='field__label'>添加大门</Text>
                <View className='gates__add-row'>
                  <Input
                    id='gate-name-input'
                    className='field__input gates__add-input'
                    value={newName}
                    placeholder='如：西门'
                    maxlength={20}
                    onInput={(e) => {
                      setNewName(e.detail.value)
                      setAddError(null)
                    }}
                  />
                  <Button
                    id='gate-add'
                    className={`btn btn--primary gates__add-submit${adding ? ' btn--disabled' : ''}`}
                    onClick={() => void add()}
                  >
                    添加
                  </Button>
                </View>
                {addError ? <Text className='field-error gates__add-error'>{addError}</Text> : null}
              </View>
            ) : null}
          </>
        )}
      </StaffCommunityView>
    </View>
  )
}
