import { useState } from 'react'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import {
  COURIER_STATUS_NAMES,
  DUPLICATE_NAMES,
  formatChina,
  ReviewInput,
  type CourierStatus,
  type ReviewDecision,
  type ReviewItem,
} from '../../../../types'
import StaffCommunityView from '../../../components/staff-community'
import StateView from '../../../components/state-view'
import { usePaged } from '../../../hooks/use-paged'
import { useStaffCommunity } from '../../../hooks/use-staff-community'
import { fetchReviewQueue, reviewCourier, reviewCourierPhoto, type ReviewQueuePage } from '../../../services/account'
import { toCloudError } from '../../../services/cloud'
import PhotoCard, { type PhotoDecision } from './photo-card'
import './index.css'

const PAGE_SIZE = 20
/** The registrations by status, and the replacement photos waiting (`photos`). */
type Tab = CourierStatus | 'photos'
const TABS: Tab[] = ['pending', 'approved', 'suspended', 'rejected', 'photos']
const TAB_NAMES: Record<Tab, string> = { ...COURIER_STATUS_NAMES, photos: '换照片' }

const DECISIONS: Record<ReviewDecision, { label: string; done: string }> = {
  approve: { label: '通过', done: '已通过' },
  reject: { label: '驳回', done: '已驳回' },
  suspend: { label: '暂停', done: '已暂停' },
  reinstate: { label: '恢复', done: '已恢复' },
}

/** What can be decided on a registration in each status (the cloud enforces the same table). */
const ACTIONS: Record<CourierStatus, ReviewDecision[]> = {
  pending: ['approve', 'reject'],
  approved: ['suspend'],
  suspended: ['reinstate'],
  rejected: ['approve'],
}

/** Decisions that need a reason, which the courier then sees. */
type ReasonDecision = 'reject' | 'suspend'
const needsReason = (decision: ReviewDecision): decision is ReasonDecision =>
  decision === 'reject' || decision === 'suspend'

const EMPTY_TEXT: Record<Tab, string> = {
  photos: '没有待审核的新照片',
  pending: '没有待审核的小哥',
  approved: '还没有已通过的小哥',
  suspended: '没有已暂停的小哥',
  rejected: '没有未通过的注册',
}

interface ReasonDialogProps {
  item: ReviewItem
  decision: ReasonDecision
  busy: boolean
  onCancel: () => void
  onConfirm: (reason: string) => void
}

function ReasonDialog({ item, decision, busy, onCancel, onConfirm }: ReasonDialogProps) {
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const verb = DECISIONS[decision].label
  const confirm = () => {
    if (busy) return
    // The contract's own rule for a reason (trimmed, no control characters, 200 characters as counted there).
    const checked = ReviewInput.shape.reason.safeParse(reason)
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? '原因无效')
      return
    }
    const text = checked.data ?? ''
    if (text === '') {
      setError(`请填写${verb}原因，小哥会看到它`)
      return
    }
    onConfirm(text)
  }
  return (
    <View className='review-reason' data-decision={decision}>
      <View className='card review-reason__panel'>
        <Text className='review-reason__title'>
          {decision === 'reject' ? `驳回 ${item.name} 的注册` : `暂停 ${item.name} 的通行`}
        </Text>
        <Text className='muted review-reason__hint'>原因会告知小哥本人，请如实填写</Text>
        <Input
          id='review-reason-input'
          className='field__input review-reason__input'
          value={reason}
          placeholder={decision === 'reject' ? '如：骑手编号与平台信息不符' : '如：多次被住户投诉'}
          maxlength={200}
          focus
          onInput={(event) => {
            setReason(event.detail.value)
            setError(null)
          }}
        />
        {error ? <Text className='field-error review-reason__error'>{error}</Text> : null}
        <View className='review-reason__buttons'>
          <Button className='btn btn--plain review-reason__cancel' onClick={onCancel}>
            取消
          </Button>
          <Button
            className={`btn btn--primary review-reason__confirm${busy ? ' btn--disabled' : ''}`}
            onClick={confirm}
          >
            确定{verb}
          </Button>
        </View>
      </View>
    </View>
  )
}

