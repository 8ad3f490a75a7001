import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { formatChina, inviteCodeIn, ROLE_NAMES, type InvitationView } from '../../../../types'
import { TextField } from '../../../components/form-fields'
import PastedCode from '../../../components/pasted-code'
import StateView from '../../../components/state-view'
import { useRemote } from '../../../hooks/use-remote'
import { ROUTES } from '../../../routes'
import { fetchMe } from '../../../services/account'
import { toCloudError } from '../../../services/cloud'
import { acceptInvitation, fetchInvitation } from '../../../services/staff'
import './index.css'

type Accepted = Awaited<ReturnType<typeof acceptInvitation>>

/** What the invitation says, and why it cannot be used when it cannot. */
const STATE_TEXT: Record<Exclude<InvitationView['state'], 'open'>, string> = {
  used: '这个邀请已经被使用过了。每个邀请只能用一次，请向邀请人重新索取。',
  expired: '这个邀请已过期（24 小时内有效），请向邀请人重新索取。',
  revoked: '这个邀请已被邀请人撤销。',
}

function InvitationCard({ code, invitation }: { code: string; invitation: InvitationView }) {
  const me = useRemote(fetchMe)
  const [name, setName] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [accepted, setAccepted] = useState<Accepted | null>(null)
  const knownName = me.state.status === 'ready' && !me.state.data.isNew ? me.state.data.nickname : ''

  const accept = async () => {
    if (busy) return
    const given = (name || knownName).trim()
    if (given.length < 2) return setError('请填写你的姓名（2–20 个字），同事会看到它')
    setBusy(true)
    setError(null)
    try {
      setAccepted(await acceptInvitation(code, given))
    } catch (thrown) {
      setError(toCloudError(thrown).message)
    } finally {
      setBusy(false)
    }
  }

  if (accepted) {
    const next = accepted.role === 'guard' ? ROUTES.gateScan : ROUTES.home
    return (
      <View className='card invite-page__done' role='alert'>
        <Text className='invite-page__done-title'>你已成为{ROLE_NAMES[accepted.role]}</Text>
        <Text className='invite-page__line'>
          {accepted.communityName}
          {accepted.gateName ? ` · ${accepted.gateName}` : ''}
        </Text>
        <Button id='invite-continue' className='btn btn--primary' onClick={() => void Taro.reLaunch({ url: next })}>
          {accepted.role === 'guard' ? '去扫码核验' : '进入工作台'}
        </Button>
      </View>
    )
  }

  const { state } = invitation
  return (
    <View className={`card invite-page__card invite-page__card--${invitation.state}`} data-state={invitation.state}>
      <Text className='invite-page__from'>{invitation.createdByName} 邀请你担任</Text>
      <Text className='invite-page__role'>
        {invitation.communityName} · {ROLE_NAMES[invitation.role]}
      </Text>
      {invitation.gateName ? <Text className='invite-page__line'>负责大门：{invitation.gateName}</Text> : null}
      {state === 'open' ? (
        <>
          <Text className='muted invite-page__line'>
            {formatChina(invitation.expiresAt, 'M月D日 HH:mm')} 前有效。接受后，这个岗位绑定到你自己的微信。
          </Text>
          <TextField
            id='invite-name'
            label='你的姓名'
            value={name || knownName}
            placeholder='同事和社区会看到这个名字'
            maxlength={20}
            error={error ?? undefined}
            onInput={(value) => {
              setName(value)
              setError(null)
            }}
          />
          <Button
            id='invite-accept'
            className={`btn btn--primary${busy ? ' btn--disabled' : ''}`}
            onClick={() => void accept()}
          >
            {busy ? '正在接受…' : '接受邀请'}
          </Button>
        </>
      ) : (
        <Text className='notice notice--error invite-page__refused'>{STATE_TEXT[state]}</Text>
      )}
    </View>
  )
}

function InvitationFromCode({ code }: { code: string }) {
  const info = useRemote(() => fetchInvitation(code), { key: code })
  if (info.state.status === 'loading') return <StateView kind='loading' text='正在读取邀请…' />
  if (info.state.status === 'error') {
    const { error } = info.state
    // A code that is not (or no longer) an invitation: no retry will change that.
    if (error.code === 'INVITATION_INVALID') return <StateView kind='empty' text='邀请码无效' hint={error.message} />
    return <StateView kind='error' message={error.message} onRetry={info.reload} />
  }
  return <InvitationCard code={code} invitation={info.state.data.invitation} />
}

/**
 * 接受邀请: opened from an invitation's 小程序码 (its scene), a shared card or link (`code=`), or by pasting the
 * code. Shows what the invitation grants and who sent it; accepting binds the role to the caller's own WeChat.
 */
export default function InvitePage() {
  const params = Taro.getCurrentInstance()?.router?.params ?? {}
  const [code, setCode] = useState<string | null>(() => inviteCodeIn(params.code ?? params.scene ?? null))

  return (
    <View className='page invite-page'>
      <View className='page-header'>
        <Text className='page-header__title'>接受邀请</Text>
      </View>
      {code ? (
        <InvitationFromCode code={code} />
      ) : (
        <PastedCode
          block='invite-page'
          inputId='invite-code-input'
          submitId='invite-code-submit'
          label='邀请码'
          hint='扫描邀请二维码可直接打开本页；也可以粘贴邀请码（XGI1. 开头）'
          placeholder='XGI1.'
          maxChars={300}
          emptyMessage='请粘贴邀请码'
          tooLongMessage='这不是邀请码'
          submitText='查看邀请'
          checking={false}
          onSubmit={(text) => {
            const found = inviteCodeIn(text)
            if (found) setCode(found)
            else void Taro.showToast({ title: '这不是邀请码', icon: 'none' })
            return Promise.resolve(found !== null)
          }}
        />
      )}
    </View>
  )
}
