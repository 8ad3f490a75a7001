/**
 * Going live, as a team would on an empty CloudBase environment, with the real parts: the deploy's database
 * step through @cloudbase/manager-node against the stand-in's management API, and each built bundle
 * (dist/cloudfunctions/<fn>/index.js) run on the real wx-server-sdk with exactly the environment variables
 * `npm run deploy` gives it from cloudbaserc.json. Run after `npm run build:functions`.
 */
import path from 'node:path'
import CloudBase from '@cloudbase/manager-node'
import * as cloud from 'wx-server-sdk'
import type { Community, Gate, Station, User } from '../../types'
import { generateKeyringSpec, keyringFrom, formatPublicKeyList } from '../../cloudfunctions/shared/pass-keys'
import { SEED_COMMUNITIES, SEED_STATIONS } from '../../local/seed-data'
import { seedPoints } from '../../local/seed-points'
import { readCloudBaseRc } from '../../scripts/deploy/cloudbaserc'
import { applyDatabase, managerDatabase } from '../../scripts/deploy/database'
import { planDeploy, type DeployPlan } from '../../scripts/deploy/plan'
import { startCloudBaseStandIn, type CloudBaseStandIn } from '../support/cloudbase-standin/server'

jest.setTimeout(60_000)

const DIST = path.resolve(__dirname, '../../dist/cloudfunctions')
const ENV_ID = 'xiaoge-golive'
const ADMIN = 'o_golive_admin_00000001'
const SECRETARY = 'o_golive_secretary_0001'
const GUARD = 'o_golive_guard_00000001'
const COURIER = 'o_golive_courier_000001'
const ATTACKER = 'o_golive_attacker_00001'

type Main = (event: unknown, context: unknown) => Promise<unknown>
type Reply = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string; message: string } }

let standIn: CloudBaseStandIn
let plan: DeployPlan
const mains = new Map<string, Main>()
const savedEnv = { ...process.env }
const keys = generateKeyringSpec(1)
const deployEnv = {
  CLOUD_ENV: ENV_ID,
  ADMIN_OPENIDS: ADMIN,
  PASS_ACTIVE_KID: '1',
  PASS_PRIVATE_KEY: keys.privateKey,
  PASS_PUBLIC_KEYS: formatPublicKeyList({ '1': keyringFrom(keys).active.publicRaw }),
}

/** Loads a built bundle with only the variables the deploy gives that function, as its cold start reads them. */
function loadFunction(name: string): Main {
  const fn = plan.functions.find((f) => f.entry.name === name)
  if (!fn) throw new Error(`cloudbaserc.json has no function ${name}`)
  const before = { ...process.env }
  for (const key of ['ADMIN_OPENIDS', 'PASS_ACTIVE_KID', 'PASS_PRIVATE_KEY', 'PASS_PUBLIC_KEYS'])
    delete process.env[key]
  Object.assign(process.env, fn.variables)
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built bundle, loaded at run time as CloudBase loads it
    return (require(path.join(DIST, name, 'index.js')) as { main: Main }).main
  } finally {
    process.env = before
  }
}

/** Calls a function as WeChat user `openid`: CloudBase puts the caller's identity in the environment. */
async function call(fn: string, openid: string, event: Record<string, unknown>): Promise<Reply> {
  const main = mains.get(fn) ?? loadFunction(fn)
  mains.set(fn, main)
  process.env.WX_OPENID = openid
  return (await main(event, {})) as Reply
}

async function ok(fn: string, openid: string, event: Record<string, unknown>): Promise<Record<string, unknown>> {
  const reply = await call(fn, openid, event)
  if (!reply.ok)
    throw new Error(`${fn}.${String(event.action)} as ${openid}: ${reply.error.code} ${reply.error.message}`)
  return reply.data
}

const codeOf = (reply: Reply) => (reply.ok ? 'OK' : reply.error.code)