interface ItemProps {
  item: ReviewItem
  busy: boolean
  onDecide: (item: ReviewItem, decision: ReviewDecision) => void
}

/** Another registration shares the phone or the rider id: said first, since it is what to check. */
function DuplicateFlags({ item }: { item: ReviewItem }) {
  if (!item.duplicates || item.duplicates.length === 0) return null
  return (
    <View className='review-item__duplicates' role='alert'>
      {item.duplicates.map((field) => (
        <Text key={field} className={`review-item__duplicate review-item__duplicate--${field}`}>
          {DUPLICATE_NAMES[field]}，请核实是否本人
        </Text>
      ))}
    </View>
  )
}

function ReviewCard({ item, busy, onDecide }: ItemProps) {
  // A short-lived URL the cloud answered to the reviewer.
  const photo = item.photoUrl ?? null
  return (
    <View className={`card review-item review-item--${item.status}`} data-courier-id={item.courierId}>
      <View className='review-item__head'>
        {photo ? (
          <Image
            className='review-item__photo'
            src={photo}
            mode='aspectFill'
            onClick={() => void Taro.previewImage({ urls: [photo], current: photo })}
          />
        ) : null}
        <View className='review-item__who'>
          <Text className='review-item__name'>{item.name}</Text>
          <Text className='tag review-item__platform'>{item.platform}</Text>
        </View>
      </View>
      <DuplicateFlags item={item} />
      <Text className='review-item__line review-item__phone'>手机尾号 {item.phoneTail}</Text>
      <Text className='review-item__line review-item__rider'>骑手编号 {item.riderId}</Text>
      {photo ? null : (
        <Text className='review-item__line review-item__no-photo'>未上传本人照片：请当面核对身份后再通过</Text>
      )}
      <Text className='review-item__line muted review-item__date'>提交于 {formatChina(item.createdAt)}</Text>
      {item.statusReason ? (
        <Text className='review-item__line review-item__reason'>原因：{item.statusReason}</Text>
      ) : null}
      <View className='review-item__actions'>
        {ACTIONS[item.status].map((decision) => (
          <Button
            key={decision}
            className={`btn btn--small ${decision === 'approve' || decision === 'reinstate' ? 'btn--primary' : 'btn--danger'} review-item__action review-item__${decision}${busy ? ' btn--disabled' : ''}`}
            onClick={() => onDecide(item, decision)}
          >
            {DECISIONS[decision].label}
          </Button>
        ))}
      </View>
    </View>
  )
}

/**
 * 小哥审核 (secretary, admin): the registrations of the caller's community by status, newest first, with the
 * decisions each status allows. Every decision is logged by the cloud with who and when.
 */
