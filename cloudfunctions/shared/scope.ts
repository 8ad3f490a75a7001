import type { Courier, CourierStatus } from '../../types'
import { AppError } from './errors'
import {
  courierStatusesOf,
  holdsRoleIn,
  staffRolesOf,
  type Caller,
  type Rule,
  type Scope,
  type ScopedCollection,
} from './policy'
import type { AppStore, Collections } from './store/collections'

/** How the wrapper admitted the caller to a request: what the handler is told. */
export interface Admission {
  /** `staff` of the scoped community (or an admin), a `courier` (of it, when scoped), or `anyone`. */
  as: 'staff' | 'courier' | 'anyone'
  /** The community the request touches; null when the rule has no scope (or the request is the caller's own). */
  communityId: string | null
  /** The document the scope named, already loaded. */
  doc: { collection: ScopedCollection; value: { _id: string; communityId: string } } | null
  /** The caller's courier record when admitted as a courier. */
  courier: Courier | null
}

const NOT_APPROVED_MESSAGES: Record<CourierStatus | 'none', string> = {
  none: '请先注册成为认证小哥',
  pending: '你的注册还在审核中，审核通过后才能使用',
  rejected: '你的注册未通过审核，请修改信息后重新提交',
  suspended: '你的小哥认证已暂停，暂时不能使用这项功能',
  approved: '你的小哥认证状态不允许这项操作',
}

/** A courier whose deletion has started (account/erase.ts) is no one's courier any more. */
const ERASING_MESSAGE = '你的账号正在注销，不能再使用这项功能'
const NOT_STAFF_MESSAGE = '你不是该社区的工作人员，无法进行此操作'
const OTHER_COMMUNITY_MESSAGE = '只能查看自己所在社区的内容'

function requireStatus(rule: Rule, courier: Courier | null): Courier {
  if (!courier) throw new AppError('NOT_APPROVED', NOT_APPROVED_MESSAGES.none)
  if (courier.erasingAs) throw new AppError('NOT_APPROVED', ERASING_MESSAGE)
  if (!courierStatusesOf(rule).includes(courier.status))
    throw new AppError('NOT_APPROVED', NOT_APPROVED_MESSAGES[courier.status])
  return courier
}

function field(input: unknown, name: string): string | undefined {
  const value = (input as Record<string, unknown>)[name]
  return typeof value === 'string' ? value : undefined
}

function pick<T>(value: T | Readonly<Record<string, T>>, input: unknown, byField: string | undefined): T {
  if (byField === undefined) return value as T
  return (value as Readonly<Record<string, T>>)[field(input, byField) ?? '']
}

type ScopedDocument = { _id: string; communityId: string }

/** What `admit` will read, started before the caller's roles are known (see `startAdmission`). */
export interface AdmissionReads {
  courier?: Promise<Courier | null>
  doc?: { collection: ScopedCollection; id: string; value: Promise<ScopedDocument | null> }
}

/** The collection and id of the document a rule's scope names in this input, if it names one. */
function namedDocument(scope: Scope | undefined, input: unknown): { collection: ScopedCollection; id: string } | null {
  if (!scope) return null
  if (scope.from === 'input') {
    const id = scope.existing ? field(input, scope.existing.field) : undefined
    return scope.existing && id !== undefined ? { collection: scope.existing.collection, id } : null
  }
  const byField = typeof scope.collection === 'string' ? undefined : scope.collection.byField
  const collection =
    typeof scope.collection === 'string' ? scope.collection : pick(scope.collection.kinds, input, byField)
  return collection ? { collection, id: field(input, scope.field) ?? '' } : null
}

/**
 * Starts the reads `admit` may need — the caller's courier record (only a rule that admits couriers reads it) and the
 * document the scope names — so that they run beside the read of the caller's user record instead of after
 * it. They only read; what they find is used only by `admit`. Failures are marked handled: a request refused
 * before `admit` never awaits them.
 */
export function startAdmission(rule: Rule, openid: string, input: unknown, store: AppStore): AdmissionReads {
  const reads: AdmissionReads = {}
  if (rule.allow.includes('courier')) {
    reads.courier = store.collection('couriers').get(openid)
    reads.courier.catch(() => undefined)
  }
  const named = namedDocument(rule.scope, input)
  if (named) {
    const value: Promise<ScopedDocument | null> = store.collection(named.collection).get(named.id)
    value.catch(() => undefined)
    reads.doc = { ...named, value }
  }
  return reads
}

/**
 * Applies a rule's scope and courier status to one request (the caller already holds an allowed role somewhere,
 * see `isAllowed`). Reads at most the named document and the caller's courier record; throws the refusal.
 */
