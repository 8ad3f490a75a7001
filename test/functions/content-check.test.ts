import { SEED_COURIERS } from '../../local/seed-data'
import * as cloud from 'wx-server-sdk'
import {
  ERROR_MESSAGES,
  MEDIA_CHECK_WAIT_MS,
  type Envelope,
  type HazardReport,
  type ReportView,
  type User,
} from '../../types'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import {
  applyMediaCheck,
  wechatContentCheck,
  type SecurityOpenApi,
  type TempFileUrlApi,
} from '../../cloudfunctions/shared/content-check'
import { createCloudBaseStore } from '../../cloudfunctions/shared/store/cloudbase'
import { INDEXES, type Collections } from '../../cloudfunctions/shared/store/collections'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { testPhotoAccess, testPhotoUrl } from '../support/photos'
import { connectSdk } from '../support/cloudbase-standin/sdk'
import { startCloudBaseStandIn } from '../support/cloudbase-standin/server'
import { TEST_NOW } from '../support/clock'
import { snapshotDatabase } from '../support/db-snapshot'

type MsgSecCheckRequest = Parameters<SecurityOpenApi['security']['msgSecCheck']>[0]
type MediaCheckRequest = Parameters<SecurityOpenApi['security']['mediaCheckAsync']>[0]
type TempUrlRequest = Parameters<TempFileUrlApi['getTempFileURL']>[0]

const PHOTO = 'cloud://xiaoge-env.7869-xiaoge-env-1300000000/reports/courier-photo.jpg'
const TEMP_URL = 'https://7869-xiaoge-env-1300000000.tcb.qcloud.la/reports/courier-photo.jpg?sign=abc&t=1'
const RISKY_WORD = '违禁词'
const REVIEW_WORD = '待复核词'

/**
 * WeChat at the openapi boundary: the objects cloudbase-main hands to wechatContentCheck (`cloud.openapi` and
 * `cloud` for getTempFileURL). Replies have the shape wx-server-sdk 4.0.2 returns: WeChat's JSON in camelCase
 * (`trace_id` → `traceId`), `errcode`/`errmsg` replaced by `errCode: 0` and `errMsg`; a WeChat error is thrown.
 * A text containing RISKY_WORD is risky, REVIEW_WORD needs review, anything else passes.
 */
function fakeWeChat() {
  const texts: MsgSecCheckRequest[] = []
  const media: MediaCheckRequest[] = []
  const urls: TempUrlRequest[] = []
  const state = { failing: false, traces: 0 }
  const openapi: SecurityOpenApi = {
    security: {
      msgSecCheck: async (request) => {
        texts.push(request)
        if (state.failing)
          throw Object.assign(new Error('errCode: 45009 reach max api daily quota limit'), { errCode: 45009 })
        const suggest = request.content.includes(RISKY_WORD)
          ? 'risky'
          : request.content.includes(REVIEW_WORD)
            ? 'review'
            : 'pass'
        const label = suggest === 'pass' ? 100 : 20006
        return {
          detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
          traceId: `60f96f1d-text-${++state.traces}`,
          result: { suggest, label },
          errMsg: 'openapi.security.msgSecCheck:ok',
          errCode: 0,
        }
      },
      mediaCheckAsync: async (request) => {
        media.push(request)
        if (state.failing) throw Object.assign(new Error('errCode: -1 system error'), { errCode: -1 })
        return { traceId: `60f96f1d-3845297a-${String(++state.traces).padStart(8, '0')}`, errMsg: 'ok', errCode: 0 }
      },
    },
  }
  const storage: TempFileUrlApi = {
    getTempFileURL: async (request) => {
      urls.push(request)
      return {
        fileList: request.fileList.map((f) => ({
          fileID: f.fileID,
          tempFileURL: TEMP_URL,
          maxAge: f.maxAge,
          status: 0,
          errMsg: 'ok',
        })),
        errMsg: 'getTempFileURL:ok',
      }
    },
  }
  return { texts, media, urls, state, check: wechatContentCheck(openapi, storage) }
}

