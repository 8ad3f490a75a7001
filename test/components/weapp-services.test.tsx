// The weapp variants of the platform services, imported directly (jest, like tsc, resolves the default files).
import Taro from '@tarojs/taro'
import { getUserLocation } from '../../src/services/location.weapp'
import { scanPassCode, scanPlaceCode } from '../../src/services/scan.weapp'
import { send } from '../../src/services/transport.weapp'
import { CloudError } from '../../src/services/cloud-error'
import { DEFAULT_LOCATION, ok } from '../../types'

type CloudStub = { init: jest.Mock; callFunction: jest.Mock }
const taro = Taro as unknown as { cloud?: CloudStub; getLocation: typeof Taro.getLocation }

describe('location.weapp', () => {
  afterEach(() => jest.restoreAllMocks())

  it('asks WeChat for a GCJ-02 position and labels it 当前位置', async () => {
    const spy = jest.spyOn(taro, 'getLocation').mockResolvedValue({ latitude: 30.3036, longitude: 120.1113 } as never)
    await expect(getUserLocation()).resolves.toEqual({ lat: 30.3036, lng: 120.1113, label: '当前位置' })
    expect(spy).toHaveBeenCalledWith({ type: 'gcj02' })
  })

  it('falls back to the district default when the user refuses', async () => {
    jest.spyOn(taro, 'getLocation').mockRejectedValue({ errMsg: 'getLocation:fail auth deny' })
    await expect(getUserLocation()).resolves.toEqual(DEFAULT_LOCATION)
  })

  it('falls back to the district default for a point outside China (a simulator default)', async () => {
    jest.spyOn(taro, 'getLocation').mockResolvedValue({ latitude: 37.33, longitude: -122.03 } as never)
    const here = await getUserLocation()
    expect(here.label).toBe('拱墅区（默认位置）')
  })
})

describe('scan.weapp', () => {
  const scanner = Taro as unknown as { scanCode: typeof Taro.scanCode }
  afterEach(() => jest.restoreAllMocks())

  it('scans a 小哥码 as a QR code from the camera only', async () => {
    const spy = jest.spyOn(scanner, 'scanCode').mockResolvedValue({ result: 'XG1.abc' } as never)
    await expect(scanPassCode()).resolves.toBe('XG1.abc')
    expect(spy).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] })
  })

  it('reads a gate’s 小程序码 as the scene in its path, and a plain 场所码 as its text', async () => {
    const spy = jest
      .spyOn(scanner, 'scanCode')
      .mockResolvedValue({ result: '', path: 'gate/pages/place-scan/index?scene=g%3DAbCdEfGhIjKlMnOp' } as never)
    await expect(scanPlaceCode()).resolves.toBe('g=AbCdEfGhIjKlMnOp')
    expect(spy).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode', 'wxCode'] })
    spy.mockResolvedValue({ result: 'XGG1.signed' } as never)
    await expect(scanPlaceCode()).resolves.toBe('XGG1.signed')
  })

  it('gives null when the scanner is closed, and a Chinese message when it cannot open', async () => {
    const spy = jest.spyOn(scanner, 'scanCode').mockRejectedValue({ errMsg: 'scanCode:fail cancel' })
    await expect(scanPlaceCode()).resolves.toBeNull()
    spy.mockRejectedValue({ errMsg: 'scanCode:fail auth deny' })
    await expect(scanPassCode()).rejects.toThrow('摄像头')
  })
})