export default function ReviewPage() {
  const staff = useStaffCommunity(['secretary', 'admin'])
  const community = staff.community
  const [status, setStatus] = useState<Tab>('pending')
  const [asking, setAsking] = useState<{ item: ReviewItem; decision: ReasonDecision } | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)

  const list = usePaged<ReviewItem, Record<Tab, number>>({
    key: community ? `${community.id}|${status}` : null,
    pageSize: PAGE_SIZE,
    cursor: (item) => (status === 'photos' ? (item.photoPendingAt ?? 0) : item.createdAt),
    load: async (before) => {
      if (!community) throw new Error('no community')
      const photos = status === 'photos'
      const page: ReviewQueuePage = await fetchReviewQueue({
        communityId: community.id,
        status: photos ? 'pending' : status,
        photos,
        limit: PAGE_SIZE,
        before,
      })
      return { items: page.items, meta: { ...page.counts, photos: page.photosPending } }
    },
  })

  const decidePhoto = async (item: ReviewItem, decision: PhotoDecision) => {
    if (busy) return
    setBusy(item.courierId)
    setActionError(null)
    try {
      await reviewCourierPhoto(item.courierId, decision)
      const done = decision === 'approve' ? '新照片已通过' : '新照片已驳回'
      void Taro.showToast({ title: `${done}：${item.name}`, icon: 'none' })
      list.reload()
    } catch (error) {
      const { message } = toCloudError(error)
      setActionError(message)
      void Taro.showToast({ title: message, icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  const decide = async (item: ReviewItem, decision: ReviewDecision, reason?: string) => {
    if (busy) return
    setBusy(item.courierId)
    setActionError(null)
    try {
      await reviewCourier(item.courierId, decision, reason)
      setAsking(null)
      void Taro.showToast({ title: `${DECISIONS[decision].done}：${item.name}`, icon: 'none' })
      list.reload()
    } catch (error) {
      const { message } = toCloudError(error)
      setAsking(null)
      setActionError(message)
      void Taro.showToast({ title: message, icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  const onDecide = (item: ReviewItem, decision: ReviewDecision) => {
    if (busy) return
    if (needsReason(decision)) setAsking({ item, decision })
    else void decide(item, decision)
  }

  const counts = list.state.status === 'ready' ? list.state.meta : null

  return (
    <View className='page review-page'>
      <View className='page-header'>
        <Text className='page-header__title'>小哥审核</Text>
      </View>
      <StaffCommunityView staff={staff} emptyText='你没有可审核的社区' emptyHint='社区书记或管理员才能审核小哥'>
        {() => (
          <>
            <View className='review-tabs' role='tablist'>
              {TABS.map((tab) => (
                <View
                  key={tab}
                  className={`review-tab review-tab--${tab}${tab === status ? ' review-tab--active' : ''}`}
                  role='tab'
                  aria-selected={tab === status}
                  onClick={() => setStatus(tab)}
                >
                  <Text className='review-tab__name'>{TAB_NAMES[tab]}</Text>
                  {counts ? <Text className='review-tab__count'>{counts[tab] ?? 0}</Text> : null}
                </View>
              ))}
            </View>
            {actionError ? (
              <View className='notice notice--error review-page__error' role='alert'>
                {actionError}
              </View>
            ) : null}
            {list.state.status === 'loading' ? <StateView kind='loading' /> : null}
            {list.state.status === 'error' ? (
              <StateView kind='error' message={list.state.error.message} onRetry={list.reload} />
            ) : null}
            {list.state.status === 'ready' && list.state.items.length === 0 ? (
              <StateView kind='empty' text={EMPTY_TEXT[status]} />
            ) : null}
            {list.state.status === 'ready'
              ? list.state.items.map((item) =>
                  status === 'photos' ? (
                    <PhotoCard
                      key={item.courierId}
                      item={item}
                      busy={busy !== null}
                      onDecide={(i, d) => void decidePhoto(i, d)}
                    />
                  ) : (
                    <ReviewCard key={item.courierId} item={item} busy={busy !== null} onDecide={onDecide} />
                  ),
                )
              : null}
            {list.state.status === 'ready' && list.state.moreError ? (
              <Text className='notice notice--error'>{list.state.moreError}</Text>
            ) : null}
            {list.state.status === 'ready' && list.state.hasMore ? (
              <Button className='btn btn--plain review-page__more' onClick={list.loadMore}>
                {list.state.loadingMore ? '正在加载…' : '加载更多'}
              </Button>
            ) : null}
          </>
        )}
      </StaffCommunityView>
      {asking ? (
        <ReasonDialog
          item={asking.item}
          decision={asking.decision}
          busy={busy !== null}
          onCancel={() => setAsking(null)}
          onConfirm={(reason) => void decide(asking.item, asking.decision, reason)}
        />
      ) : null}
    </View>
  )
}