/** WeChat's wxa_media_check push (version 2), as the message push hands it to the cloud function. */
function mediaPush(traceId: string, suggest: 'pass' | 'review' | 'risky', fromUser = 'demo-courier') {
  const label = suggest === 'pass' ? 100 : 20002
  return {
    ToUserName: 'gh_9df7d78a1234',
    FromUserName: fromUser,
    CreateTime: 1626959646,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'wx8f16a5be77871234',
    trace_id: traceId,
    version: 2,
    detail: [{ strategy: 'content_model', errcode: 0, suggest, label, prob: 90 }],
    errcode: 0,
    errmsg: 'ok',
    result: { suggest, label },
  }
}

let clock: ManualClock
let local: LocalCloud
let wechat: ReturnType<typeof fakeWeChat>
beforeEach(async () => {
  clock = new ManualClock(TEST_NOW)
  wechat = fakeWeChat()
  local = await createLocalCloud({
    dataDir: ':memory:',
    now: () => clock.now(),
    contentCheck: wechat.check,
    photos: testPhotoAccess(),
  })
})
afterEach(() => local.close())

async function ok<T>(openid: string, action: string, body: Record<string, unknown> = {}): Promise<T> {
  const reply = await local.call('points', { action, ...body }, openid)
  if (!reply.ok) throw new Error(`points.${action} failed: ${reply.error.code} ${reply.error.message}`)
  return reply.data as T
}

const report = (text: string, extra: Record<string, unknown> = {}) => ({
  action: 'submitReport',
  category: '消防通道堵塞',
  text,
  ...extra,
})
const staffList = async () =>
  (await ok<{ reports: ReportView[] }>('demo-secretary', 'listReports', { communityId: 'ruanjiaqiao' })).reports
const courierList = async () => (await ok<{ reports: ReportView[] }>('demo-courier', 'listReports')).reports
const stored = async (id: string) => (await local.store.collection('reports').get(id)) as HazardReport
const review = (reportId: string, decision: 'accept' | 'reject') =>
  local.call(
    'points',
    { action: 'reviewReport', reportId, decision, ...(decision === 'reject' ? { reason: '照片不合适' } : {}) },
    'demo-secretary',
  )

/** Submits a report with a photo and gives back its id and the trace id WeChat's photo check answered with. */
async function withPhoto(): Promise<{ id: string; traceId: string }> {
  const { report: made } = await ok<{ report: ReportView }>(
    'demo-courier',
    'submitReport',
    report('3 幢楼道堆放纸箱，堵住了消防通道', { photo: PHOTO }),
  )
  const traceId = (await stored(made.id)).photoCheck?.traceId
  if (!traceId) throw new Error('no trace id recorded')
  return { id: made.id, traceId }
}

const push = (event: unknown, openid?: string) => applyMediaCheck(event, { openid, store: local.store, clock })