export async function admit(
  rule: Rule,
  caller: Caller,
  input: unknown,
  store: AppStore,
  started: AdmissionReads = {},
): Promise<Admission> {
  const staffRoles = staffRolesOf(rule)
  const admitsCouriers = rule.allow.includes('courier')
  const admitsAnyone = rule.allow.includes('anyone')
  let courierRecord: Courier | null | undefined
  const courier = async () =>
    (courierRecord ??= await (started.courier ?? store.collection('couriers').get(caller.openid)))
  const load = (collection: ScopedCollection, id: string) =>
    started.doc && started.doc.collection === collection && started.doc.id === id
      ? started.doc.value
      : store.collection(collection).get(id)
  const asCourier = async (communityId: string | null): Promise<Admission> => {
    const found = await courier()
    if (!found && rule.courierRecord === 'optional') return { as: 'courier', communityId, doc: null, courier: null }
    const record = requireStatus(rule, found)
    return { as: 'courier', communityId: communityId ?? record.communityId, doc: null, courier: record }
  }
  const holdsStaffRole = caller.roles.some((b) => staffRoles.includes(b.role))

  const scope: Scope | undefined = rule.scope
  if (!scope) {
    if (admitsAnyone) return { as: 'anyone', communityId: null, doc: null, courier: null }
    if (holdsStaffRole) return { as: 'staff', communityId: null, doc: null, courier: null }
    return asCourier(null)
  }

  let communityId: string
  let doc: Admission['doc'] = null
  if (scope.from === 'input') {
    const requested = field(input, scope.field)
    if (requested === undefined) {
      // `self`: a courier's own records; a staff member who is no courier gets their own community instead.
      if (scope.whenAbsent === 'self' && ((await courier()) || !holdsStaffRole)) return asCourier(null)
      communityId = ownCommunity(caller, rule, staffRoles, admitsCouriers ? await courier() : null)
    } else {
      communityId = requested
    }
    const existingId = scope.existing ? field(input, scope.existing.field) : undefined
    if (scope.existing && existingId !== undefined) {
      const existing = await load(scope.existing.collection, existingId)
      if (existing?.communityId !== communityId) throw new AppError('NOT_FOUND', scope.existing.missing)
      doc = { collection: scope.existing.collection, value: existing }
    }
  } else {
    const byField = typeof scope.collection === 'string' ? undefined : scope.collection.byField
    const collection =
      typeof scope.collection === 'string' ? scope.collection : pick(scope.collection.kinds, input, byField)
    const missing = pick(scope.missing, input, byField)
    const found = await load(collection, field(input, scope.field) ?? '')
    const refuse = () => new AppError('NOT_FOUND', missing)
    if (!found) throw refuse()
    communityId = found.communityId
    doc = { collection, value: found }
    if (holdsRoleIn(caller, staffRoles, communityId)) return { as: 'staff', communityId, doc, courier: null }
    const record = admitsCouriers ? await courier() : null
    const owned = !scope.owner || (found as unknown as Record<string, unknown>)[scope.owner] === caller.openid
    if (record?.communityId === communityId && owned) {
      return { as: 'courier', communityId, doc, courier: requireStatus(rule, record) }
    }
    if (admitsAnyone) return { as: 'anyone', communityId, doc, courier: null }
    // Staff are told plainly that it is not their community; to anyone else the document does not exist.
    if (holdsStaffRole) throw new AppError('FORBIDDEN', NOT_STAFF_MESSAGE)
    throw refuse()
  }

  if (holdsRoleIn(caller, staffRoles, communityId)) return { as: 'staff', communityId, doc, courier: null }
  const record = admitsCouriers ? await courier() : null
  if (record?.communityId === communityId) {
    return { as: 'courier', communityId, doc, courier: requireStatus(rule, record) }
  }
  if (admitsAnyone) return { as: 'anyone', communityId, doc, courier: null }
  throw new AppError('FORBIDDEN', holdsStaffRole || !admitsCouriers ? NOT_STAFF_MESSAGE : OTHER_COMMUNITY_MESSAGE)
}

/**
 * The caller's own community when a request names none: their courier record's, when it may act under the rule;
 * else their first staff binding's; else (to be told why) their courier record's.
 */
function ownCommunity(caller: Caller, rule: Rule, staffRoles: readonly string[], courier: Courier | null): string {
  if (courier && courierStatusesOf(rule).includes(courier.status)) return courier.communityId
  const binding = caller.roles.find((b) => staffRoles.includes(b.role) && b.role !== 'admin' && b.communityId)
  const own = binding?.communityId ?? courier?.communityId
  if (!own) throw new AppError('NOT_FOUND', '请先选择社区')
  return own
}

/** The document the rule's scope named, typed by its collection (the wrapper loaded it). */
export function scopedDoc<C extends ScopedCollection>(admission: Admission, collection: C): Collections[C] {
  if (admission.doc?.collection !== collection) throw new Error(`the rule's scope names no ${collection} document`)
  return admission.doc.value as unknown as Collections[C]
}

/** The community the request touches (the rule must have a scope that names one). */
export function scopedCommunity(admission: Admission): string {
  if (admission.communityId === null) throw new Error('the rule has no community scope')
  return admission.communityId
}

/** The caller's courier record (the rule must admit them as a courier). */
export function admittedCourier(admission: Admission): Courier {
  if (!admission.courier) throw new Error('the caller was not admitted as a courier')
  return admission.courier
}
