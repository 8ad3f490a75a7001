import type { ActionName, FunctionName, Role, RoleBinding, User } from '../../types'
import { AppError } from './errors'

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

export interface Rule {
  allow: readonly Audience[]
}

/**
 * The one place that says who may call what. Every action of every function must have a rule (the type
 * enforces it), and a test walks the whole table. Rules about *which community* a staff member may act on
 * are checked by the handler through `requireCommunityRole`, since the community comes from the data.
 */
export const POLICY: { [F in FunctionName]: { [A in ActionName<F>]: Rule } } = {
  account: {
    me: { allow: ['anyone'] },
    listCommunities: { allow: ['anyone'] },
    // A visitor becomes a courier by registering; staff may also deliver part-time.
    register: { allow: ['anyone'] },
    reviewQueue: { allow: ['secretary', 'admin'] },
    review: { allow: ['secretary', 'admin'] },
    myCommunities: { allow: ['guard', 'manager', 'secretary', 'admin'] },
    saveCommunity: { allow: ['admin'] },
    // who may invite, list or revoke which role, in which community: account/domain/staff-rules.ts
    createInvitation: { allow: ['manager', 'secretary', 'admin'] },
    listInvitations: { allow: ['manager', 'secretary', 'admin'] },
    revokeInvitation: { allow: ['manager', 'secretary', 'admin'] },
    // anyone: the invitee may be someone the system has never seen
    invitationInfo: { allow: ['anyone'] },
    acceptInvitation: { allow: ['anyone'] },
    listStaff: { allow: ['manager', 'secretary', 'admin'] },
    revokeStaff: { allow: ['manager', 'secretary', 'admin'] },
    staffTodo: { allow: ['manager', 'secretary', 'admin'] },
  },
  pass: {
    // anyone: a visitor is told to register (NOT_APPROVED) rather than refused outright
    issue: { allow: ['anyone'] },
    verify: { allow: ['guard'] },
    publicKeys: { allow: ['anyone'] },
    accessLog: { allow: ['manager', 'secretary', 'admin'] },
    listGates: { allow: ['manager', 'secretary', 'admin'] },
    saveGate: { allow: ['manager', 'admin'] },
    // printing a gate's 场所码 is part of managing the gates
    placeCode: { allow: ['manager', 'secretary', 'admin'] },
    // the courier scans the gate's 场所码 themselves; their record's status is checked by the handler
    enterByPlace: { allow: ['courier'] },
  },
  points: {
    // couriers see their community's activities; staff see the communities they work for (checked in the handler)
    listActivities: { allow: ['courier', 'secretary', 'admin'] },
    saveActivity: { allow: ['secretary', 'admin'] },
    cancelActivity: { allow: ['secretary', 'admin'] },
    signUp: { allow: ['courier'] },
    withdraw: { allow: ['courier'] },
    listSignups: { allow: ['secretary', 'admin'] },
    attend: { allow: ['secretary', 'admin'] },
    myPoints: { allow: ['courier'] },
    listItems: { allow: ['courier', 'secretary', 'admin'] },
    saveItem: { allow: ['secretary', 'admin'] },
    redeem: { allow: ['courier'] },
    myRedemptions: { allow: ['courier'] },
    // station staff are the secretaries of the station's community
    confirmPickup: { allow: ['secretary', 'admin'] },
    // the courier cancels their own; staff may cancel any of their stations' (checked in the handler)
    cancelRedemption: { allow: ['courier', 'secretary', 'admin'] },
    ranking: { allow: ['courier', 'secretary', 'admin'] },
    submitReport: { allow: ['courier'] },
    // couriers list their own reports; staff the community's queue (checked in the handler)
    listReports: { allow: ['courier', 'secretary', 'admin'] },
    reviewReport: { allow: ['secretary', 'admin'] },
    addWish: { allow: ['courier'] },
    listWishes: { allow: ['courier', 'secretary', 'admin'] },
    listStations: { allow: ['courier', 'secretary', 'admin'] },
    myNotices: { allow: ['courier'] },
    markNoticesRead: { allow: ['courier'] },
  },
  services: {
    // anyone: a visitor may browse services before registering
    nearbyStations: { allow: ['anyone'] },
    nearbyMeals: { allow: ['anyone'] },
    nearbyRooms: { allow: ['anyone'] },
    placeDetail: { allow: ['anyone'] },
    getTheme: { allow: ['anyone'] },
    monthThemes: { allow: ['anyone'] },
    // the station's community is checked by the handler
    saveTheme: { allow: ['secretary', 'admin'] },
    withdrawTheme: { allow: ['secretary', 'admin'] },
    copyLastWeekTheme: { allow: ['secretary', 'admin'] },
    listManaged: { allow: ['secretary', 'admin'] },
    saveStation: { allow: ['secretary', 'admin'] },
    saveMeal: { allow: ['secretary', 'admin'] },
    saveRoom: { allow: ['secretary', 'admin'] },
    setRoomUnits: { allow: ['secretary', 'admin'] },
  },
}

export function ruleFor(fn: FunctionName, action: string): Rule | undefined {
  return (POLICY[fn] as Record<string, Rule>)[action]
}

export function isAllowed(rule: Rule, caller: Caller): boolean {
  return rule.allow.some((a) => a === 'anyone' || caller.roles.some((b) => b.role === a))
}

/** True when the caller holds `role` for `communityId`; admins hold every role everywhere. */
export function hasCommunityRole(caller: Caller, roles: readonly Role[], communityId: string): boolean {
  return caller.roles.some((b) => b.role === 'admin' || (roles.includes(b.role) && b.communityId === communityId))
}

export function requireCommunityRole(caller: Caller, roles: readonly Role[], communityId: string): void {
  if (!hasCommunityRole(caller, roles, communityId))
    throw new AppError('FORBIDDEN', '你不是该社区的工作人员，无法进行此操作')
}

export function callerFrom(openid: string, user: User | null, adminOpenids: ReadonlySet<string>): Caller {
  const roles = [...(user?.roles ?? [])]
  if (adminOpenids.has(openid) && !roles.some((r) => r.role === 'admin')) roles.push({ role: 'admin' })
  return { openid, user, roles }
}