describe('随手拍 text: security.msgSecCheck', () => {
  it('refuses a flagged text with a clear Chinese message and stores nothing, not even the photo’s check', async () => {
    const logged = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const before = await snapshotDatabase(local.store)
    const reply = await local.call('points', report(`楼道里有人${RISKY_WORD}乱贴`, { photo: PHOTO }), 'demo-courier')
    logged.mockRestore()
    expect(reply).toEqual({
      ok: false,
      error: { code: 'CONTENT_REJECTED', message: '内容含有违规信息，请修改后再提交' },
    })
    expect(ERROR_MESSAGES.CONTENT_REJECTED).toBe('内容含有违规信息，请修改后再提交')
    expect(await snapshotDatabase(local.store)).toEqual(before)
    expect(wechat.texts).toHaveLength(1)
    expect(wechat.media).toEqual([])
    expect(wechat.urls).toEqual([])
  })

  it('stores a passing text, having asked as the author with scene 3 and version 2', async () => {
    const text = '3 幢楼道堆放纸箱，堵住了消防通道'
    const { report: made } = await ok<{ report: ReportView }>('demo-courier', 'submitReport', report(text))
    expect(wechat.texts).toEqual([{ openid: 'demo-courier', scene: 3, version: 2, content: text }])
    expect(await stored(made.id)).toMatchObject({
      text,
      status: 'pending',
      textCheck: { status: 'pass', label: 100, traceId: '60f96f1d-text-1', askedAt: TEST_NOW },
    })
    const [listed] = await staffList()
    expect(listed).toMatchObject({ id: made.id, text })
    expect(listed).not.toHaveProperty('textCheck')
    expect(listed).not.toHaveProperty('photoCheck')
  })

  it('takes the author’s OPENID from the platform, never from the request', async () => {
    const before = await snapshotDatabase(local.store)
    // A body that names someone else is not a valid request at all …
    const named = await local.call('points', report('路灯不亮已经三天了', { openid: 'demo-admin' }), 'demo-courier')
    expect(named).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } })
    expect(wechat.texts).toEqual([])
    expect(await snapshotDatabase(local.store)).toEqual(before)
    // … and old clients' userInfo is dropped: WeChat is asked as the caller the platform vouches for.
    const reply = await local.call(
      'points',
      { ...report('路灯不亮已经三天了'), userInfo: { openId: 'demo-admin', appId: 'wx0' } },
      'demo-courier',
    )
    expect(reply.ok).toBe(true)
    expect(wechat.texts.map((r) => r.openid)).toEqual(['demo-courier'])
  })

  it('keeps a text WeChat wants reviewed, marked for the secretary only', async () => {
    const { report: made } = await ok<{ report: ReportView }>(
      'demo-courier',
      'submitReport',
      report(`电动车在楼道里${REVIEW_WORD}充电`),
    )
    expect((await stored(made.id)).textCheck).toMatchObject({ status: 'review', label: 20006 })
    expect((await staffList()).find((r) => r.id === made.id)).toMatchObject({ textCheck: 'review' })
    expect((await courierList()).find((r) => r.id === made.id)).not.toHaveProperty('textCheck')
    expect(made).not.toHaveProperty('textCheck')
    // The secretary decides as for any report.
    expect(await review(made.id, 'accept')).toMatchObject({ ok: true, data: { report: { status: 'accepted' } } })
  })

  it('keeps the report as unchecked, logged, when WeChat cannot be asked: the courier is not blocked', async () => {
    wechat.state.failing = true
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const { report: made } = await ok<{ report: ReportView }>(
      'demo-courier',
      'submitReport',
      report('路灯不亮已经三天了', { photo: PHOTO }),
    )
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('msgSecCheck failed'), expect.any(Error))
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('mediaCheckAsync failed'), expect.any(Error))
    logged.mockRestore()
    const kept = await stored(made.id)
    expect(kept.textCheck).toEqual({ status: 'unchecked', askedAt: TEST_NOW })
    expect(kept.photoCheck).toEqual({ status: 'unchecked', askedAt: TEST_NOW })
    expect((await staffList()).find((r) => r.id === made.id)).toMatchObject({
      textCheck: 'unchecked',
      photoCheck: 'unchecked',
      photo: testPhotoUrl(PHOTO),
    })
    // A person looks instead: an unchecked photo may be accepted.
    expect(await review(made.id, 'accept')).toMatchObject({ ok: true })
  })
})

