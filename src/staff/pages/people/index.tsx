import { useEffect, useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'
import {
  formatChina,
  ROLE_NAMES,
  STAFF_EVENT_NAMES,
  type InvitationView,
  type StaffRole,
  type StaffView,
} from '../../../../types'
import ChoiceChips from '../../../components/choice-chips'
import { TextField } from '../../../components/form-fields'
import QrCode from '../../../components/qr-code'
import StaffCommunityView from '../../../components/staff-community'
import StateView from '../../../components/state-view'
import { useRemote } from '../../../hooks/use-remote'
import { useStaffCommunity } from '../../../hooks/use-staff-community'
import { toCloudError } from '../../../services/cloud'
import { listGates } from '../../../services/pass'
import { createInvitation, listInvitations, listStaff, revokeInvitation, revokeStaff } from '../../../services/staff'
import ShareInvite from './share-invite'
import './index.css'

type Created = Awaited<ReturnType<typeof createInvitation>>

/** SAVE_BY_LONG_PRESS: in WeChat a long press on the 小程序码 offers 保存图片 / 转发. */
const LONG_PRESS = process.env.TARO_ENV === 'weapp' ? { showMenuByLongpress: true } : {}

interface InviteFormProps {
  communityId: string
  roles: StaffRole[]
  initialRole: StaffRole | null
  initialGateId: string | null
  onCreated: (created: Created) => void
}

/** Who to invite: the role (only those the caller may grant), the gate for a guard, and a note for whom. */
function InviteForm({ communityId, roles, initialRole, initialGateId, onCreated }: InviteFormProps) {
  const [role, setRole] = useState<StaffRole | null>(
    initialRole && roles.includes(initialRole) ? initialRole : (roles[0] ?? null),
  )
  const [gateId, setGateId] = useState<string | null>(initialGateId)
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const gates = useRemote(() => listGates(communityId), { key: communityId })
  const gateList = gates.state.status === 'ready' ? gates.state.data.gates : []

  const submit = async () => {
    if (busy || !role) return
    if (role === 'guard' && !gateId) return setError('请选择门岗人员负责的大门')
    setBusy(true)
    setError(null)
    try {
      onCreated(
        await createInvitation(communityId, role, {
          gateId: role === 'guard' ? (gateId ?? undefined) : undefined,
          note: note.trim() || undefined,
        }),
      )
      setNote('')
    } catch (thrown) {
      setError(toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card invite-form'>
      <Text className='invite-form__title'>邀请工作人员</Text>
      <Text className='muted'>
        生成邀请二维码或链接，对方用自己的微信接受后即获得岗位。邀请 24 小时内有效，只能使用一次。
      </Text>
      <Text className='field__label invite-form__label'>岗位</Text>
      <ChoiceChips
        block='invite-role'
        choices={roles.map((r) => ({ value: r, label: ROLE_NAMES[r] }))}
        value={role}
        onChange={(r) => {
          setRole(r)
          setError(null)
        }}
      />
      {role === 'guard' ? (
        <>
          <Text className='field__label invite-form__label'>负责的大门</Text>
          {gates.state.status === 'loading' ? <Text className='muted'>正在加载大门…</Text> : null}
          {gates.state.status === 'ready' && gateList.length === 0 ? (
            <Text className='notice notice--info'>这个社区还没有大门，请先在「门岗管理」添加</Text>
          ) : null}
          <ChoiceChips
            block='invite-gate'
            choices={gateList.map((g) => ({ value: g.id, label: g.name }))}
            value={gateId}
            onChange={(g) => {
              setGateId(g)
              setError(null)
            }}
          />
        </>
      ) : null}
      <TextField
        id='invite-note'
        label='邀请谁'
        optional
        value={note}
        placeholder='如：王师傅（只用于提醒自己）'
        maxlength={20}
        onInput={setNote}
      />
      {error ? <Text className='field-error invite-form__error'>{error}</Text> : null}
      <Button
        id='invite-submit'
        className={`btn btn--primary invite-form__submit${busy ? ' btn--disabled' : ''}`}
        onClick={() => void submit()}
      >
        {busy ? '正在生成…' : '生成邀请'}
      </Button>
    </View>
  )
}

/** The invitation just made: its code to scan (小程序码 in WeChat, else the plain QR) and the link to send. */
function InviteResult({ created, onDone }: { created: Created; onDone: () => void }) {
  const { invitation } = created
  return (
    <View className='card invite-result' data-code={created.code}>
      <Text className='invite-result__title'>
        邀请{ROLE_NAMES[invitation.role]}
        {invitation.gateName ? ` · ${invitation.gateName}` : ''}
      </Text>
      <Text className='muted'>
        {invitation.communityName}
        {invitation.note ? ` · 给 ${invitation.note}` : ''}
      </Text>
      {created.miniCode ? (
        <Image className='invite-result__mini-code' src={created.miniCode} mode='aspectFit' {...LONG_PRESS} />
      ) : (
        <View className='invite-result__qr'>
          <QrCode value={created.code} canvasId='invite-qr' />
        </View>
      )}
      {created.miniCodeProblem ? <Text className='notice notice--info'>{created.miniCodeProblem}</Text> : null}
      <Text className='invite-result__expiry'>
        {formatChina(invitation.expiresAt, 'M月D日 HH:mm')} 前有效，只能使用一次
      </Text>
      <Text className='muted'>请对方用微信扫码，或把链接发给对方；离开本页后二维码不再显示，可撤销后重新生成。</Text>
      <ShareInvite path={created.path} />
      <Button className='btn btn--plain invite-result__done' onClick={onDone}>
        完成
      </Button>
    </View>
  )
}

function InvitationRow({ invitation, onRevoked }: { invitation: InvitationView; onRevoked: () => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const revoke = async () => {
    if (busy) return
    const { confirm } = await Taro.showModal({
      title: '撤销邀请',
      content: '撤销后这个邀请将无法使用。',
      confirmText: '撤销',
    })
    if (!confirm) return
    setBusy(true)
    try {
      await revokeInvitation(invitation.id)
      onRevoked()
    } catch (thrown) {
      setError(toCloudError(thrown).message)
      setBusy(false)
    }
  }
  return (
    <View className='people-row invitation-row' data-invitation-id={invitation.id}>
      <View className='people-row__main'>
        <Text className='people-row__name'>
          {ROLE_NAMES[invitation.role]}
          {invitation.gateName ? ` · ${invitation.gateName}` : ''}
          {invitation.note ? ` · ${invitation.note}` : ''}
        </Text>
        <Text className='muted people-row__meta'>
          {invitation.createdByName} 邀请 · {formatChina(invitation.expiresAt, 'M月D日 HH:mm')} 前有效
        </Text>
        {error ? <Text className='field-error'>{error}</Text> : null}
      </View>
      <Button className='btn btn--danger btn--small btn--inline invitation-row__revoke' onClick={() => void revoke()}>
        撤销
      </Button>
    </View>
  )
}

function StaffRow({ member, onRevoked }: { member: StaffView; onRevoked: () => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const revoke = async () => {
    if (busy) return
    const { confirm } = await Taro.showModal({
      title: `解除${ROLE_NAMES[member.role]}`,
      content: `解除后${member.name}将立即失去该岗位的所有权限。`,
      confirmText: '解除',
    })
    if (!confirm) return
    setBusy(true)
    try {
      await revokeStaff(member.id)
      onRevoked()
    } catch (thrown) {
      setError(toCloudError(thrown).message)
      setBusy(false)
    }
  }
  return (
    <View className='people-row staff-row' data-staff-id={member.id}>
      <View className='people-row__main'>
        <Text className='people-row__name'>
          {member.name}
          {member.isMe ? '（我）' : ''}
        </Text>
        <Text className='muted people-row__meta'>
          {ROLE_NAMES[member.role]}
          {member.gateName ? ` · ${member.gateName}` : ''} · {formatChina(member.grantedAt, 'YYYY-MM-DD')} 由{' '}
          {member.grantedByName} 邀请
        </Text>
        {error ? <Text className='field-error'>{error}</Text> : null}
      </View>
      {member.canRevoke ? (
        <Button className='btn btn--danger btn--small btn--inline staff-row__revoke' onClick={() => void revoke()}>
          解除
        </Button>
      ) : null}
    </View>
  )
}

/** One community's people: invite, pending invitations, the roster by role, and the log of changes. */
function CommunityPeople({
  communityId,
  initialRole,
  initialGateId,
}: {
  communityId: string
  initialRole: StaffRole | null
  initialGateId: string | null
}) {
  const people = useRemote(
    async () => {
      const [roster, invitations] = await Promise.all([listStaff(communityId), listInvitations(communityId)])
      return { ...roster, invitations: invitations.invitations }
    },
    { key: communityId },
  )
  const [created, setCreated] = useState<Created | null>(null)
  useShareAppMessage(() => ({
    title: created
      ? `邀请你担任${created.invitation.communityName}的${ROLE_NAMES[created.invitation.role]}`
      : '小哥友好',
    path: created ? `/${created.path}` : '/pages/stations/index',
  }))

  if (people.state.status === 'loading') return <StateView kind='loading' />
  if (people.state.status === 'error')
    return <StateView kind='error' message={people.state.error.message} onRetry={people.reload} />
  const { staff, log, canInvite, invitations } = people.state.data
  return (
    <View>
      {created ? (
        <InviteResult
          created={created}
          onDone={() => {
            setCreated(null)
            people.reload()
          }}
        />
      ) : canInvite.length > 0 ? (
        <InviteForm
          communityId={communityId}
          roles={canInvite}
          initialRole={initialRole}
          initialGateId={initialGateId}
          onCreated={setCreated}
        />
      ) : null}

      {invitations.length > 0 ? (
        <View className='card people-section'>
          <Text className='people-section__title'>待接受的邀请（{invitations.length}）</Text>
          {invitations.map((i) => (
            <InvitationRow key={i.id} invitation={i} onRevoked={people.reload} />
          ))}
        </View>
      ) : null}

      <View className='card people-section'>
        <Text className='people-section__title'>工作人员（{staff.length}）</Text>
        {staff.length === 0 ? <Text className='muted'>还没有工作人员，请先发出邀请</Text> : null}
        {staff.map((m) => (
          <StaffRow key={m.id} member={m} onRevoked={people.reload} />
        ))}
      </View>

      {log.length > 0 ? (
        <View className='card people-section people-log'>
          <Text className='people-section__title'>变动记录</Text>
          {log.map((entry) => (
            <Text key={entry.id} className='people-log__entry'>
              {formatChina(entry.at, 'M月D日 HH:mm')} {entry.byName} {STAFF_EVENT_NAMES[entry.event]}：
              {ROLE_NAMES[entry.role]}
              {entry.gateName ? `（${entry.gateName}）` : ''}
              {entry.subjectName ? ` ${entry.subjectName}` : ''}
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  )
}

/**
 * 人员管理 (secretary, manager, admin): invite staff by QR code or link, see who holds which role, revoke a role
 * (effective at that person's next call), and read who changed what. No OPENID is ever shown or typed.
 */
export default function PeoplePage() {
  const staff = useStaffCommunity(['manager', 'secretary', 'admin'])
  const params = Taro.getCurrentInstance()?.router?.params ?? {}
  const initialRole = (['secretary', 'manager', 'guard'] as const).find((r) => r === params.role) ?? null
  const initialGateId = params.gateId ? decodeURIComponent(params.gateId) : null
  const wanted = params.communityId ? decodeURIComponent(params.communityId) : null
  const { choose } = staff
  useEffect(() => {
    if (wanted) choose(wanted)
  }, [wanted, choose])

  return (
    <View className='page people'>
      <View className='page-header'>
        <Text className='page-header__title'>人员管理</Text>
        <Text className='page-header__hint'>邀请、查看和解除工作人员</Text>
      </View>
      <StaffCommunityView
        staff={staff}
        emptyText='你没有可管理的社区'
        emptyHint='社区书记、物业经理或管理员才能管理人员'
      >
        {(community) => (
          <CommunityPeople
            key={community.id}
            communityId={community.id}
            initialRole={initialRole}
            initialGateId={community.id === wanted ? initialGateId : null}
          />
        )}
      </StaffCommunityView>
    </View>
  )
}
