import { stringify } from 'csv-stringify/sync'
import {
  chinaDateText,
  MY_DATA_ENTRY_DAYS,
  MY_DATA_LIST_LIMIT,
  entryVerdictText,
  ROLE_NAMES,
  type MyDataOutput,
  type Role,
} from '../../types'
import { AppError } from '../shared/errors'
import type { Handler } from '../shared/handler'
import { hashId } from '../shared/ids'
import { photoUrl } from '../shared/photos'
import type { AppStore } from '../shared/store/collections'
import { PERSONAL_DATA, readPersonalData, type CollectionName, type Records } from './personal-data'

const DAY_MS = 86_400_000

const REDEMPTION_STATUS_TEXT: Record<string, string> = { reserved: '待领取', picked_up: '已领取', cancelled: '已取消' }
const REPORT_STATUS_TEXT: Record<string, string> = { pending: '待审核', accepted: '已采纳', rejected: '未采纳' }
const SIGNUP_STATUS_TEXT: Record<string, string> = { signed: '已报名', withdrawn: '已取消', attended: '已参加' }

/**
 * What stops a deletion now: a staff role (a community would lose a guard or secretary mid-shift, and their
 * acts must stay attributable), an open redemption (goods set aside), a place in an activity not yet ended
 * (the secretary counts on it). Each in words the courier can act on.
 */
export async function deleteBlockers(store: AppStore, openid: string, now: number): Promise<string[]> {
  const [user, open, signed] = await Promise.all([
    store.collection('users').get(openid),
    store.collection('redemptions').count({ courierId: openid, status: 'reserved' }),
    store.collection('signups').find({ courierId: openid, status: 'signed' }, { limit: 1000 }),
  ])
  const blockers: string[] = []
  const staffRoles = [...new Set((user?.roles ?? []).map((r) => r.role).filter((r) => r !== 'courier'))]
  if (staffRoles.length > 0) {
    blockers.push(`你还担任${staffRoles.map((r) => ROLE_NAMES[r]).join('、')}，请先请上级撤销职务后再注销`)
  }
  if (open > 0) blockers.push(`你还有 ${open} 件兑换未领取，请先到驿站领取或在“积分兑换”里取消`)
  if (signed.length > 0) {
    const activities = await store
      .collection('activities')
      .find({ _id: { in: signed.map((s) => s.activityId) } }, { limit: 1000 })
    const coming = activities.filter((a) => a.status === 'published' && a.endAt > now)
    if (coming.length > 0) {
      const titles = coming.slice(0, 3).map((a) => `「${a.title}」`)
      blockers.push(`你报名了尚未结束的活动${titles.join('')}，请先在“志愿活动”里取消报名`)
    }
  }
  return blockers
}

/** The display names of the staff who read: their roster name, else their role. */
async function staffName(store: AppStore, communityId: string, role: Role, openid: string): Promise<string> {
  const member = await store.collection('staff').get(hashId('staff', communityId, role, openid))
  return member ? `${ROLE_NAMES[role]} ${member.name}` : ROLE_NAMES[role]
}

const newestFirst = <T extends { at: number }>(items: T[]) => [...items].sort((a, b) => b.at - a.at)

