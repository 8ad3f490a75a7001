import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import GateScanPage from '../../src/staff/pages/gate-scan'
import {
  judgeOffline,
  loadOfflineData,
  openList,
  parseToken,
  queuedChecks,
  refreshOfflineData,
  type OfflineData,
} from '../../src/services/offline-gate'
import type { StatusListOutput } from '../../types'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { TEST_NOW } from '../support/clock'
import { chooseDemoIdentity, failReply, mockActions, okReply, sentRequests, typeInto } from './helpers'

/**
 * The guard's phone without signal, with real codes, keys and signed lists from the local cloud: the verdict
 * the phone reaches on its own (tweetnacl), and the page that queues the check and uploads it later.
 */
let clock: ManualClock
let cloud: LocalCloud
let data: OfflineData
let token: string

async function ok<T>(fn: string, event: Record<string, unknown>, openid: string): Promise<T> {
  const reply = await cloud.call(fn, event, openid)
  if (!reply.ok) throw new Error(`${fn}.${String(event.action)}: ${reply.error.code}`)
  return reply.data as T
}

beforeEach(async () => {
  localStorage.clear()
  clock = new ManualClock(TEST_NOW)
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now() })
  token = (await ok<{ token: string }>('pass', { action: 'issue', destination: '3幢2单元' }, 'demo-courier')).token
  const { keys } = await ok<{ keys: OfflineData['keys'] }>('pass', { action: 'publicKeys' }, 'demo-guard')
  const { lists } = await ok<StatusListOutput>('pass', { action: 'statusList' }, 'demo-guard')
  data = { keys, lists, offsetMs: 0, fetchedAt: TEST_NOW }
})
afterEach(() => cloud.close())

describe('judging a 小哥码 on the guard’s phone', () => {
  it('reads the code as the server lays it out', () => {
    const parsed = parseToken(token)!
    expect(parsed.destination).toBe('3幢2单元')
    expect(parsed.lifetime).toBe(60)
    expect(parsed.issuedAt).toBe(Math.floor(TEST_NOW / 1000))
    expect(parseToken(`${token}A`)).toBeNull()
    expect(parseToken('XG1.AAAA')).toBeNull()
  })

  it('lets an approved courier in on the list, with what the green card shows', () => {
    expect(judgeOffline(data, token, TEST_NOW + 5_000)).toMatchObject({
      offline: true,
      allowed: true,
      courier: { maskedName: '张*明', platform: '美团' },
      destination: '3幢2单元',
      listIssuedAt: TEST_NOW,
    })
  })

  it('turns away what the server would: a dead code, a forged one, one under an unknown key', () => {
    expect(judgeOffline(data, token, TEST_NOW + 60_000)).toMatchObject({ allowed: false, code: 'PASS_EXPIRED' })
    expect(judgeOffline(data, token, TEST_NOW - 60_000)).toMatchObject({ allowed: false, code: 'PASS_NOT_YET_VALID' })
    const bytes = Buffer.from(token.slice(4), 'base64url')
    bytes[20] ^= 1 // inside 送往
    expect(judgeOffline(data, `XG1.${bytes.toString('base64url')}`, TEST_NOW)).toMatchObject({
      allowed: false,
      code: 'PASS_BAD_SIGNATURE',
    })
    const otherKeys = { ...data, keys: data.keys.map((k) => ({ ...k, kid: k.kid + 1 })) }
    // lists are signed under the same key: with no key for its kid nothing opens, and the phone cannot judge
    expect(() => judgeOffline(otherKeys, token, TEST_NOW)).toThrow('离线名单无效')
    expect(judgeOffline(data, 'XG1.nonsense', TEST_NOW)).toMatchObject({ allowed: false, code: 'PASS_MALFORMED' })
  })

  it('does not take a list whose text or signature was changed', () => {
    const [today] = data.lists
    expect(openList(data, today)).not.toBeNull()
    expect(openList(data, { ...today, list: today.list.replace('张*明', '王*明') })).toBeNull()
    const forged = { ...data, lists: data.lists.map((l) => ({ ...l, list: l.list.replace('"v":1', '"v":1 ') })) }
    expect(() => judgeOffline(forged, token, TEST_NOW)).toThrow('离线名单无效')
  })

  it('refuses to judge with a list older than 6 hours, and names a courier not on the list', async () => {
    expect(() => judgeOffline(data, token, TEST_NOW + 6 * 3600_000 + 1)).toThrow('超过 6 小时')
    // a courier approved after the list was made is not on it: the phone cannot vouch for them
    await cloud.store.collection('couriers').update('demo-courier-pending', {
      set: { status: 'approved', passId: 'cGVuZGlu', approvedAt: TEST_NOW },
    })
    const late = (await ok<{ token: string }>('pass', { action: 'issue' }, 'demo-courier-pending')).token
    expect(judgeOffline(data, late, TEST_NOW)).toMatchObject({ allowed: false, code: 'NOT_ON_LIST' })
  })
})