describe('随手拍 photo: security.mediaCheckAsync and the wxa_media_check push', () => {
  it('hands WeChat a temp URL of the CloudBase file, as the author, and records the trace id on the report', async () => {
    const { id, traceId } = await withPhoto()
    expect(wechat.urls).toEqual([{ fileList: [{ fileID: PHOTO, maxAge: 7200 }] }])
    expect(wechat.media).toEqual([{ media_url: TEMP_URL, media_type: 2, version: 2, openid: 'demo-courier', scene: 3 }])
    expect(traceId).toBe('60f96f1d-3845297a-00000002')
    expect((await stored(id)).photoCheck).toEqual({ status: 'checking', traceId, askedAt: TEST_NOW })
    // The trace id never leaves the server: it is what matches WeChat's verdict to the report.
    const everyView = JSON.stringify([await staffList(), await courierList()])
    expect(everyView).not.toContain(traceId)
    expect((await staffList()).find((r) => r.id === id)).toMatchObject({
      photo: testPhotoUrl(PHOTO),
      photoCheck: 'checking',
    })
  })

  it('hides a photo WeChat finds risky from everyone but reviewing staff, and the report cannot be accepted', async () => {
    const { id, traceId } = await withPhoto()
    const logged = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    clock.advance(5 * 60_000)
    expect(await push(mediaPush(traceId, 'risky'))).toEqual({ applied: true, reportId: id, status: 'risky' })
    logged.mockRestore()
    expect((await stored(id)).photoCheck).toEqual({
      status: 'risky',
      traceId,
      label: 20002,
      askedAt: TEST_NOW,
      decidedAt: TEST_NOW + 5 * 60_000,
    })
    const mine = (await courierList()).find((r) => r.id === id)
    expect(mine).toMatchObject({ photoCheck: 'risky' })
    expect(mine).not.toHaveProperty('photo')
    expect((await staffList()).find((r) => r.id === id)).toMatchObject({
      photo: testPhotoUrl(PHOTO),
      photoCheck: 'risky',
    })

    const before = await snapshotDatabase(local.store)
    expect(await review(id, 'accept')).toEqual({
      ok: false,
      error: { code: 'CONTENT_REJECTED', message: '照片未通过微信内容安全检测，不能采纳，请驳回' },
    })
    expect(await snapshotDatabase(local.store)).toEqual(before)
    const rejected = await review(id, 'reject')
    expect(rejected).toMatchObject({ ok: true, data: { report: { status: 'rejected', photoCheck: 'risky' } } })
    // The courier still never gets the photo back, whatever the decision.
    expect((await courierList()).find((r) => r.id === id)).not.toHaveProperty('photo')
  })

  it('waits for WeChat before a photo can be accepted, then lets a passed photo through', async () => {
    const { id, traceId } = await withPhoto()
    expect(await review(id, 'accept')).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } })
    expect(await push(mediaPush(traceId, 'pass'))).toMatchObject({ applied: true, status: 'pass' })
    const listed = (await staffList()).find((r) => r.id === id)
    expect(listed).toMatchObject({ photo: testPhotoUrl(PHOTO) })
    expect(listed).not.toHaveProperty('photoCheck')
    expect(await review(id, 'accept')).toMatchObject({ ok: true, data: { report: { status: 'accepted' } } })
  })

  it('does not wait forever: a photo WeChat never answers for counts as unchecked after the wait', async () => {
    const { id } = await withPhoto()
    clock.advance(MEDIA_CHECK_WAIT_MS - 1)
    expect((await staffList()).find((r) => r.id === id)).toMatchObject({ photoCheck: 'checking' })
    clock.advance(1)
    expect((await staffList()).find((r) => r.id === id)).toMatchObject({ photoCheck: 'unchecked' })
    expect(await review(id, 'accept')).toMatchObject({ ok: true })
  })

  it('changes nothing for an unknown trace id or a push it does not understand', async () => {
    await withPhoto()
    const logged = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const before = await snapshotDatabase(local.store)
    expect(await push(mediaPush('60f96f1d-00000000-ffffffff', 'risky'))).toEqual({
      applied: false,
      reason: 'unknown-trace',
    })
    expect(await push({ Event: 'wxa_media_check', result: { suggest: 'risky' } })).toEqual({
      applied: false,
      reason: 'malformed',
    })
    expect(await snapshotDatabase(local.store)).toEqual(before)
    logged.mockRestore()
  })

  it('keeps the first verdict: a repeated or contrary push later changes nothing', async () => {
    const { id, traceId } = await withPhoto()
    const logged = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    await push(mediaPush(traceId, 'risky'))
    logged.mockRestore()
    const before = await snapshotDatabase(local.store)
    expect(await push(mediaPush(traceId, 'risky'))).toEqual({ applied: false, reason: 'already-decided' })
    expect(await push(mediaPush(traceId, 'pass'))).toEqual({ applied: false, reason: 'already-decided' })
    expect(await snapshotDatabase(local.store)).toEqual(before)
    expect((await stored(id)).photoCheck?.status).toBe('risky')
  })

  it('takes a push that carries an OPENID only from the photo’s author, for their own report', async () => {
    const { id, traceId } = await withPhoto()
    const logged = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const before = await snapshotDatabase(local.store)
    // someone else claiming to be the platform, naming themselves or the author
    expect(await push(mediaPush(traceId, 'risky', 'demo-guard'), 'demo-guard')).toMatchObject({ applied: false })
    expect(await push(mediaPush(traceId, 'risky', 'demo-courier'), 'demo-guard')).toMatchObject({ applied: false })
    expect(await snapshotDatabase(local.store)).toEqual(before)
    logged.mockRestore()
    // what WeChat sends when the WX context carries the user's OPENID (FromUserName)
    expect(await push(mediaPush(traceId, 'review', 'demo-courier'), 'demo-courier')).toEqual({
      applied: true,
      reportId: id,
      status: 'review',
    })
    expect((await staffList()).find((r) => r.id === id)).toMatchObject({ photoCheck: 'review' })
  })

  it('reads a version 1 push (isrisky) and a push WeChat could not check (errcode)', async () => {
    const first = await withPhoto()
    const second = await withPhoto()
    const warned = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const failed = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const v1 = { MsgType: 'event', Event: 'wxa_media_check', isrisky: 1, extra_info_json: '', trace_id: first.traceId }
    expect(await push(v1)).toMatchObject({ applied: true, status: 'risky' })
    expect(await push({ ...mediaPush(second.traceId, 'pass'), errcode: 87014 })).toMatchObject({
      applied: true,
      status: 'unchecked',
    })
    warned.mockRestore()
    failed.mockRestore()
  })
})

