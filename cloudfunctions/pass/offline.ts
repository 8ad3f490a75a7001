import { sign } from 'node:crypto'
import {
  STATUS_LIST_CONTEXT,
  chinaDateText,
  type Courier,
  type OfflineCheck,
  type SignedStatusList,
  type StatusListBody,
  type UploadOfflineChecksOutput,
} from '../../types'
import type { Context, Handler } from '../shared/handler'
import { hashId } from '../shared/ids'
import { maskName } from '../shared/mask'
import { photoUrls } from '../shared/photos'
import { StoreError } from '../shared/store/port'
import { courierByAlias } from './aliases'
import { aliasKeyOf, dayAlias } from './domain/alias'
import { checkToken } from './domain/token'
import { accessLogEntry, courierEntryCode, guardBinding, type GateBinding } from './entry'
import { requireKeys } from './keys'
import { countAgainstRateLimit } from './rate-limit'

const DAY_MS = 86_400_000
/** Read in pages of this many; a community's list holds at most MAX_LISTED couriers. */
const PAGE = 1000
const MAX_LISTED = 10_000
/** Upload calls a guard may make in any minute (each carries up to MAX_OFFLINE_UPLOAD checks). */
export const UPLOADS_PER_MINUTE = 10
/** Photo URLs answered with a list at most: what a guard's phone keeps for offline checks (see offline-gate.ts). */
export const MAX_LISTED_PHOTOS = 300

/**
 * The signed status lists a guard's phone keeps for checks without network: the community's approved couriers
 * by their aliases of today and of tomorrow, with the masked name, platform and photo the green card shows.
 * The signed entries carry each photo's stored reference (which shows nothing by itself); `photos` maps those
 * to short-lived URLs, so the phone downloads and keeps the photos of this list while it is online.
 */
export const statusList: Handler<'pass', 'statusList'> = async ({ ctx }) => {
  const at = guardBinding(ctx)
  const keys = requireKeys(ctx)
  const aliasKey = aliasKeyOf(keys.active.privateKey)
  const now = ctx.clock.now()
  const approved: Courier[] = []
  for (let skip = 0; skip < MAX_LISTED; skip += PAGE) {
    const page = await ctx.store
      .collection('couriers')
      .find({ communityId: at.communityId, status: 'approved' }, { orderBy: [['_id', 'asc']], limit: PAGE, skip })
    approved.push(...page)
    if (page.length < PAGE) break
  }
  if (approved.length >= MAX_LISTED) console.warn(`[pass] status list of ${at.communityId} cut at ${MAX_LISTED}`)
  const lists = [chinaDateText(now), chinaDateText(now + DAY_MS)].map((day): SignedStatusList => {
    const body: StatusListBody = {
      v: 1,
      communityId: at.communityId,
      day,
      issuedAt: now,
      entries: approved
        .filter((c) => courierEntryCode(c) === 'OK' && c.passId)
        .map((c) => [dayAlias(aliasKey, c.passId!, day), maskName(c.name), c.platform, c.photoUrl ?? '']),
    }
    const list = JSON.stringify(body)
    const signature = sign(null, Buffer.from(STATUS_LIST_CONTEXT + list, 'utf8'), keys.active.privateKey)
    return { list, kid: keys.active.kid, signature: signature.toString('base64url') }
  })
  const listed = approved.filter((c) => courierEntryCode(c) === 'OK' && c.passId && c.photoUrl)
  const refs = listed.slice(0, MAX_LISTED_PHOTOS).map((c) => c.photoUrl)
  // Without URLs the lists still judge: the offline card then asks the guard to check an ID instead.
  const urls = await photoUrls(ctx, refs).catch(() => new Map<string, string>())
  return { lists, issuedAt: now, photos: Object.fromEntries(urls) }
}

type Result = UploadOfflineChecksOutput['results'][number]

