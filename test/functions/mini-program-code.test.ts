import {
  EnterByPlaceOutput,
  PLACE_SCAN_PAGE,
  PlaceCodeOutput,
  sceneFrom,
  sceneKeyIn,
  SCENE_KEY_PATTERN,
} from '../../types'
import { ManualClock } from '../../cloudfunctions/shared/clock'
import { wxacodeMaker, type MiniProgramCodeRequest } from '../../cloudfunctions/shared/mini-program-code'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { snapshotDatabase } from '../support/db-snapshot'
import { TEST_NOW } from '../support/clock'

/** WeChat's getUnlimited stand-in: records each request, answers a tiny "JPEG", or fails when told to. */
function fakeWeChat() {
  const requests: MiniProgramCodeRequest[] = []
  let failing = false
  return {
    requests,
    fail: () => (failing = true),
    make: async (request: MiniProgramCodeRequest) => {
      requests.push(request)
      if (failing) throw new Error('errCode 45009')
      return { contentType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xd9]) }
    },
  }
}

let clock: ManualClock
let cloud: LocalCloud
let wechat: ReturnType<typeof fakeWeChat>
beforeEach(async () => {
  clock = new ManualClock(TEST_NOW)
  wechat = fakeWeChat()
  cloud = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now(), miniProgramCode: wechat.make })
})
afterEach(() => cloud.close())

async function placeCode(gateId = 'gate-rjq-north', openid = 'demo-manager'): Promise<PlaceCodeOutput> {
  const reply = await cloud.call('pass', { action: 'placeCode', gateId }, openid)
  if (!reply.ok) throw new Error(`pass.placeCode failed: ${reply.error.code}`)
  return PlaceCodeOutput.parse(reply.data)
}

async function enter(placeCode: string, openid = 'demo-courier'): Promise<EnterByPlaceOutput> {
  const reply = await cloud.call('pass', { action: 'enterByPlace', placeCode }, openid)
  if (!reply.ok) throw new Error(`pass.enterByPlace failed: ${reply.error.code}`)
  return EnterByPlaceOutput.parse(reply.data)
}

describe('a gate’s 小程序码 (wxacode.getUnlimited)', () => {
  it('is asked of WeChat for the place-scan page with a scene of at most 32 allowed characters, and returned as an image', async () => {
    const out = await placeCode()
    expect(out.miniCode).toBe(`data:image/jpeg;base64,${Buffer.from([0xff, 0xd8, 0xff, 0xd9]).toString('base64')}`)
    expect(out.code.startsWith('XGG1.')).toBe(true) // the plain QR is always there as well
    expect(wechat.requests).toHaveLength(1)
    const [{ scene, page, envVersion }] = wechat.requests
    expect(page).toBe(PLACE_SCAN_PAGE)
    expect(envVersion).toBe('release')
    expect(scene.length).toBeLessThanOrEqual(32)
    expect(scene).toMatch(/^[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]+$/)
    expect(sceneKeyIn(scene)).toMatch(SCENE_KEY_PATTERN)
  })

  it('keeps one scene key per gate, so every printed copy stays valid; gates get different keys', async () => {
    await placeCode('gate-rjq-north')
    await Promise.all([placeCode('gate-rjq-north'), placeCode('gate-rjq-north')])
    await placeCode('gate-rjq-south')
    const scenes = wechat.requests.map((r) => r.scene)
    expect(new Set(scenes.slice(0, 3)).size).toBe(1)
    expect(scenes[3]).not.toBe(scenes[0])
    expect((await cloud.store.collection('gates').get('gate-rjq-north'))?.sceneKey).toBe(sceneKeyIn(scenes[0]))
  })

  it('lets a courier in through the scene, logged against that gate like any 场所码 entry', async () => {
    await placeCode('gate-rjq-south')
    const pass = await enter(wechat.requests[0].scene)
    expect(pass).toMatchObject({ allowed: true, gateName: '南门', communityName: expect.stringContaining('阮家桥') })
    const [entry] = await cloud.store.collection('accessLogs').find({})
    expect(entry).toMatchObject({ gateId: 'gate-rjq-south', courierId: 'demo-courier', scannedBy: null, allowed: true })
  })

  it('refuses a scene with an unknown or malformed key, writing nothing', async () => {
    await placeCode()
    const before = await snapshotDatabase(cloud.store)
    for (const scene of ['g=AAAAAAAAAAAAAAAA', 'g=short', `g=${'A'.repeat(17)}`, 'g=', 'x=AAAAAAAAAAAAAAAA']) {
      expect(await enter(scene)).toMatchObject({ allowed: false, code: 'PASS_MALFORMED' })
    }
    expect(await snapshotDatabase(cloud.store)).toEqual(before)
  })

  it('still refuses a pending courier who scans the 小程序码', async () => {
    await placeCode()
    expect(await enter(wechat.requests[0].scene, 'demo-courier-pending')).toMatchObject({
      allowed: false,
      code: 'COURIER_PENDING',
    })
  })

  it('falls back to the plain QR with a reason when WeChat cannot make one', async () => {
    wechat.fail()
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const out = await placeCode()
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('gate-rjq-north'), expect.any(Error))
    logged.mockRestore()
    expect(out.miniCode).toBeUndefined()
    expect(out.miniCodeProblem).toContain('小程序码')
    expect(out.code.startsWith('XGG1.')).toBe(true)
  })

  it('is not offered by the local cloud, which has no WeChat behind it', async () => {
    const local = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now() })
    const reply = await local.call('pass', { action: 'placeCode', gateId: 'gate-rjq-north' }, 'demo-manager')
    await local.close()
    expect(reply.ok && PlaceCodeOutput.parse(reply.data)).toEqual({
      code: expect.stringMatching(/^XGG1\./),
      gateName: '北门',
      communityName: expect.any(String),
    })
  })
})

