import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import DemoLoginPage from '../../src/pages/demo-login'
import { getDemoOpenid } from '../../src/services/demo-identity'
import { chooseDemoIdentity, mockFetch } from './helpers'

const IDENTITIES = [
  { openid: 'demo-courier', nickname: '王小哥', roleName: '小哥', description: '已通过审核的外卖骑手' },
  { openid: 'demo-guard', nickname: '李师傅', roleName: '门岗', description: '阮家桥社区东门门岗' },
]

let reLaunch: jest.SpyInstance

beforeEach(() => {
  localStorage.clear()
  reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
})

afterEach(() => {
  reLaunch.mockRestore()
})

describe('demo login page', () => {
  it('lists the identities the local cloud offers', async () => {
    const fetchMock = mockFetch(() => ({ status: 200, body: { identities: IDENTITIES } }))
    render(<DemoLoginPage />)
    await screen.findByText('王小哥')
    expect(fetchMock.mock.calls[0][0]).toBe('/local/demo-identities')
    expect(screen.getByText('阮家桥社区东门门岗')).toBeTruthy()
    expect(screen.getByText('以“李师傅”进入')).toBeTruthy()
  })

  it('stores the chosen openid and relaunches on the home of that identity', async () => {
    mockFetch(() => ({ status: 200, body: { identities: IDENTITIES } }))
    render(<DemoLoginPage />)
    fireEvent.click(await screen.findByText('以“李师傅”进入'))
    expect(getDemoOpenid()).toBe('demo-guard')
    expect(Taro.getStorageSync('demoOpenid')).toBe('demo-guard')
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' })
  })

  it('marks the identity in use', async () => {
    chooseDemoIdentity('demo-courier')
    mockFetch(() => ({ status: 200, body: { identities: IDENTITIES } }))
    const { container } = render(<DemoLoginPage />)
    await screen.findByText('继续使用此身份')
    expect(container.querySelectorAll('.demo-login-page__identity--current')).toHaveLength(1)
  })

  it('refuses a malformed identity list with a Chinese message', async () => {
    mockFetch(() => ({ status: 200, body: { identities: [{ openid: 'has space' }] } }))
    render(<DemoLoginPage />)
    await screen.findByText('服务返回了无法识别的数据，请稍后再试')
  })
})

describe('the demo-login page belongs to the h5 demo only', () => {
  /** app.config.ts and routes.ts as the build for `platform` reads them (defineAppConfig is Taro's build-time macro). */
  function configFor(platform: 'h5' | 'weapp') {
    const saved = process.env.TARO_ENV
    process.env.TARO_ENV = platform
    const globals = globalThis as { defineAppConfig?: (config: unknown) => unknown }
    globals.defineAppConfig = (config) => config
    try {
      let loaded: { pages: string[]; sitemapLocation?: string; demoLogin: string } | undefined
      jest.isolateModules(() => {
        /* eslint-disable @typescript-eslint/no-require-imports -- each platform's reading of the same modules */
        const app = (require('../../src/app.config') as { default: { pages: string[]; sitemapLocation?: string } })
          .default
        const { ROUTES } = require('../../src/routes') as { ROUTES: { demoLogin: string } }
        /* eslint-enable @typescript-eslint/no-require-imports */
        loaded = { ...app, demoLogin: ROUTES.demoLogin }
      })
      return loaded!
    } finally {
      process.env.TARO_ENV = saved
      delete globals.defineAppConfig
    }
  }

  it('is a page of the h5 build, where its route leads to it', () => {
    const h5 = configFor('h5')
    expect(h5.pages).toContain('pages/demo-login/index')
    expect(h5.demoLogin).toBe('/pages/demo-login/index')
  })

  it('is not a page of the weapp build, and its route there leads to a page the weapp has', () => {
    const weapp = configFor('weapp')
    expect(weapp.pages).not.toContain('pages/demo-login/index')
    expect(weapp.pages).toContain(weapp.demoLogin.replace(/^\//, ''))
    expect(weapp.sitemapLocation).toBe('sitemap.json')
    // every other page is the same in both builds, in the same order
    expect(configFor('h5').pages.filter((page) => page !== 'pages/demo-login/index')).toEqual(weapp.pages)
  })
})