/**
 * Checks a guard made on the phone without network, uploaded once it is back. Each is judged again as the
 * server sees it now (the code at the time it was checked, the courier's current status), logged at its own
 * time marked offline, with the shared-code rule applied; a courier let in who may not enter (suspended since
 * the phone's list was made, unknown, a bad code) is flagged as a late refusal. Uploading a check again — the
 * phone retries until it hears back — changes nothing.
 */
export const uploadOfflineChecks: Handler<'pass', 'uploadOfflineChecks'> = async ({ ctx, input }) => {
  const at = guardBinding(ctx)
  // An hour offline at a busy gate is a few hundred checks, a few calls; more than this is not a queue.
  await countAgainstRateLimit(
    ctx.store,
    {
      key: `upload:${ctx.caller.openid}`,
      limit: UPLOADS_PER_MINUTE,
      message: (wait) => `上传过于频繁，请 ${wait} 秒后再试`,
    },
    ctx.clock.now(),
  )
  const results: Result[] = []
  for (const check of input.checks) results.push(await uploadOne(ctx, at, check))
  return { results }
}

/**
 * The courier as they stood at `at`: a check the phone made while the courier was approved was right, even if
 * they were suspended before the upload. The review log says when each status began.
 */
async function asAt(ctx: Context, courier: Courier, at: number): Promise<Courier> {
  const logs = await ctx.store
    .collection('reviewLogs')
    .find({ courierId: courier._id }, { orderBy: [['at', 'asc']], limit: 200 })
  if (logs.length === 0) return courier
  const before = logs.filter((l) => l.at <= at).pop()
  const after = logs.find((l) => l.at > at)
  const status = before?.to ?? after?.from ?? courier.status
  return { ...courier, status }
}

async function uploadOne(ctx: Context, at: GateBinding, check: OfflineCheck): Promise<Result> {
  const now = ctx.clock.now()
  const checkedAt = Math.min(check.checkedAt, now) // a phone's clock ahead of the server's is not the future
  const token = checkToken(requireKeys(ctx), check.token, checkedAt)
  const courier = token.ok ? await courierByAlias(ctx.store, token.claims.alias, token.claims.issuedAt * 1000) : null
  const code = token.ok ? courierEntryCode(courier && (await asAt(ctx, courier, checkedAt))) : token.code
  const letIn = check.verdict === 'allowed'
  const lateRefusal = letIn && code !== 'OK'
  const logs = ctx.store.collection('accessLogs')
  const entry = (finding: string, shared: boolean) => ({
    ...accessLogEntry(
      at,
      {
        courierId: courier?._id ?? null,
        allowed: letIn,
        code: finding,
        suspectedShared: shared,
        destination: token.ok ? token.claims.destination : undefined,
      },
      checkedAt,
    ),
    _id: hashId('offline-check', at.scannedBy ?? '', check.checkId),
    offline: true,
    uploadedAt: now,
    ...(lateRefusal ? { lateRefusal: true } : {}),
  })
  const insertOnce = (doc: ReturnType<typeof entry>) =>
    logs.insert(doc).catch((error: unknown) => {
      if (!(error instanceof StoreError && error.kind === 'DUPLICATE')) throw error
    })

  if (!(token.ok && letIn && code === 'OK')) {
    await insertOnce(entry(code, false))
    return { checkId: check.checkId, code, lateRefusal }
  }
  // As online: the first use of a code is logged under the code's id; a use at another gate is 疑似共享.
  try {
    await logs.insert({ ...entry('OK', false), _id: token.tokenId })
    return { checkId: check.checkId, code: 'OK', lateRefusal: false }
  } catch (error) {
    if (!(error instanceof StoreError && error.kind === 'DUPLICATE')) throw error
  }
  const first = await logs.get(token.tokenId)
  if (!first || first.gateId === at.gateId) return { checkId: check.checkId, code: 'OK', lateRefusal: false }
  await insertOnce(entry('SUSPECTED_SHARED', true))
  return { checkId: check.checkId, code: 'SUSPECTED_SHARED', lateRefusal: false }
}