beforeAll(async () => {
  standIn = await startCloudBaseStandIn({ collections: [], envId: ENV_ID })
  plan = planDeploy(readCloudBaseRc(), deployEnv)
  // What CloudBase injects into every function: the caller's identity, and no metadata probe.
  Object.assign(process.env, { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID', WX_APPID: 'wx0000', TENCENTCLOUD: 'true' })
  // The SDK keeps the first init: point it at the stand-in before the bundles' own init(DYNAMIC_CURRENT_ENV).
  cloud.init({ env: ENV_ID, serviceUrl: standIn.serviceUrl, secretId: 'x', secretKey: 'y' } as Parameters<
    typeof cloud.init
  >[0])
})

afterAll(async () => {
  process.env = savedEnv
  await standIn.close()
})

describe('going live on an empty CloudBase environment', () => {
  it('plans a deploy with no problem, and gives the private key to pass alone', () => {
    expect(plan.problems).toEqual([])
    const holders = plan.functions.filter((f) => f.variables.PASS_PRIVATE_KEY).map((f) => f.entry.name)
    expect(holders).toEqual(['pass'])
    expect(plan.functions.find((f) => f.entry.name === 'points')?.variables.PASS_PUBLIC_KEYS).toBe(
      deployEnv.PASS_PUBLIC_KEYS,
    )
  })

  it('answers INTERNAL before the database exists, as CloudBase does (-502005)', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      expect(codeOf(await call('account', COURIER, { action: 'me' }))).toBe('INTERNAL')
      expect(errors.mock.calls.flat().join(' ')).toContain('-502005 database collection not exists')
    } finally {
      errors.mockRestore()
    }
  })

  it('creates every collection with its indexes, admin-only, and changes nothing the second time', async () => {
    process.env.TCB_BASE_URL = standIn.managementUrl
    try {
      const manager = new CloudBase({ secretId: 'deploy-id', secretKey: 'deploy-key', envId: ENV_ID })
      const admin = managerDatabase(manager, ENV_ID)
      const first = await applyDatabase(admin, plan.collections)
      expect(first).toContain('created collection users')
      expect(first).toContain('created index accessLogs.idx_at')
      expect(first).toContain('set users from PRIVATE to ADMINONLY')
      for (const c of plan.collections) expect(await admin.acl(c.name)).toBe('ADMINONLY')
      expect(await applyDatabase(admin, plan.collections)).toEqual([])
    } finally {
      delete process.env.TCB_BASE_URL
    }
  })

  it('refuses a client that writes itself an admin role, and a stray client-written document grants nothing', async () => {
    // A visitor's mini-program writing users/<own OPENID> directly: the collection is admin-only now.
    expect(() =>
      standIn.clientAdd(ATTACKER, 'users', {
        _id: ATTACKER,
        nickname: 'x',
        roles: [{ role: 'admin' }],
        createdAt: Date.now(),
      }),
    ).toThrow(/Permission denied/)
    // One that got in while a collection was still open carries `_openid`: the functions refuse it.
    const forged: User & { _openid: string } = {
      _id: ATTACKER,
      nickname: 'x',
      roles: [{ role: 'secretary', communityId: 'ruanjiaqiao' }],
      createdAt: Date.now(),
      _openid: ATTACKER,
    }
    standIn.load('users', [forged])
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      expect(await ok('account', ATTACKER, { action: 'me' })).toMatchObject({ roles: [] })
      expect(codeOf(await call('account', ATTACKER, { action: 'reviewQueue', communityId: 'ruanjiaqiao' }))).toBe(
        'FORBIDDEN',
      )
      expect(errors.mock.calls.flat().join(' ')).toContain(`refused users/${ATTACKER}`)
    } finally {
      errors.mockRestore()
    }
  })

  it('walks register → approve → issue → verify at the gate → attendance by 小哥码 → redeem', async () => {
    // What the team writes once in the console today (issue 11 brings this into the app): the community,
    // its gate and station, the secretary and the guard, an exchange item.
    const now = Date.now()
    const community: Community = SEED_COMMUNITIES.find((c) => c._id === 'ruanjiaqiao')!
    const station: Station = SEED_STATIONS.find((s) => s._id === 'st-gege-yintai')!
    const gate: Gate = {
      _id: 'gate-golive',
      communityId: 'ruanjiaqiao',
      name: '北门',
      createdAt: now,
    }
    const staff: User[] = [
      {
        _id: SECRETARY,
        nickname: '陈书记',
        roles: [{ role: 'secretary', communityId: 'ruanjiaqiao' }],
        createdAt: now,
      },
      {
        _id: GUARD,
        nickname: '王师傅',
        roles: [{ role: 'guard', communityId: 'ruanjiaqiao', gateId: 'gate-golive' }],
        createdAt: now,
      },
    ]
    const water = seedPoints(now).items.find((i) => i._id === 'item-demo-water')!
    standIn.load('communities', [community])
    standIn.load('stations', [station])
    standIn.load('gates', [gate])
    standIn.load('users', staff)
    standIn.load('exchangeItems', [water])

    await ok('account', COURIER, {
      action: 'register',
      name: '周小勇',
      phone: '13912345678',
      platform: '饿了么',
      riderId: 'ELM-778899',
      communityId: 'ruanjiaqiao',
      photoUrl: 'local:FacePhotoOfTheTestRider0',
      consentPrivacy: true,
      consentMovement: true,
    })
    expect(codeOf(await call('pass', COURIER, { action: 'issue' }))).toBe('NOT_APPROVED')
    await ok('account', SECRETARY, { action: 'review', courierId: COURIER, decision: 'approve' })

    const { token } = (await ok('pass', COURIER, { action: 'issue' })) as { token: string }
    const verified = await ok('pass', GUARD, { action: 'verify', token })
    expect(verified).toMatchObject({ allowed: true, courier: { maskedName: '周*勇' } })

    const { activity } = (await ok('points', SECRETARY, {
      action: 'saveActivity',
      communityId: 'ruanjiaqiao',
      title: '平安夜巡：上线测试',
      kind: '平安夜巡',
      description: '',
      place: '阮家桥社区',
      startAt: now + 10 * 60_000, // attendance opens 30 minutes before the start
      endAt: now + 70 * 60_000,
      capacity: 10,
      points: 20,
    })) as { activity: { id: string } }
    await ok('points', COURIER, { action: 'signUp', activityId: activity.id })
    // points holds public keys only, and verifies the same code the guard just scanned
    expect(await ok('points', SECRETARY, { action: 'attend', activityId: activity.id, token })).toMatchObject({
      awarded: true,
      points: 20,
    })

    const redeemed = await ok('points', COURIER, { action: 'redeem', itemId: water._id, requestKey: 'golive-0001' })
    expect(redeemed).toMatchObject({ balance: 20 - water.cost, redemption: { status: 'reserved' } })
  })

  it('retries a transaction conflict in the service’s own words, then answers CONFLICT, never INTERNAL', async () => {
    for (const kind of ['conflict', 'busy'] as const) {
      // two conflicts: the store retries and the redemption goes through
      standIn.failTransactionalWrites(2, kind)
      const through = await call('points', COURIER, {
        action: 'redeem',
        itemId: 'item-demo-water',
        requestKey: `golive-${kind}-1`,
      })
      expect(codeOf(through)).toBe('OK')
      // conflicts that outlast every retry
      standIn.failTransactionalWrites(100, kind)
      const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined)
      try {
        const refused = await call('points', COURIER, {
          action: 'redeem',
          itemId: 'item-demo-water',
          requestKey: `golive-${kind}-2`,
        })
        expect(refused).toEqual({ ok: false, error: { code: 'CONFLICT', message: '现在操作的人较多，请稍后重试' } })
      } finally {
        errors.mockRestore()
        standIn.failTransactionalWrites(0, kind)
      }
    }
    // the refused redemptions took nothing: one unit per redemption that went through
    const items = (await ok('points', COURIER, { action: 'myRedemptions' })) as { redemptions: unknown[] }
    expect(items.redemptions).toHaveLength(3)
  })

  it('gives back, on its minute timer, a unit of stock that a redemption which died half-way left held', async () => {
    // What a redemption killed after taking its unit leaves (cloudfunctions/points/holds.ts): an open hold whose
    // lease ran out, and the item marked and one unit down.
    const db = cloud.database()
    const items = db.collection('exchangeItems')
    const before = ((await items.doc('item-demo-water').get()) as unknown as { data: { stock: number } }).data.stock
    const at = Date.now() - 10 * 60_000
    const holdId = 'h00112233445566778899'
    await db.collection('counterHolds').add({
      data: {
        _id: holdId,
        kind: 'take',
        counter: { collection: 'exchangeItems', id: 'item-demo-water', field: 'stock', delta: -1 },
        record: { collection: 'redemptions', id: 'rd_never_written' },
        state: 'open',
        at,
        leaseUntil: at + 120_000,
      },
    })
    await items.doc('item-demo-water').update({ data: { stock: db.command.inc(-1), [`holds.${holdId}`]: at } })

    const reconcile = loadFunction('reconcile')
    delete process.env.WX_OPENID
    const timer = { Type: 'Timer', TriggerName: 'reconcile-counter-holds', Time: new Date().toISOString() }
    expect(await reconcile(timer, {})).toEqual({ settled: 1, failed: 0, reminded: 0 })
    const after = ((await items.doc('item-demo-water').get()) as unknown as { data: { stock: number; holds?: object } })
      .data
    expect(after.stock).toBe(before)
    expect(after.holds).toEqual({})
    const left = (await db.collection('counterHolds').where({ _id: holdId }).get()) as unknown as { data: unknown[] }
    expect(left.data).toEqual([])
    expect(await reconcile(timer, {})).toEqual({ settled: 0, failed: 0, reminded: 0 })
    process.env.WX_OPENID = COURIER
    expect(await reconcile(timer, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('runs the purge only on its timer trigger', async () => {
    const purge = loadFunction('purge')
    delete process.env.WX_OPENID
    const timer = { Type: 'Timer', TriggerName: 'purge-expired-records', Time: new Date().toISOString() }
    expect(await purge(timer, {})).toEqual({ accessLogs: 0, passAliases: 0, dataReads: 0 })
    process.env.WX_OPENID = COURIER
    expect(await purge(timer, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
