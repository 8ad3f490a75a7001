/**
 * Hosts the real weapp build (dist/weapp) in miniprogram-simulate, which implements WeChat's Component() and
 * wxml compiler but not App()/Page(): Taro's app.js calls App() (kept here), each page calls Page() (mapped
 * onto a Component with the page lifecycle driven from attached/ready/detached).
 *
 * Import this module before anything reads `wx`: requiring miniprogram-simulate installs its `wx` mock, and
 * Taro's runtime copies `wx.cloud` onto `Taro.cloud` when app.js loads, so stubs go on `wx` before loadApp().
 */
import path from 'node:path'
import simulate from 'miniprogram-simulate'

export const DIST = path.resolve(__dirname, '../../dist/weapp')

type Lifecycle = ((this: unknown, ...args: unknown[]) => unknown) | undefined
interface PageInstance {
  route?: string
  __route__?: string
  onLoad?: Lifecycle
  onShow?: Lifecycle
  onReady?: Lifecycle
  onUnload?: Lifecycle
}
interface PageOptions extends Record<string, unknown> {
  data?: Record<string, unknown>
}
interface AppOptions {
  onLaunch?: (options: { path: string; query: Record<string, string> }) => void
}

const host = globalThis as unknown as {
  wx: Record<string, unknown>
  App: (options: AppOptions) => void
  getApp: () => AppOptions | undefined
  Page: (options: PageOptions) => void
  Component: (options: Record<string, unknown>) => void
  getCurrentPages: () => unknown[]
}

let app: AppOptions | undefined
const pages: unknown[] = []
let loadingRoute = ''

host.App = (options) => {
  app = options
}
host.getApp = () => app
host.getCurrentPages = () => pages
host.Page = (options) => {
  const methods: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value
  const route = loadingRoute
  host.Component({
    data: options.data ?? {},
    methods,
    lifetimes: {
      attached(this: PageInstance) {
        this.route = this.__route__ = route
        pages.push(this)
        this.onLoad?.call(this, {})
        this.onShow?.call(this)
      },
      ready(this: PageInstance) {
        this.onReady?.call(this)
      },
      detached(this: PageInstance) {
        pages.splice(pages.indexOf(this), 1)
        this.onUnload?.call(this)
      },
    },
  })
}

/** WeChat's `wx` as miniprogram-simulate mocks it; tests replace the APIs they care about. */
export const wx = host.wx

/** Runs dist/weapp/app.js and its onLaunch, as WeChat does when the mini-program starts. */
export function loadApp(firstPage: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built app, loaded at run time as WeChat loads it
  require(path.join(DIST, 'app.js'))
  if (!app) throw new Error('dist/weapp/app.js did not call App(): is the weapp build there? (npm run build:weapp)')
  app.onLaunch?.call(app, { path: firstPage, query: {} })
}

/** Loads and attaches one page of the build; its first React render happens asynchronously. */
export function loadPage(route: string) {
  loadingRoute = route
  const id = simulate.load(path.join(DIST, route), { rootPath: DIST })
  const page = simulate.render(id)
  page.attach(document.createElement('parent-wrapper'))
  return page
}

/** Polls until `probe` returns something truthy (the page renders after promises and setData settle). */
export async function waitFor<T>(probe: () => T, timeoutMs = 5000): Promise<NonNullable<T>> {
  const start = Date.now()
  for (;;) {
    let last: unknown
    try {
      const value = probe()
      if (value) return value
    } catch (error) {
      last = error
    }
    if (Date.now() - start > timeoutMs) {
      throw last instanceof Error ? last : new Error(`waitFor: nothing after ${timeoutMs} ms`, { cause: last })
    }
    await simulate.sleep(10)
  }
}

/** Elements carrying a wxss class: miniprogram-simulate prefixes page classes (`main--card`), so match the tail. */
export function byClass(root: Element, className: string): Element[] {
  return Array.from(root.querySelectorAll('[class]')).filter((el) =>
    Array.from(el.classList).some((token) => token === className || token.endsWith(`--${className}`)),
  )
}
