import {
  COURIER_STATUSES,
  type ActionName,
  type CourierStatus,
  type FunctionName,
  type Role,
  type RoleBinding,
  type User,
} from '../../types'

/** Who is calling: always derived from the platform (WX context or the local demo header), never the body. */
export interface Caller {
  openid: string
  /** null for a visitor the system has never seen (every WeChat caller has an OPENID). */
  user: User | null
  /** Stored role bindings plus `admin` when the OPENID is in ADMIN_OPENIDS. */
  roles: RoleBinding[]
}

/** `anyone` includes visitors with no roles at all. */
export type Audience = 'anyone' | Role

/** The collections whose documents name the community a request touches. */
export type ScopedCollection =
  | 'activities'
  | 'couriers'
  | 'exchangeItems'
  | 'gates'
  | 'invitations'
  | 'meals'
  | 'redemptions'
  | 'reports'
  | 'rooms'
  | 'staff'
  | 'stations'

/**
 * Where the wrapper finds the community a request touches, before the handler runs.
 *
 * - `input`: the community id is a field of the request. Absent (when the contract makes it optional):
 *   `own` means the caller's own community (their courier record's, else their first staff binding's);
 *   `self` means the request touches only the caller's own records, so they are admitted as a courier (a
 *   staff member with no courier record gets their own community instead).
 *   `existing` names a document the request edits: when its id is given, the document must exist in the same
 *   community (so an edit cannot move another community's document into yours).
 * - `doc`: the request names a document; its `communityId` is the community. A missing document is NOT_FOUND,
 *   and so is one of another community (its existence is not confirmed to outsiders). `owner` names the field
 *   holding the courier a document belongs to: a courier is admitted only to their own.
 *   `kinds` picks the collection by another field of the request (a place's `kind`).
 */
export type Scope =
  | {
      from: 'input'
      field: 'communityId'
      whenAbsent?: 'own' | 'self'
      existing?: { field: string; collection: ScopedCollection; missing: string }
    }
  | {
      from: 'doc'
      field: string
      collection: ScopedCollection | { byField: string; kinds: Readonly<Record<string, ScopedCollection>> }
      missing: string | Readonly<Record<string, string>>
      owner?: 'courierId'
    }

/**
 * A rule: who may call the action, and on which community.
 *
 * - `allow`: the roles that may call it at all. With a `scope`, a staff role (guard, manager, secretary) counts
 *   only in the scoped community; `admin` counts everywhere; `courier` counts when the caller's courier record
 *   is of the scoped community. Staff roles listed beside `anyone` are the ones answered as staff (who see
 *   hidden places and draft themes); everyone else is answered as the public.
 * - `courierStatus`: what a caller admitted as a courier must be (default: approved). Checked for every rule
 *   that admits couriers, scoped or not.
 */
export interface Rule {
  allow: readonly Audience[]
  scope?: Scope
  courierStatus?: readonly CourierStatus[]
  /** `optional`: a courier with no courier record is admitted too, and the handler answers them itself. */
  courierRecord?: 'optional'
  /** One line for the table in docs/POLICY.md: what the handler still decides (domain rules only). */
  note?: string
}

const APPROVED: readonly CourierStatus[] = ['approved']
/** A suspended courier still reads and settles what is already theirs. */
const OWN_RECORDS: readonly CourierStatus[] = ['approved', 'suspended']
const EVERY_STATUS: readonly CourierStatus[] = COURIER_STATUSES

const community = (whenAbsent?: 'own' | 'self'): Scope => ({ from: 'input', field: 'communityId', whenAbsent })
const activity: Scope = { from: 'doc', field: 'activityId', collection: 'activities', missing: '没有这个活动' }
const station: Scope = { from: 'doc', field: 'stationId', collection: 'stations', missing: '没有这个驿站' }
const place: Scope = {
  from: 'doc',
  field: 'id',
  collection: { byField: 'kind', kinds: { station: 'stations', meal: 'meals', room: 'rooms' } },
  missing: { station: '没有找到这个驿站', meal: '没有找到这份骑士餐', room: '没有找到这个房源' },
}
const editing = (field: string, collection: ScopedCollection, missing: string): Scope => ({
  from: 'input',
  field: 'communityId',
  existing: { field, collection, missing },
})

/**
 * The one place that says who may call what, and on which community. Every action of every function has a rule
 * (the type enforces it); the wrapper applies it before the handler runs (`shared/scope.ts`), and
 * docs/POLICY.md is generated from it (`npm run docs:policy`) and checked against it by a test.
 * Handlers keep only the rules that are about the domain, written in each rule's `note`.
 */