describe('the gate page without signal', () => {
  beforeEach(() => {
    chooseDemoIdentity('demo-guard')
    Taro.setStorageSync('gateOfflineData', data)
    jest.useFakeTimers({ now: TEST_NOW + 10_000, doNotFake: ['setTimeout', 'setInterval', 'queueMicrotask'] })
  })
  afterEach(() => jest.useRealTimers())

  it('shows the phone’s verdict marked 离线核验, queues it, and uploads it once the network is back', async () => {
    const { lists } = await ok<StatusListOutput>('pass', { action: 'statusList' }, 'demo-guard')
    let online = false
    const uploads: unknown[] = []
    const fetchMock = mockActions({
      'pass.verify': () => failReply('NETWORK'),
      'pass.publicKeys': () => (online ? okReply({ keys: data.keys }) : failReply('NETWORK')),
      'pass.statusList': () => (online ? okReply({ lists, issuedAt: TEST_NOW }) : failReply('NETWORK')),
      'pass.uploadOfflineChecks': () => {
        if (!online) return failReply('NETWORK')
        uploads.push(1)
        return okReply({ results: queuedChecks().map((c) => ({ checkId: c.checkId, code: 'OK', lateRefusal: false })) })
      },
    })
    const { container, unmount } = render(<GateScanPage />)
    typeInto(container.querySelector('#scan-input'), token)
    fireEvent.click(container.querySelector('#scan-submit')!)
    await screen.findByText('离线核验 · 联网后自动上传')
    expect(container.querySelector('.verify-result--allowed')).not.toBeNull()
    expect(screen.getByText('张*明')).toBeTruthy()
    await screen.findByText('待上传离线核验 1 条')
    expect(queuedChecks()).toMatchObject([{ token, verdict: 'allowed' }])

    // back online: the next visit to the page uploads the queue
    online = true
    unmount()
    render(<GateScanPage />)
    await screen.findByText('已上传 1 条离线核验')
    await waitFor(() => expect(queuedChecks()).toEqual([]))
    expect(sentRequests(fetchMock, 'pass.uploadOfflineChecks')).toHaveLength(2) // one refused offline, one through
  })

  it('uploads as soon as the network comes back, without waiting for the next visit', async () => {
    const { lists } = await ok<StatusListOutput>('pass', { action: 'statusList' }, 'demo-guard')
    let online = false
    const fetchMock = mockActions({
      'pass.verify': () => failReply('NETWORK'),
      'pass.publicKeys': () => (online ? okReply({ keys: data.keys }) : failReply('NETWORK')),
      'pass.statusList': () => (online ? okReply({ lists, issuedAt: TEST_NOW }) : failReply('NETWORK')),
      'pass.uploadOfflineChecks': () =>
        online
          ? okReply({ results: queuedChecks().map((c) => ({ checkId: c.checkId, code: 'OK', lateRefusal: false })) })
          : failReply('NETWORK'),
    })
    const { container } = render(<GateScanPage />)
    typeInto(container.querySelector('#scan-input'), token)
    fireEvent.click(container.querySelector('#scan-submit')!)
    await screen.findByText('待上传离线核验 1 条')
    // opening the page syncs once, not twice (mount and first show are the same moment)
    expect(sentRequests(fetchMock, 'pass.statusList')).toHaveLength(1)
    online = true
    window.dispatchEvent(new Event('online'))
    await screen.findByText('已上传 1 条离线核验')
    expect(queuedChecks()).toEqual([])
  })
})