/** 我的数据: what the system holds about the caller, in the words of the app. Reads only the caller's records. */
export const myData: Handler<'account', 'myData'> = async ({ ctx }) => {
  const { store, caller } = ctx
  const now = ctx.clock.now()
  const records = await readPersonalData(store, caller.openid)
  const courier = records.couriers?.[0] ?? null
  const mine = <K extends CollectionName>(name: K, field = 'courierId') =>
    (records[name] ?? []).filter((d) => (d as unknown as Record<string, unknown>)[field] === caller.openid)

  const communityIds = [
    ...new Set([courier?.communityId, ...mine('accessLogs').map((e) => e.communityId)].filter(Boolean)),
  ] as string[]
  const [communities, gates, blockers] = await Promise.all([
    communityIds.length ? store.collection('communities').find({ _id: { in: communityIds } }) : [],
    communityIds.length ? store.collection('gates').find({ communityId: { in: communityIds } }, { limit: 1000 }) : [],
    deleteBlockers(store, caller.openid, now),
  ])
  const gateName = (id: string) => gates.find((g) => g._id === id)?.name ?? '已删除的门岗'

  const since = now - MY_DATA_ENTRY_DAYS * DAY_MS
  const entries = newestFirst(mine('accessLogs').filter((e) => e.at >= since))
  const account = records.pointsAccounts?.[0]
  const signups = mine('signups')
  const activities = signups.length
    ? await store.collection('activities').find({ _id: { in: signups.map((s) => s.activityId) } }, { limit: 1000 })
    : []

  const reviewReads = await Promise.all(
    mine('dataReads').map(async (r) => ({
      at: r.at,
      who: await staffName(store, r.communityId, r.role, r.by),
      role: r.role,
      what: '查看了你的注册信息（姓名、骑手编号、照片）',
    })),
  )
  const gateReads = entries
    .filter((e) => e.scannedBy !== null)
    .map((e) => ({
      at: e.at,
      who: `${gateName(e.gateId)} 保安`,
      role: 'guard' as const,
      what: '在门岗核验了你的小哥码（看到姓氏和照片）',
    }))
  const limit = <T>(items: T[]) => items.slice(0, MY_DATA_LIST_LIMIT)
  // The courier's own photo, as a short-lived URL (shared/photos.ts): the stored reference is never answered.
  const photo = await photoUrl(ctx, courier?.photoUrl)

  const answer: MyDataOutput = {
    profile: courier
      ? {
          name: courier.name,
          phone: courier.phone,
          platform: courier.platform,
          riderId: courier.riderId,
          communityName: communities.find((c) => c._id === courier.communityId)?.name ?? '未知社区',
          status: courier.status,
          ...(photo ? { photoUrl: photo } : {}),
          hasPendingPhoto: !!courier.photoPending,
          registeredAt: courier.createdAt,
          ...(courier.approvedAt !== undefined ? { approvedAt: courier.approvedAt } : {}),
        }
      : null,
    consents: {
      privacyAt: courier?.privacyConsentAt ?? courier?.createdAt ?? null,
      movementAt: courier?.movementConsentAt ?? null,
      movementWithdrawnAt: courier?.movementConsentWithdrawnAt ?? null,
    },
    entries: limit(entries).map((e) => ({
      at: e.at,
      gateName: gateName(e.gateId),
      allowed: e.allowed,
      reason: entryVerdictText(e.code),
      offline: e.offline === true,
    })),
    entriesTotal: entries.length,
    points: {
      balance: account?.balance ?? 0,
      earned: account?.earned ?? 0,
      ledger: limit(newestFirst(mine('ledger'))).map((l) => ({
        at: l.at,
        delta: l.delta,
        kind: l.kind,
        title: l.title,
      })),
    },
    reports: limit(newestFirst(mine('reports').map((r) => ({ ...r, at: r.createdAt })))).map((r) => ({
      at: r.at,
      category: r.category,
      text: r.text,
      status: REPORT_STATUS_TEXT[r.status] ?? r.status,
    })),
    redemptions: limit(newestFirst(mine('redemptions'))).map((r) => ({
      at: r.at,
      itemName: r.itemName,
      cost: r.cost,
      status: REDEMPTION_STATUS_TEXT[r.status] ?? r.status,
    })),
    signups: limit(newestFirst(signups)).map((s) => ({
      at: s.at,
      activityTitle: activities.find((a) => a._id === s.activityId)?.title ?? '已删除的活动',
      status: SIGNUP_STATUS_TEXT[s.status] ?? s.status,
    })),
    reads: limit(newestFirst([...reviewReads, ...gateReads])),
    deleteBlockers: blockers,
  }
  return answer
}

const COLLECTION_NAMES: Record<string, string> = {
  users: '账号',
  couriers: '小哥注册信息',
  pointsAccounts: '积分账户',
  rateLimits: '频率限制计数',
  reviewLogs: '审核记录',
  accessLogs: '进出记录',
  passAliases: '小哥码当日化名',
  signups: '活动报名',
  ledger: '积分明细',
  monthlyEarned: '月度积分',
  redemptions: '积分兑换',
  reports: '随手拍',
  wishes: '心愿清单',
  notices: '通知',
  dataReads: '谁查看过我的信息',
  activities: '我发布的活动',
  themes: '我编辑的主题',
  invitations: '我经手的邀请',
  staff: '工作人员任职',
  staffLogs: '我经手的人员变动',
  pickupCodes: '取货码占用',
  counterHolds: '名额与库存预留',
}

/** The time a document is about, whatever its collection calls it. */
function timeOf(doc: Record<string, unknown>): number | null {
  for (const key of ['at', 'createdAt', 'grantedAt', 'updatedAt']) {
    if (typeof doc[key] === 'number') return doc[key]
  }
  return null
}

