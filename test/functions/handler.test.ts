import { DEFAULT_CONFIG } from '../../cloudfunctions/shared/config'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { servicesRouter } from '../../cloudfunctions/services/router'
import type { AppStore } from '../../cloudfunctions/shared/store/collections'
import { snapshotDatabase } from '../support/db-snapshot'
import { TEST_NOW } from '../support/clock'

let cloud: LocalCloud
beforeEach(async () => {
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => TEST_NOW })
})
afterEach(() => cloud.close())

const location = { lat: 30.3196, lng: 120.1416 }

describe('the handler wrapper', () => {
  it.each([
    ['no action', { location }, 'BAD_REQUEST'],
    ['a non-string action', { action: 42 }, 'BAD_REQUEST'],
    ['an event that is not an object', 'nearbyStations', 'BAD_REQUEST'],
    ['an unknown action', { action: 'dropTables' }, 'UNKNOWN_ACTION'],
    ['an inherited property name as action', { action: 'constructor' }, 'UNKNOWN_ACTION'],
    [
      'a prototype-pollution attempt',
      JSON.parse('{"action":"nearbyStations","location":{"lat":30.3,"lng":120.1},"__proto__":{"x":1}}'),
      'BAD_REQUEST',
    ],
  ])('answers %s with %s and writes nothing', async (_name, event, code) => {
    const before = await snapshotDatabase(cloud.store)
    const reply = await cloud.call('services', event, 'demo-courier')
    expect(reply).toEqual({ ok: false, error: { code, message: expect.any(String) } })
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('answers an unknown function with UNKNOWN_FUNCTION', async () => {
    expect(await cloud.call('payments', { action: 'refund' }, 'demo-courier')).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_FUNCTION' },
    })
  })

  it.each([[null], [undefined], [''], ['has spaces'], ['x'.repeat(65)]])(
    'refuses a missing or malformed platform identity (%p)',
    async (openid) => {
      const reply = await servicesRouter.dispatch(
        { action: 'nearbyStations', location },
        { openid, store: cloud.store, clock: { now: () => TEST_NOW }, config: { ...DEFAULT_CONFIG, passKeys: null } },
      )
      expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    },
  )

  it('ignores the userInfo that old WeChat clients add to the event', async () => {
    const reply = await cloud.call(
      'services',
      { action: 'nearbyStations', location, userInfo: { appId: 'wx123', openId: 'demo-admin' } },
      'demo-courier',
    )
    expect(reply.ok).toBe(true)
  })

  it('turns an unexpected failure into INTERNAL without leaking details', async () => {
    const broken = {
      collection: () => ({
        get: () => Promise.reject(new Error('disk on fire at /var/lib/secret.db')),
      }),
    } as unknown as AppStore
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const reply = await servicesRouter.dispatch(
      { action: 'nearbyStations', location },
      {
        openid: 'demo-courier',
        store: broken,
        clock: { now: () => TEST_NOW },
        config: { ...DEFAULT_CONFIG, passKeys: null },
      },
    )
    spy.mockRestore()
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: '服务开小差了，请稍后再试' } })
    expect(JSON.stringify(reply)).not.toContain('secret')
  })
})