describe('wxacodeMaker: the cloud.openapi call', () => {
  it('asks getUnlimited with checkPath off and the configured version, and passes the image on', async () => {
    const calls: unknown[] = []
    const make = wxacodeMaker({
      wxacode: {
        getUnlimited: async (options) => {
          calls.push(options)
          return { contentType: 'image/png', buffer: Buffer.from('png') }
        },
      },
    })
    expect(await make({ scene: 'g=AAAAAAAAAAAAAAAA', page: PLACE_SCAN_PAGE, envVersion: 'trial' })).toEqual({
      contentType: 'image/png',
      buffer: Buffer.from('png'),
    })
    expect(calls).toEqual([
      { scene: 'g=AAAAAAAAAAAAAAAA', page: PLACE_SCAN_PAGE, checkPath: false, envVersion: 'trial', width: 430 },
    ])
  })

  it('turns a reply without an image into an error that names WeChat’s code', async () => {
    const make = wxacodeMaker({ wxacode: { getUnlimited: async () => ({ errCode: 41030, errMsg: 'invalid page' }) } })
    await expect(make({ scene: 'g=A', page: PLACE_SCAN_PAGE, envVersion: 'release' })).rejects.toThrow('41030')
  })
})

describe('sceneFrom: where a page finds the scene', () => {
  it.each([
    ['the raw query value', 'g=AbCdEfGhIjKlMnOp', 'g=AbCdEfGhIjKlMnOp'],
    ['the URL-encoded query value', 'g%3DAbCdEfGhIjKlMnOp', 'g=AbCdEfGhIjKlMnOp'],
    ['a scanned mini-program path', 'gate/pages/place-scan/index?scene=g%3DAbCdEfGhIjKlMnOp', 'g=AbCdEfGhIjKlMnOp'],
    [
      'a path with other parameters',
      'gate/pages/place-scan/index?x=1&scene=g%3DAbCdEfGhIjKlMnOp&y=2',
      'g=AbCdEfGhIjKlMnOp',
    ],
  ])('reads %s', (_name, raw, scene) => {
    expect(sceneFrom(raw)).toBe(scene)
  })

  it.each([
    ['nothing', undefined],
    ['an empty value', ''],
    ['a path without a scene', 'gate/pages/place-scan/index?x=1'],
    ['a broken escape', 'g%3'],
    ['an overlong value', 'g=' + 'A'.repeat(40)],
  ])('gives null for %s', (_name, raw) => {
    expect(sceneFrom(raw)).toBeNull()
  })
})