export const POLICY: { [F in FunctionName]: { [A in ActionName<F>]: Rule } } = {
  account: {
    me: { allow: ['anyone'] },
    listCommunities: { allow: ['anyone'] },
    register: { allow: ['anyone'], note: 'a visitor becomes a courier by registering; staff may also deliver' },
    reviewQueue: { allow: ['secretary', 'admin'], scope: community() },
    review: {
      allow: ['secretary', 'admin'],
      scope: { from: 'doc', field: 'courierId', collection: 'couriers', missing: '找不到这位小哥的注册信息' },
      note: 'no one reviews their own registration; the status must allow the decision',
    },
    replacePhoto: {
      allow: ['courier'],
      courierStatus: ['pending', 'approved'],
      note: 'approved: the new photo waits for review, the green card keeps the old one until it is approved',
    },
    reviewPhoto: {
      allow: ['secretary', 'admin'],
      scope: { from: 'doc', field: 'courierId', collection: 'couriers', missing: '找不到这位小哥的注册信息' },
      note: 'no one reviews their own photo; only a replacement still waiting',
    },
    myCommunities: {
      allow: ['guard', 'manager', 'secretary', 'admin'],
      note: 'the communities of the caller’s own bindings',
    },
    saveCommunity: { allow: ['admin'] },
    createInvitation: {
      allow: ['manager', 'secretary', 'admin'],
      scope: community(),
      note: 'which role one may invite: a secretary managers and guards, a manager guards (staff-rules.ts)',
    },
    listInvitations: { allow: ['manager', 'secretary', 'admin'], scope: community() },
    revokeInvitation: {
      allow: ['manager', 'secretary', 'admin'],
      scope: { from: 'doc', field: 'invitationId', collection: 'invitations', missing: '没有这个邀请' },
    },
    invitationInfo: { allow: ['anyone'], note: 'the invitee may be someone the system has never seen' },
    acceptInvitation: { allow: ['anyone'], note: 'not one’s own invitation; one gate per guard' },
    listStaff: { allow: ['manager', 'secretary', 'admin'], scope: community() },
    revokeStaff: {
      allow: ['manager', 'secretary', 'admin'],
      scope: { from: 'doc', field: 'staffId', collection: 'staff', missing: '没有这位工作人员' },
      note: 'only a role one may grant, and never one’s own',
    },
    staffTodo: { allow: ['manager', 'secretary', 'admin'], scope: community() },
    myData: { allow: ['anyone'], note: 'only the caller’s own records (a visitor has none)' },
    exportMyData: { allow: ['anyone'], note: 'only the caller’s own records; other people’s ids are replaced' },
    setMovementConsent: { allow: ['courier'], courierStatus: EVERY_STATUS },
    deleteMyAccount: {
      allow: ['anyone'],
      note: 'not while holding a staff role, an open redemption or a place in an activity not yet ended',
    },
  },
  pass: {
    issue: {
      allow: ['anyone'],
      note: 'a visitor or an unapproved courier is told why (NOT_APPROVED) rather than refused outright',
    },
    issueSupply: {
      allow: ['anyone'],
      note: 'as issue: 35 minutes of future codes for no signal, each valid only in its own minute',
    },
    verify: {
      allow: ['guard'],
      note: 'the community and gate are the guard’s own binding, never the request’s; a rate limit per guard',
    },
    statusList: {
      allow: ['guard'],
      note: 'the guard’s own community only: approved couriers by today’s and tomorrow’s aliases, masked',
    },
    uploadOfflineChecks: {
      allow: ['guard'],
      note: 'at the guard’s own gate; idempotent by check id; a courier let in but no longer approved is flagged',
    },
    publicKeys: { allow: ['anyone'] },
    accessLog: { allow: ['manager', 'secretary', 'admin'], scope: community() },
    listGates: { allow: ['manager', 'secretary', 'admin'], scope: community() },
    saveGate: { allow: ['manager', 'admin'], scope: editing('gateId', 'gates', '该社区没有这个门岗') },
    placeCode: {
      allow: ['manager', 'secretary', 'admin'],
      scope: { from: 'doc', field: 'gateId', collection: 'gates', missing: '没有这个门岗' },
    },
    enterByPlace: {
      allow: ['courier'],
      courierStatus: EVERY_STATUS,
      courierRecord: 'optional',
      note: 'the gate is the signed code’s; a courier who may not enter is refused and the refusal logged',
    },
  },
  points: {
    listActivities: { allow: ['courier', 'secretary', 'admin'], scope: community('own') },
    saveActivity: { allow: ['secretary', 'admin'], scope: editing('activityId', 'activities', '该社区没有这个活动') },
    cancelActivity: { allow: ['secretary', 'admin'], scope: activity },
    signUp: { allow: ['courier'], scope: activity, note: 'before the start, while places are left' },
    withdraw: { allow: ['courier'], scope: activity, courierStatus: OWN_RECORDS, note: 'before the start' },
    listSignups: { allow: ['secretary', 'admin'], scope: activity },
    attend: {
      allow: ['secretary', 'admin'],
      scope: activity,
      note: 'no one confirms their own attendance; the courier must be one who may earn points',
    },
    myPoints: { allow: ['courier'], courierStatus: OWN_RECORDS },
    listItems: { allow: ['courier', 'secretary', 'admin'], scope: community('own') },
    saveItem: {
      allow: ['secretary', 'admin'],
      scope: station,
      note: 'the item must be the station’s; its stock moves by the change made, never back to a number read earlier',
    },
    redeem: {
      allow: ['courier'],
      scope: { from: 'doc', field: 'itemId', collection: 'exchangeItems', missing: '没有这个兑换物品' },
      note: 'enough points and stock; a request key answers only the item it was first used for',
    },
    myRedemptions: { allow: ['courier'], courierStatus: OWN_RECORDS },
    confirmPickup: { allow: ['secretary', 'admin'], scope: station },
    cancelRedemption: {
      allow: ['courier', 'secretary', 'admin'],
      scope: {
        from: 'doc',
        field: 'redemptionId',
        collection: 'redemptions',
        missing: '没有这个兑换',
        owner: 'courierId',
      },
      courierStatus: OWN_RECORDS,
    },
    ranking: { allow: ['courier', 'secretary', 'admin'], scope: community('own') },
    submitReport: { allow: ['courier'], note: 'the report is filed in the courier’s own community' },
    listReports: {
      allow: ['courier', 'secretary', 'admin'],
      scope: community('self'),
      courierStatus: OWN_RECORDS,
      note: 'staff read the community’s queue; a courier reads only their own reports',
    },
    reviewReport: {
      allow: ['secretary', 'admin'],
      scope: { from: 'doc', field: 'reportId', collection: 'reports', missing: '没有这条随手拍' },
      note: 'no one reviews their own report; points go only to a courier who may earn them',
    },
    addWish: { allow: ['courier'], scope: station },
    listWishes: { allow: ['courier', 'secretary', 'admin'], scope: community('own') },
    listStations: { allow: ['courier', 'secretary', 'admin'], scope: community('own') },
    myNotices: { allow: ['courier'], courierStatus: EVERY_STATUS },
    markNoticesRead: { allow: ['courier'], courierStatus: EVERY_STATUS },
  },
  services: {
    nearbyStations: {
      allow: ['anyone'],
      note: 'a visitor may browse services before registering; hidden places are left out',
    },
    nearbyMeals: { allow: ['anyone'] },
    nearbyRooms: { allow: ['anyone'] },
    placeDetail: { allow: ['anyone', 'secretary', 'admin'], scope: place, note: 'a hidden place only for staff' },
    getTheme: { allow: ['anyone', 'secretary', 'admin'], scope: station, note: 'a draft only for staff' },
    monthThemes: { allow: ['anyone'], note: 'published themes of visible stations only' },
    saveTheme: { allow: ['secretary', 'admin'], scope: station },
    withdrawTheme: { allow: ['secretary', 'admin'], scope: station },
    copyLastWeekTheme: { allow: ['secretary', 'admin'], scope: station },
    listManaged: { allow: ['secretary', 'admin'], scope: community() },
    saveStation: { allow: ['secretary', 'admin'], scope: editing('id', 'stations', '该社区没有这个驿站') },
    saveMeal: { allow: ['secretary', 'admin'], scope: editing('id', 'meals', '该社区没有这个骑士餐') },
    saveRoom: { allow: ['secretary', 'admin'], scope: editing('id', 'rooms', '该社区没有这个房源') },
    setRoomUnits: {
      allow: ['secretary', 'admin'],
      scope: { from: 'doc', field: 'roomId', collection: 'rooms', missing: '没有这个房源' },
    },
  },
}

