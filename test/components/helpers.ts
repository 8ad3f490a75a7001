// Shared fixtures for the component tests: a fake `fetch` that answers like the local cloud, and contract-typed
// envelopes and stations so a fixture that drifts from the contract fails to compile.
import { fireEvent } from '@testing-library/react'
import Taro from '@tarojs/taro'
import {
  fail,
  ok,
  type Envelope,
  type ErrorCode,
  type MeOutput,
  type NearbyStationsOutput,
  type StationSummary,
  HTTP_STATUS,
} from '../../types'

export interface FakeResponse {
  status: number
  body: unknown
}

export type FetchHandler = (url: string, init: RequestInit | undefined) => FakeResponse | Promise<FakeResponse>

/** Installs a global `fetch` mock answering with `handler`; bodies are JSON unless given as a raw string or a Blob. */
export function mockFetch(handler: FetchHandler): jest.Mock {
  const fn = jest.fn(async (input: unknown, init?: RequestInit) => {
    const { status, body } = await handler(String(input), init)
    const text = body instanceof Blob ? '' : typeof body === 'string' ? body : JSON.stringify(body)
    return {
      ok: status >= 200 && status < 300,
      status,
      json: async () => JSON.parse(text) as unknown,
      text: async () => text,
      blob: async () => (body instanceof Blob ? body : new Blob([text])),
    }
  })
  ;(globalThis as { fetch?: unknown }).fetch = fn
  return fn
}

/** What the local cloud sends for an envelope: 200 for ok, the code's HTTP status for a failure. */
export function reply<T>(envelope: Envelope<T>): FakeResponse {
  return { status: envelope.ok ? 200 : HTTP_STATUS[envelope.error.code], body: envelope }
}

export function okReply<T>(data: T): FakeResponse {
  return reply(ok(data))
}

export function failReply(code: ErrorCode, message?: string): FakeResponse {
  return reply(fail(code, message))
}

/** A fetch call's body, which the app always sends as JSON text. */
function jsonBody(init: RequestInit | undefined): Record<string, unknown> {
  if (typeof init?.body !== 'string') throw new Error('expected a JSON text body')
  return JSON.parse(init.body) as Record<string, unknown>
}

/** The parsed JSON body of the n-th fetch call. */
export function sentBody(fetchMock: jest.Mock, n = 0): unknown {
  return jsonBody(fetchMock.mock.calls[n][1] as RequestInit)
}

export function station(overrides: Partial<StationSummary> & Pick<StationSummary, 'id' | 'name'>): StationSummary {
  return {
    address: '杭州市拱墅区',
    communityName: '阮家桥社区',
    location: { lat: 30.3, lng: 120.1 },
    coordsApproximate: false,
    distanceM: 500,
    hours: { kind: 'always' },
    openNow: true,
    amenities: [],
    ...overrides,
  }
}

export function nearby(stations: StationSummary[]): NearbyStationsOutput {
  return { origin: { lat: 30.3196, lng: 120.1416 }, stations }
}

export const VISITOR: MeOutput = { openid: 'o-visitor', nickname: '', isNew: true, roles: [], courier: null }

/** 陈书记, secretary of 阮家桥社区, as account.me answers for her. */
export const SECRETARY: MeOutput = {
  openid: 'demo-secretary',
  nickname: '陈书记',
  isNew: false,
  roles: [{ role: 'secretary', communityId: 'ruanjiaqiao', communityName: '阮家桥社区' }],
  courier: null,
}

/** A promise whose resolution the test controls, to observe the loading state. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** Pretends a demo identity was picked, as the demo-login page does. */
export function chooseDemoIdentity(openid: string): void {
  Taro.setStorageSync('demoOpenid', openid)
}

/** A handler for one `<function>.<action>`, given the parsed request body. */
export type ActionHandler = (body: Record<string, unknown>) => FakeResponse | Promise<FakeResponse>

/** What a page fetches besides function calls: the pictures behind h5 blob URLs, and `POST /local/upload`. */
export interface FileHandlers {
  /** A picked picture by its blob URL, as h5's chooseImage gives it; or a stored photo by its minted URL. */
  blobs?: Record<string, Blob>
  upload?: (init: RequestInit | undefined) => FakeResponse | Promise<FakeResponse>
}

/**
 * Installs a fetch mock that answers each `POST /fn/<name>` by its action, e.g. `{ 'pass.issue': () => … }`.
 * An action without a handler gets UNKNOWN_ACTION, as the local cloud answers it. `files` answers photo
 * reads and uploads (404 when not given).
 */
export function mockActions(handlers: Record<string, ActionHandler>, files: FileHandlers = {}): jest.Mock {
  return mockFetch((url, init) => {
    if (url.startsWith('blob:') || url.startsWith('/local/files/')) {
      const blob = files.blobs?.[url]
      return blob ? { status: 200, body: blob } : { status: 404, body: 'not found' }
    }
    if (isUpload(url)) return files.upload ? files.upload(init) : failReply('NOT_FOUND')
    const name = decodeURIComponent(url.replace(/^\/fn\//, ''))
    const body = jsonBody(init)
    const handler = handlers[`${name}.${String(body.action)}`]
    return handler ? handler(body) : failReply('UNKNOWN_ACTION')
  })
}

/** The function calls sent so far as `{ fn, body }`, in order; `only` keeps those of one `<function>.<action>`. */
export function sentRequests(
  fetchMock: jest.Mock,
  only?: string,
): Array<{ fn: string; body: Record<string, unknown> }> {
  return fetchMock.mock.calls
    .filter(([url]) => String(url).startsWith('/fn/'))
    .map(([url, init]) => ({
      fn: String(url).replace(/^\/fn\//, ''),
      body: jsonBody(init as RequestInit),
    }))
    .filter((r) => only === undefined || `${r.fn}.${String(r.body.action)}` === only)
}

const isUpload = (url: string) => url === '/local/upload' || url.startsWith('/local/upload?')

/** The `POST /local/upload` requests sent so far: headers and the raw body. */
export function sentUploads(
  fetchMock: jest.Mock,
): Array<{ url: string; headers: Record<string, string>; body: unknown }> {
  return fetchMock.mock.calls
    .filter(([url]) => isUpload(String(url)))
    .map(([url, init]) => ({
      url: String(url),
      headers: ((init as RequestInit).headers ?? {}) as Record<string, string>,
      body: (init as RequestInit).body,
    }))
}

/** Types into a Taro <Input> as rendered in jsdom (a real <input> carrying the id). */
export function typeInto(input: Element | null, value: string): void {
  if (!input) throw new Error('input not found')
  fireEvent.input(input, { target: { value } })
}
