import { call, CloudError } from '../../src/services/cloud'
import { ERROR_MESSAGES, type MeOutput } from '../../types'
import { chooseDemoIdentity, failReply, mockFetch, nearby, okReply, sentBody, station } from './helpers'

const GONGSHU = { lat: 30.3196, lng: 120.1416 }

async function rejection(promise: Promise<unknown>): Promise<CloudError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(CloudError)
    return error as CloudError
  }
  throw new Error('expected the call to fail')
}

beforeEach(() => {
  localStorage.clear()
})

describe('cloud.call', () => {
  it('refuses a request the contract rejects with BAD_REQUEST and never calls fetch', async () => {
    const fetchMock = mockFetch(() => okReply(nearby([])))
    // Outside China: GeoPoint refuses it.
    const outside = await rejection(call('services', { action: 'nearbyStations', location: { lat: 0, lng: 0 } }))
    expect(outside.code).toBe('BAD_REQUEST')
    // The Chinese message names the field, for forms that show it.
    expect(outside.message.startsWith(`${ERROR_MESSAGES.BAD_REQUEST}：location.lat`)).toBe(true)
    // Over the limit.
    const tooMany = await rejection(call('services', { action: 'nearbyStations', location: GONGSHU, limit: 500 }))
    expect(tooMany.code).toBe('BAD_REQUEST')
    // An unknown key in a strict input.
    const extra = { action: 'me', admin: true } as unknown as { action: 'me' }
    expect((await rejection(call('account', extra))).code).toBe('BAD_REQUEST')
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('refuses an action the contract does not know with UNKNOWN_ACTION and never calls fetch', async () => {
    const fetchMock = mockFetch(() => okReply({}))
    const unknown = { action: 'dropTables' } as unknown as { action: 'me' }
    expect((await rejection(call('account', unknown))).code).toBe('UNKNOWN_ACTION')
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it('posts the request as JSON to /fn/<name> with the demo identity in x-openid', async () => {
    chooseDemoIdentity('demo-courier')
    const fetchMock = mockFetch(() => okReply(nearby([station({ id: 's1', name: '哥哥驿站' })])))
    const result = await call('services', { action: 'nearbyStations', location: GONGSHU, limit: 5 })
    expect(result.stations.map((s) => s.name)).toEqual(['哥哥驿站'])
    expect(fetchMock).toHaveBeenCalledTimes(1)
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit]
    expect(url).toBe('/fn/services')
    expect(init.method).toBe('POST')
    const headers = init.headers as Record<string, string>
    expect(headers['x-openid']).toBe('demo-courier')
    expect(headers['content-type']).toBe('application/json')
    expect(sentBody(fetchMock)).toEqual({ action: 'nearbyStations', location: GONGSHU, limit: 5 })
  })

  it('sends no x-openid header before a demo identity is chosen', async () => {
    const me: MeOutput = { openid: 'anon', nickname: '', isNew: true, roles: [], courier: null }
    const fetchMock = mockFetch(() => okReply(me))
    await call('account', { action: 'me' })
    const headers = (fetchMock.mock.calls[0][1] as RequestInit).headers as Record<string, string>
    expect(headers).not.toHaveProperty('x-openid')
  })

  it('turns a { ok: false } envelope on a 4xx into a CloudError with its code and message', async () => {
    chooseDemoIdentity('demo-guard')
    mockFetch(() => failReply('FORBIDDEN', '门岗不能查看这个社区'))
    const error = await rejection(call('account', { action: 'me' }))
    expect(error.code).toBe('FORBIDDEN')
    expect(error.message).toBe('门岗不能查看这个社区')
  })

  it('turns a reply that does not match the output schema into BAD_RESPONSE', async () => {
    mockFetch(() => okReply({ origin: GONGSHU, stations: [{ id: 's1', name: '缺字段的驿站' }] }))
    const error = await rejection(call('services', { action: 'nearbyStations', location: GONGSHU }))
    expect(error.code).toBe('BAD_RESPONSE')
    expect(error.message).toBe(ERROR_MESSAGES.BAD_RESPONSE)
  })

  it('turns an unknown error code or a non-JSON body into BAD_RESPONSE', async () => {
    mockFetch(() => ({ status: 500, body: { ok: false, error: { code: 'SOMETHING_NEW', message: '?' } } }))
    expect((await rejection(call('account', { action: 'me' }))).code).toBe('BAD_RESPONSE')
    mockFetch(() => ({ status: 200, body: '<html>not json</html>' }))
    expect((await rejection(call('account', { action: 'me' }))).code).toBe('BAD_RESPONSE')
  })

  it('turns a fetch that cannot reach the server into NETWORK', async () => {
    mockFetch(() => {
      throw new TypeError('Failed to fetch')
    })
    const error = await rejection(call('account', { action: 'me' }))
    expect(error.code).toBe('NETWORK')
    expect(error.message).toBe(ERROR_MESSAGES.NETWORK)
  })
})