/**
 * A document as exported: anyone but the caller named in it is shown by what they were (工作人员), never by
 * their id. A document that is about someone else and only names the caller as who acted
 * (a secretary's own review of another courier) is reduced to what the caller did and when.
 */
export function exportedDocument(
  name: CollectionName,
  doc: Record<string, unknown>,
  openid: string,
): Record<string, unknown> {
  const holding = PERSONAL_DATA[name]
  const subject = 'subject' in holding ? (holding.subject ?? []) : []
  const actor = 'actor' in holding ? (holding.actor ?? []) : []
  const isIdOwner = 'idIsOpenid' in holding && holding.idIsOpenid === true
  const aboutCaller = isIdOwner || 'linked' in holding || subject.some((f) => doc[f] === openid)
  if (!aboutCaller) {
    return { _id: doc._id, 我的操作: actor.filter((f) => doc[f] === openid), 时间: timeOf(doc) }
  }
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'version') continue
    const namesSomeoneElse = [...subject, ...actor].includes(key) && typeof value === 'string' && value !== openid
    out[key] = namesSomeoneElse ? '工作人员' : value
  }
  return out
}

/** One readable line of a document: its fields, except the id and the time, as 名=值. */
function summary(doc: Record<string, unknown>): string {
  return Object.entries(doc)
    .filter(([key]) => key !== '_id' && key !== '时间')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('；')
}

export function exportFiles(records: Records, openid: string, now: number) {
  const exported: Record<string, Array<Record<string, unknown>>> = {}
  let count = 0
  for (const [name, docs] of Object.entries(records)) {
    exported[name] = (docs ?? []).map((d) =>
      exportedDocument(name as CollectionName, d as Record<string, unknown>, openid),
    )
    count += exported[name].length
  }
  const json = JSON.stringify(
    {
      说明: '小哥友好为你保存的全部个人信息（按数据表分组）。你的微信账号标识（OPENID）原样列出；其他人只写明身份，不含其信息。',
      导出时间: new Date(now).toISOString(),
      记录数: count,
      records: exported,
    },
    null,
    2,
  )
  const rows = Object.entries(exported).flatMap(([name, docs]) =>
    docs.map((d) => {
      const at = timeOf(d) ?? (typeof d['时间'] === 'number' ? d['时间'] : null)
      return [COLLECTION_NAMES[name] ?? name, String(d._id), at === null ? '' : new Date(at).toISOString(), summary(d)]
    }),
  )
  // A BOM so that Excel and WPS open the UTF-8 Chinese text correctly.
  const csv = stringify(rows, { header: true, columns: ['类别', '记录编号', '时间', '内容'], bom: true })
  return { fileName: `小哥友好-我的数据-${chinaDateText(now).replace(/-/g, '')}`, json, csv, records: count }
}

/** The export: every record held about the caller, as JSON and as a spreadsheet-readable CSV. */
export const exportMyData: Handler<'account', 'exportMyData'> = async ({ ctx }) => {
  const records = await readPersonalData(ctx.store, ctx.caller.openid)
  return exportFiles(records, ctx.caller.openid, ctx.clock.now())
}

/**
 * The separate consent to entry records (PIPL Art. 29): withdrawn, no code is issued or let in until it is
 * given again (pass/issue.ts, pass/entry.ts). Giving it again is a fresh consent with its own date.
 */
export const setMovementConsent: Handler<'account', 'setMovementConsent'> = async ({ ctx, input }) => {
  const now = ctx.clock.now()
  return ctx.store.transaction(async (tx) => {
    const courier = await tx.collection('couriers').get(ctx.caller.openid)
    if (!courier || courier.erasingAs) throw new AppError('NOT_FOUND', '没有找到你的注册信息')
    if (input.given) {
      const at = courier.movementConsentAt ?? now
      await tx.collection('couriers').update(courier._id, { set: { movementConsentAt: at, updatedAt: now } })
      return { movementAt: at, movementWithdrawnAt: courier.movementConsentWithdrawnAt ?? null }
    }
    if (courier.movementConsentAt === undefined) {
      return { movementAt: null, movementWithdrawnAt: courier.movementConsentWithdrawnAt ?? null }
    }
    await tx
      .collection('couriers')
      .update(courier._id, { set: { movementConsentWithdrawnAt: now, updatedAt: now }, unset: ['movementConsentAt'] })
    return { movementAt: null, movementWithdrawnAt: now }
  })
}
