import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CommunityView } from '../../../../types'
import StateView from '../../../components/state-view'
import { useRemote } from '../../../hooks/use-remote'
import { ROUTES } from '../../../routes'
import { fetchMyCommunities } from '../../../services/staff'
import CommunityForm from './community-form'
import './index.css'

const go = (url: string) => void Taro.navigateTo({ url })
const withCommunity = (route: string, community: CommunityView, extra = '') =>
  `${route}?communityId=${encodeURIComponent(community.id)}${extra}`

/** The first run of an admin with no community yet: make one, give it a gate, invite its secretary. */
function FirstRun({ onCreated }: { onCreated: (c: CommunityView) => void }) {
  return (
    <View className='first-run'>
      <View className='card first-run__intro'>
        <Text className='first-run__title'>开始设置</Text>
        <Text className='first-run__step first-run__step--current'>① 新建第一个社区</Text>
        <Text className='first-run__step'>② 添加社区的大门</Text>
        <Text className='first-run__step'>③ 邀请社区书记</Text>
        <Text className='muted'>之后由社区书记邀请物业经理和门岗，由他们日常管理。</Text>
      </View>
      <CommunityForm community={null} onSaved={onCreated} />
    </View>
  )
}

/** What to do next for a community just created, in the wizard's order. */
function NextSteps({ community }: { community: CommunityView }) {
  return (
    <View className='card first-run__next' role='alert'>
      <Text className='first-run__title'>「{community.name}」已创建</Text>
      <Button id='next-gates' className='btn btn--primary' onClick={() => go(withCommunity(ROUTES.gates, community))}>
        ② 添加大门
      </Button>
      <Button
        id='next-invite'
        className='btn btn--primary'
        onClick={() => go(withCommunity(ROUTES.staffPeople, community, '&role=secretary'))}
      >
        ③ 邀请社区书记
      </Button>
    </View>
  )
}

/**
 * 社区管理 (admin): every community, to create and edit, each with links to its gates and people. An admin with
 * no community yet gets the first-run steps instead.
 */
export default function CommunitiesPage() {
  const { state, reload } = useRemote(fetchMyCommunities)
  const [editing, setEditing] = useState<CommunityView | 'new' | null>(null)
  const [created, setCreated] = useState<CommunityView | null>(null)

  const saved = (community: CommunityView, isNew: boolean) => {
    setEditing(null)
    if (isNew) setCreated(community)
    reload()
  }

  return (
    <View className='page communities'>
      <View className='page-header'>
        <Text className='page-header__title'>社区管理</Text>
        <Text className='page-header__hint'>社区、大门和工作人员</Text>
      </View>
      {created ? <NextSteps community={created} /> : null}
      {state.status === 'loading' ? <StateView kind='loading' /> : null}
      {state.status === 'error' ? <StateView kind='error' message={state.error.message} onRetry={reload} /> : null}
      {state.status === 'ready' && !state.data.isAdmin ? (
        <StateView kind='empty' text='只有管理员可以管理社区' hint='请联系系统管理员' />
      ) : null}
      {state.status === 'ready' && state.data.isAdmin && state.data.communities.length === 0 && !created ? (
        <FirstRun onCreated={(c) => saved(c, true)} />
      ) : null}
      {state.status === 'ready' && state.data.isAdmin && (state.data.communities.length > 0 || created) ? (
        <>
          {editing ? (
            <CommunityForm
              key={editing === 'new' ? 'new' : editing.id}
              community={editing === 'new' ? null : editing}
              onSaved={(c) => saved(c, editing === 'new')}
              onCancel={() => setEditing(null)}
            />
          ) : (
            <Button id='community-new' className='btn btn--primary communities__new' onClick={() => setEditing('new')}>
              新建社区
            </Button>
          )}
          {state.data.communities.map((community) => (
            <View key={community.id} className='card community-card' data-community-id={community.id}>
              <Text className='community-card__name'>{community.name}</Text>
              <Text className='muted'>
                {community.city} {community.district} {community.street}
              </Text>
              <View className='community-card__actions'>
                <Button className='btn btn--plain btn--small btn--inline' onClick={() => setEditing(community)}>
                  编辑
                </Button>
                <Button
                  className='btn btn--plain btn--small btn--inline community-card__gates'
                  onClick={() => go(withCommunity(ROUTES.gates, community))}
                >
                  大门
                </Button>
                <Button
                  className='btn btn--plain btn--small btn--inline community-card__people'
                  onClick={() => go(withCommunity(ROUTES.staffPeople, community))}
                >
                  人员
                </Button>
              </View>
            </View>
          ))}
        </>
      ) : null}
    </View>
  )
}