describe('the courier’s photo on the offline green card', () => {
  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 9, 9, 9, 0xff, 0xd9])

  /** The gate page's refresh against the real answers of the local cloud, photos fetched through `files`. */
  async function refreshWithPhotos(files: Record<string, Blob>) {
    const { keys } = await ok<{ keys: OfflineData['keys'] }>('pass', { action: 'publicKeys' }, 'demo-guard')
    const status = await ok<StatusListOutput>('pass', { action: 'statusList' }, 'demo-guard')
    const fetchMock = mockActions(
      { 'pass.publicKeys': () => okReply({ keys }), 'pass.statusList': () => okReply(status) },
      { blobs: files },
    )
    await refreshOfflineData()
    return { fetchMock, status }
  }

  beforeEach(() => {
    chooseDemoIdentity('demo-guard')
    // the phone's clock is the cloud's, as the list's offset assumes
    jest.useFakeTimers({ now: TEST_NOW, doNotFake: ['setTimeout', 'setInterval', 'queueMicrotask'] })
  })
  afterEach(() => jest.useRealTimers())

  it('is downloaded with the list while online and shown offline, large', async () => {
    const saved = cloud.photos.save(JPEG)!
    await cloud.store.collection('couriers').update('demo-courier', { set: { photoUrl: saved.ref } })
    const status = await ok<StatusListOutput>('pass', { action: 'statusList' }, 'demo-guard')
    const files = Object.fromEntries(
      Object.values(status.photos ?? {}).map((url) => [url, new Blob([JPEG], { type: 'image/jpeg' })]),
    )
    expect(Object.keys(status.photos ?? {})).toEqual([saved.ref])
    // The signed list names the photo only by its reference, which shows nothing by itself.
    expect(status.lists[0].list).toContain(saved.ref)
    expect(status.lists[0].list).not.toContain('/local/files/')
    const { fetchMock } = await refreshWithPhotos(files)
    expect(fetchMock.mock.calls.filter(([url]) => String(url).startsWith('/local/files/'))).toHaveLength(1)

    const verdict = judgeOffline(loadOfflineData(), token, TEST_NOW + 5_000)
    expect(verdict).toMatchObject({
      allowed: true,
      courier: { photoUrl: expect.stringMatching(/^data:image\/jpeg;base64,/) },
    })

    // the page, offline: the kept copy on the green card
    mockActions({ 'pass.verify': () => failReply('NETWORK') })
    jest.setSystemTime(TEST_NOW + 10_000)
    const { container } = render(<GateScanPage />)
    typeInto(container.querySelector('#scan-input'), token)
    fireEvent.click(container.querySelector('#scan-submit')!)
    await screen.findByText('离线核验 · 联网后自动上传')
    const src = container.querySelector('.verify-result--offline .verify-result__photo img')?.getAttribute('src')
    expect(src).toMatch(/^data:image\/jpeg;base64,/)
  })

  it('says 无照片，请核对证件 offline when this phone has no copy', async () => {
    await cloud.store
      .collection('couriers')
      .update('demo-courier', { set: { photoUrl: 'local:PhotoNeverDownloaded0' } })
    await refreshWithPhotos({})
    const verdict = judgeOffline(loadOfflineData(), token, TEST_NOW + 5_000)
    expect(verdict.allowed && verdict.courier.photoUrl).toBeFalsy()
    mockActions({ 'pass.verify': () => failReply('NETWORK') })
    jest.setSystemTime(TEST_NOW + 10_000)
    const { container } = render(<GateScanPage />)
    typeInto(container.querySelector('#scan-input'), token)
    fireEvent.click(container.querySelector('#scan-submit')!)
    await screen.findByText('无照片，请核对证件')
    expect(container.querySelector('.verify-result__photo img')).toBeNull()
  })

  it('is dropped from the phone once its courier is no longer listed', async () => {
    const saved = cloud.photos.save(JPEG)!
    await cloud.store.collection('couriers').update('demo-courier', { set: { photoUrl: saved.ref } })
    const listed = await ok<StatusListOutput>('pass', { action: 'statusList' }, 'demo-guard')
    const files = Object.fromEntries(
      Object.values(listed.photos ?? {}).map((u) => [u, new Blob([JPEG], { type: 'image/jpeg' })]),
    )
    await refreshWithPhotos(files)
    expect(Object.keys(Taro.getStorageSync<object>('gateOfflinePhotos'))).toEqual([saved.ref])
    await cloud.store.collection('couriers').update('demo-courier', { set: { status: 'suspended' } })
    await refreshWithPhotos({})
    expect(Taro.getStorageSync('gateOfflinePhotos')).toEqual({})
  })
})