describe('心愿清单 names: security.msgSecCheck', () => {
  const wish = (name: string) => ({ action: 'addWish', stationId: 'st-gege-yintai', name })

  it('refuses a risky name and one WeChat wants reviewed, storing nothing', async () => {
    const logged = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const before = await snapshotDatabase(local.store)
    expect(await local.call('points', wish(`${RISKY_WORD}品`), 'demo-courier')).toEqual({
      ok: false,
      error: { code: 'CONTENT_REJECTED', message: '内容含有违规信息，请修改后再提交' },
    })
    expect(await local.call('points', wish(`${REVIEW_WORD}品`), 'demo-courier')).toEqual({
      ok: false,
      error: { code: 'CONTENT_REJECTED', message: '这个心愿名称需要人工审核，暂不能提交，请换个说法' },
    })
    expect(await snapshotDatabase(local.store)).toEqual(before)
    logged.mockRestore()
  })

  it('refuses to list an unchecked name while WeChat cannot be asked, storing nothing', async () => {
    wechat.state.failing = true
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const before = await snapshotDatabase(local.store)
    expect(await local.call('points', wish('充电宝'), 'demo-courier')).toEqual({
      ok: false,
      error: { code: 'CONTENT_CHECK_UNAVAILABLE', message: '内容安全检测暂时不可用，请稍后再试' },
    })
    expect(await snapshotDatabase(local.store)).toEqual(before)
    logged.mockRestore()
  })

  it('stores a passing name, checked as the caller', async () => {
    const { wish: made } = await ok<{ wish: { name: string; count: number } }>('demo-courier', 'addWish', {
      stationId: 'st-gege-yintai',
      name: '充电宝',
    })
    expect(made).toMatchObject({ name: '充电宝', count: 1 })
    expect(wechat.texts).toEqual([{ openid: 'demo-courier', scene: 3, version: 2, content: '充电宝' }])
  })
})

describe('wechatContentCheck: the replies it accepts', () => {
  const openapi = (text: unknown, media: unknown = { traceId: 't' }): SecurityOpenApi => ({
    security: { msgSecCheck: async () => text, mediaCheckAsync: async () => media },
  })
  const noUrl: TempFileUrlApi = {
    getTempFileURL: async ({ fileList }) => ({
      fileList: fileList.map((f) => ({ fileID: f.fileID, tempFileURL: '', status: -503003, errMsg: 'not found' })),
    }),
  }

  it('reads the label as a number even when WeChat sends a string, and refuses a reply without a verdict', async () => {
    const check = wechatContentCheck(openapi({ result: { suggest: 'review', label: '20001' }, traceId: 'x' }), noUrl)
    expect(await check.text({ openid: 'o', scene: 3, content: 'c' })).toEqual({
      suggest: 'review',
      label: 20001,
      traceId: 'x',
    })
    const broken = wechatContentCheck(openapi({ errMsg: 'ok', errCode: 0 }), noUrl)
    await expect(broken.text({ openid: 'o', scene: 3, content: 'c' })).rejects.toThrow('result')
    const odd = wechatContentCheck(openapi({ result: { suggest: 'maybe' } }), noUrl)
    await expect(odd.text({ openid: 'o', scene: 3, content: 'c' })).rejects.toThrow('unexpected reply')
  })

  it('asks about CloudBase files only, and only with a temp URL', async () => {
    const check = wechatContentCheck(openapi({}), noUrl)
    await expect(check.photo({ openid: 'o', scene: 3, fileId: 'local:AbCdEfGhIjKlMnOpQr' })).rejects.toThrow('cloud://')
    await expect(check.photo({ openid: 'o', scene: 3, fileId: PHOTO })).rejects.toThrow('no URL')
  })
})