export function ruleFor(fn: FunctionName, action: string): Rule | undefined {
  return Object.hasOwn(POLICY[fn], action) ? (POLICY[fn] as Record<string, Rule>)[action] : undefined
}

/** Whether the caller holds any role the rule allows (in any community): the first gate, before the scope. */
export function isAllowed(rule: Rule, caller: Caller): boolean {
  return rule.allow.some((a) => a === 'anyone' || caller.roles.some((b) => b.role === a))
}

const STAFF_AUDIENCES = new Set<Audience>(['guard', 'manager', 'secretary', 'admin'])

/** The staff roles a rule allows: the ones that count in the scoped community. */
export function staffRolesOf(rule: Rule): Role[] {
  return rule.allow.filter((a): a is Role => STAFF_AUDIENCES.has(a))
}

/** Whether the caller holds one of `roles` in `communityId`; `admin`, when listed, holds every community. */
export function holdsRoleIn(caller: Caller, roles: readonly Role[], communityId: string): boolean {
  return caller.roles.some(
    (b) => roles.includes(b.role) && (b.role === 'admin' || (b.role !== 'courier' && b.communityId === communityId)),
  )
}

/** The statuses a caller admitted as a courier may have under the rule. */
export function courierStatusesOf(rule: Rule): readonly CourierStatus[] {
  return rule.courierStatus ?? APPROVED
}

export function callerFrom(openid: string, user: User | null, adminOpenids: ReadonlySet<string>): Caller {
  const roles = [...(user?.roles ?? [])]
  if (adminOpenids.has(openid) && !roles.some((r) => r.role === 'admin')) roles.push({ role: 'admin' })
  return { openid, user, roles }
}