describe('transport.weapp', () => {
  // One stub for the file: the transport initialises wx.cloud once per app run, not once per call.
  const cloud: CloudStub = { init: jest.fn(), callFunction: jest.fn() }

  beforeAll(() => {
    taro.cloud = cloud
  })

  beforeEach(() => cloud.callFunction.mockReset())

  it('initialises wx.cloud once with CLOUD_ENV, then passes name and request to callFunction', async () => {
    cloud.callFunction.mockResolvedValue({ result: ok({ n: 1 }), errMsg: 'cloud.callFunction:ok' })
    await expect(send('account', { action: 'me' })).resolves.toEqual({ ok: true, data: { n: 1 } })
    await send('services', { action: 'nearbyStations' })
    expect(cloud.init).toHaveBeenCalledTimes(1)
    expect(cloud.init).toHaveBeenCalledWith({ env: 'xiaoge-test', traceUser: true })
    expect(cloud.callFunction.mock.calls.map((c) => c[0])).toEqual([
      { name: 'account', data: { action: 'me' } },
      { name: 'services', data: { action: 'nearbyStations' } },
    ])
  })

  it('reports a failed call as NETWORK, and a function that threw as INTERNAL', async () => {
    cloud.callFunction.mockRejectedValueOnce({ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' })
    const network = await send('account', { action: 'me' }).catch((e: unknown) => e)
    expect(network).toBeInstanceOf(CloudError)
    expect((network as CloudError).code).toBe('NETWORK')

    cloud.callFunction.mockRejectedValueOnce({
      errCode: -504002,
      errMsg: 'cloud.callFunction:fail functions execute fail',
    })
    const crashed = await send('account', { action: 'me' }).catch((e: unknown) => e)
    expect((crashed as CloudError).code).toBe('INTERNAL')
  })

  /** What `send` throws for one callFunction rejection, as code and message. */
  async function failureOf(rejection: unknown): Promise<{ code: string; message: string }> {
    cloud.callFunction.mockRejectedValueOnce(rejection)
    const error = await send('account', { action: 'me' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CloudError)
    return { code: (error as CloudError).code, message: (error as CloudError).message }
  }

  it('says 服务环境未配置, not 网络不给力, when the CloudBase environment does not exist', async () => {
    const notConfigured = { code: 'SERVICE_NOT_CONFIGURED', message: '服务环境未配置，请联系管理员' }
    // What WeChat answers for an environment id that names no environment (a build with the placeholder id)
    await expect(
      failureOf({
        errCode: -501000,
        errMsg:
          'cloud.callFunction:fail Error: errCode: -501000 | errMsg: [100003] env not exists (2fa64500) ' +
          '更多错误信息请访问：https://docs.cloudbase.net/error-code/basic/INVALID_ENV',
      }),
    ).resolves.toEqual(notConfigured)
    await expect(
      failureOf({
        errCode: -1,
        errMsg: 'cloud.callFunction:fail Error: errCode: -501000 | errMsg: Environment invalid',
      }),
    ).resolves.toEqual(notConfigured)
    await expect(
      failureOf({
        errCode: -404011,
        errMsg:
          'cloud.callFunction:fail cloud function service error code -501005, error message Environment not found',
      }),
    ).resolves.toEqual(notConfigured)
    await expect(failureOf({ errCode: -501005, errMsg: 'cloud.callFunction:fail 环境信息异常' })).resolves.toEqual(
      notConfigured,
    )
    // thrown as an Error by a wrapper: the text is in `message`
    await expect(failureOf(new Error('cloud.callFunction:fail INVALID_ENV'))).resolves.toEqual(notConfigured)
  })

  it('says 服务响应超时 when the cloud was reached but answered too late', async () => {
    const timeout = { code: 'TIMEOUT', message: '服务响应超时，请稍后再试' }
    await expect(
      failureOf({
        errCode: -504003,
        errMsg: 'cloud.callFunction:fail Error: errCode: -504003 | errMsg: Invoking task timed out after 3 seconds',
      }),
    ).resolves.toEqual(timeout)
    await expect(failureOf({ errCode: -501002, errMsg: 'cloud.callFunction:fail 云端响应超时' })).resolves.toEqual(
      timeout,
    )
    await expect(
      failureOf({ errCode: -404012, errMsg: 'cloud.callFunction:fail' /* the code alone */ }),
    ).resolves.toEqual(timeout)
  })

  it('keeps 网络不给力 for a request that never got through, and for what it cannot place', async () => {
    const network = { code: 'NETWORK', message: '网络不给力，请检查网络后重试' }
    await expect(failureOf({ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail' })).resolves.toEqual(network)
    // the phone's own request timeout is a connection that did not get through, not a slow function
    await expect(failureOf({ errCode: -1, errMsg: 'cloud.callFunction:fail request:fail timeout' })).resolves.toEqual(
      network,
    )
    await expect(failureOf({ errMsg: 'cloud.callFunction:fail something new' })).resolves.toEqual(network)
    await expect(failureOf(undefined)).resolves.toEqual(network)
  })

  it('blames the function, not the environment, when a function that threw mentions its environment', async () => {
    await expect(
      failureOf({
        errCode: -504002,
        errMsg:
          'cloud.callFunction:fail Error: errCode: -504002 functions execute fail | errMsg: ' +
          'Error: environment variable PASS_PRIVATE_KEY is invalid',
      }),
    ).resolves.toEqual({ code: 'INTERNAL', message: '服务开小差了，请稍后再试' })
  })
})