describe('the local cloud, which has no WeChat behind it', () => {
  it('passes reports and wishes through unchecked and unmarked', async () => {
    const plain = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now(), photos: testPhotoAccess() })
    const reply = (await plain.call(
      'points',
      report(`${RISKY_WORD}也照收`, { photo: PHOTO }),
      'demo-courier',
    )) as Envelope<{ report: ReportView }>
    expect(reply.ok).toBe(true)
    const id = reply.ok ? reply.data.report.id : ''
    const kept = await plain.store.collection('reports').get(id)
    expect(kept).not.toHaveProperty('textCheck')
    expect(kept).not.toHaveProperty('photoCheck')
    const listed = await plain.call('points', { action: 'listReports', communityId: 'ruanjiaqiao' }, 'demo-secretary')
    expect(listed).toMatchObject({
      ok: true,
      data: { reports: [expect.objectContaining({ id, photo: testPhotoUrl(PHOTO) })] },
    })
    expect(JSON.stringify(listed)).not.toMatch(/textCheck|photoCheck/)
    expect(
      await plain.call('points', { action: 'addWish', stationId: 'st-gege-yintai', name: '充电宝' }, 'demo-courier'),
    ).toMatchObject({ ok: true })
    await plain.close()
    expect(wechat.texts).toEqual([])
  })
})

describe('the points function’s CloudBase entry on the real wx-server-sdk', () => {
  const savedEnv = { ...process.env }
  afterAll(() => {
    process.env = savedEnv
  })

  it('records a wxa_media_check push (no OPENID) on its report, answers "success", and still routes calls', async () => {
    const standIn = await startCloudBaseStandIn({ collections: Object.keys(INDEXES) })
    try {
      const checking: HazardReport = {
        _id: 'rp_media_push_test',
        courierId: 'demo-courier',
        communityId: 'ruanjiaqiao',
        category: '消防通道堵塞',
        text: '3 幢楼道堆放纸箱',
        photo: PHOTO,
        status: 'pending',
        createdAt: TEST_NOW,
        photoCheck: { status: 'checking', traceId: '60f96f1d-3845297a-1976a3ae', askedAt: TEST_NOW },
      }
      standIn.load('reports', [checking])
      const author: User = {
        _id: 'demo-courier',
        nickname: '张小明',
        roles: [{ role: 'courier' }],
        createdAt: TEST_NOW,
      }
      standIn.load('users', [author])
      // the author's courier record: listing one's own reports needs it (the policy admits couriers by record)
      standIn.load(
        'couriers',
        SEED_COURIERS.filter((c) => c._id === author._id),
      )
      // What CloudBase injects: no OPENID for a message push; the SDK keeps this first init (see test/bundles).
      Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_APPID', WX_APPID: 'wx0000', TENCENTCLOUD: 'true' })
      delete process.env.WX_OPENID
      cloud.init({ env: 'test-env', serviceUrl: standIn.serviceUrl, secretId: 'x', secretKey: 'y' } as Parameters<
        typeof cloud.init
      >[0])
      // Loaded only now, so that its own cloud.init(DYNAMIC_CURRENT_ENV) comes second.
      const { main } = (await import('../../cloudfunctions/points/index')) as {
        main: (event: unknown) => Promise<unknown>
      }
      const warned = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
      expect(await main(mediaPush('60f96f1d-3845297a-1976a3ae', 'risky'))).toBe('success')
      warned.mockRestore()
      const reports = createCloudBaseStore<Collections>(connectSdk(standIn.serviceUrl)).collection('reports')
      expect((await reports.get(checking._id))?.photoCheck).toMatchObject({ status: 'risky', label: 20002 })

      // An ordinary call with an OPENID still reaches the router: the author's list no longer shows the photo.
      Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_OPENID: 'demo-courier' })
      const mine = await main({ action: 'listReports' })
      expect(mine).toMatchObject({ ok: true, data: { reports: [{ id: checking._id, photoCheck: 'risky' }] } })
      expect(JSON.stringify(mine)).not.toContain(PHOTO)
    } finally {
      await standIn.close()
    }
  })
})
