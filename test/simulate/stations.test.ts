/**
 * The real weapp build against the real local cloud: dist/weapp's stations page in miniprogram-simulate, with
 * wx.cloud.callFunction answered by createLocalCloud (seeded in-memory SQLite) as CloudBase would answer it.
 * Run after `npm run build:weapp`.
 */
import { byClass, DIST, loadApp, loadPage, waitFor, wx } from './weapp-host'
import fs from 'node:fs'
import { createLocalCloud } from '../../local/cloud'

/** Near 城西银泰城 (阮家桥社区), Gongshu, GCJ-02. */
const HERE = { latitude: 30.304, longitude: 120.112 }
const OPENID = 'demo-courier'

type Callbacks<T> = { success?: (res: T) => void; fail?: (err: unknown) => void; complete?: () => void }
type LocalCloud = Awaited<ReturnType<typeof createLocalCloud>>

let cloud: LocalCloud
const calls: Array<{ name: string; data: unknown }> = []
const cloudInit = jest.fn()
let jitlessAfterLaunch: boolean | undefined

beforeAll(async () => {
  if (!fs.existsSync(`${DIST}/app.js`)) throw new Error('dist/weapp is missing: run `npm run build:weapp` first')
  cloud = await createLocalCloud({ dataDir: ':memory:' })

  wx.cloud = {
    init: cloudInit,
    // CloudBase attaches the caller's OPENID itself; nothing in `data` says who is calling.
    callFunction(params: { name: string; data: unknown } & Callbacks<unknown>) {
      calls.push({ name: params.name, data: params.data })
      const done = cloud.call(params.name, params.data, OPENID).then((result) => ({
        result,
        errMsg: 'cloud.callFunction:ok',
        requestID: `sim-${calls.length}`,
      }))
      if (!params.success && !params.fail) return done
      void done.then(params.success, params.fail).finally(params.complete)
      return undefined
    },
  }
  wx.getLocation = (options: { type?: string } & Callbacks<typeof HERE & { errMsg: string }>) => {
    expect(options.type).toBe('gcj02')
    options.success?.({ ...HERE, errMsg: 'getLocation:ok' })
    options.complete?.()
  }
  // Every zod copy shares one config object on globalThis, and the local cloud's already set the flag:
  // clear it so the test below sees that the weapp app.js sets it itself.
  const zod = globalThis as { __zod_globalConfig?: { jitless?: boolean } }
  if (zod.__zod_globalConfig) zod.__zod_globalConfig.jitless = false
  loadApp('pages/stations/index')
  jitlessAfterLaunch = zod.__zod_globalConfig?.jitless
})

test('app.js switches zod to jitless before any page loads (WeChat forbids new Function)', () => {
  expect(jitlessAfterLaunch).toBe(true)
})

afterAll(async () => {
  await cloud?.close()
})

function stationNames(root: Element): string[] {
  return byClass(root, 'station-card__name').map((el) => el.textContent ?? '')
}

test('the stations page lists the seeded stations from the local cloud, nearest first', async () => {
  const page = loadPage('pages/stations/index')
  const root = page.dom as Element
  await waitFor(() => root.textContent?.includes('哥哥驿站'))

  const names = stationNames(root)
  expect(names[0]).toBe('哥哥驿站（城西银泰城）')
  expect(names[1]).toBe('祥符街道小哥驿站')
  // Yangzhou is ~230 km away: listed last if at all.
  const yangzhou = names.findIndex((n) => n.includes('邗小哥'))
  if (yangzhou >= 0) expect(yangzhou).toBe(names.length - 1)
  // Exactly the cloud's answer, in its order, and that order is by distance.
  const direct = await cloud.call('services', calls[0]?.data, OPENID)
  if (!direct.ok) throw new Error(direct.error.message)
  const { stations } = direct.data as { stations: Array<{ name: string; distanceM: number }> }
  expect(names).toEqual(stations.map((s) => s.name))
  const distances = stations.map((s) => s.distanceM)
  expect(distances).toEqual([...distances].sort((a, b) => a - b))

  expect(byClass(root, 'stations-page__location')[0]?.textContent).toBe('当前位置')
  const first = byClass(root, 'station-card')[0]
  expect(byClass(first, 'station-card__distance')[0]?.textContent).toMatch(/^\d+米$/)
  expect(byClass(first, 'station-card__badge')[0]?.textContent).toBe('营业中')
  expect(first.textContent).toContain('24小时营业')

  expect(cloudInit).toHaveBeenCalledTimes(1)
  expect(cloudInit.mock.calls[0][0]).toEqual({ env: process.env.CLOUD_ENV || 'xiaoge-placeholder', traceUser: true })
  expect(calls).toEqual([
    { name: 'services', data: { action: 'nearbyStations', location: { lat: HERE.latitude, lng: HERE.longitude } } },
  ])
})

test('the me page shows the caller WeChat identifies, without the h5 demo switch', async () => {
  const page = loadPage('pages/me/index')
  const root = page.dom as Element
  await waitFor(() => byClass(root, 'me-page__nickname').length > 0)
  expect(byClass(root, 'me-page__nickname')[0].textContent).toBe('张小明')
  expect(byClass(root, 'me-page__courier-status')[0].textContent).toBe('已通过')
  expect(byClass(root, 'me-page__role').map((el) => el.textContent)).toContain('小哥')
  expect(root.textContent).not.toContain('切换演示身份')
  expect(calls).toContainEqual({ name: 'account', data: { action: 'me' } })
  // a courier's page also asks for their unread notices (an activity cancelled or moved)
  await waitFor(() => calls.some((c) => c.name === 'points' && (c.data as { action?: string }).action === 'myNotices'))
})
