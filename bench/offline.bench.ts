import { execSync } from 'node:child_process'
import { createPublicKey, randomBytes, verify as nodeVerify, type KeyObject } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import * as acorn from 'acorn'
import { build, type Plugin } from 'esbuild'
import nacl from 'tweetnacl'
import { ManualClock } from '../cloudfunctions/shared/clock'
import { createLocalCloud, type LocalCloud } from '../local/cloud'
import { ROOT, WEAPP_DIR, WEAPP_PACKAGE_LIMIT_BYTES } from '../scripts/sizes'
import { PLATFORMS, STATUS_LIST_CONTEXT, type Courier, type StatusListOutput, type User } from '../types'
import type * as OfflineGate from '../src/services/offline-gate'
import type { Benchmark } from './types'

/**
 * The gate without signal, measured on this machine: Ed25519 verifications per second in pure JavaScript
 * (tweetnacl, what the guard's phone runs) beside node:crypto's on the same real token; the phone's whole
 * judgement (src/services/offline-gate.ts judgeOffline itself) against a 1,000-courier list; the size of the
 * signed status list for a community of 1,000 approved couriers, and of what the phone keeps in wx storage;
 * the size of the weapp staff subpackage that carries the verifier, and tweetnacl's share of it.
 */
const START = Date.parse('2026-11-23T10:00:00+08:00')
const COMMUNITY = 'ruanjiaqiao'
const LISTED = 1000
const MIN_MS = 2000
const MAX_ITERATIONS = 5_000_000
/** WeChat keeps at most 1 MB under one storage key (10 MB in all). */
const STORAGE_KEY_LIMIT_BYTES = 1024 * 1024
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红'

const round = (value: number, digits = 2) => Number(value.toFixed(digits))
const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8')

/** Calls `fn` in batches for at least MIN_MS and answers calls per second; `fn` answers whether it was right. */
function perSecond(label: string, fn: () => boolean, batch: number, warmup = batch): number {
  for (let i = 0; i < warmup; i++) if (!fn()) throw new Error(`${label}: wrong answer during warm-up`)
  let count = 0
  let wrong = 0
  const started = performance.now()
  let elapsed = 0
  while (elapsed < MIN_MS && count < MAX_ITERATIONS) {
    for (let i = 0; i < batch; i++) if (!fn()) wrong++
    count += batch
    elapsed = performance.now() - started
  }
  if (wrong > 0) throw new Error(`${label}: ${wrong} of ${count} answers were wrong`)
  return count / (elapsed / 1000)
}

async function ok<T>(cloud: LocalCloud, fn: string, event: Record<string, unknown>, openid: string): Promise<T> {
  const reply = await cloud.call(fn, event, openid)
  if (!reply.ok) throw new Error(`${fn}.${String(event.action)}: ${reply.error.code} ${reply.error.message}`)
  return reply.data as T
}

/** A community of exactly LISTED approved couriers (the seeded ones and generated ones), each with a photo. */
async function communityOf1000(cloud: LocalCloud): Promise<string[]> {
  const couriers = cloud.store.collection('couriers')
  const seeded = await couriers.find({ communityId: COMMUNITY, status: 'approved' }, { limit: LISTED })
  const passIds = new Set(seeded.map((c) => c.passId))
  const added: string[] = []
  await cloud.store.transaction(async (tx) => {
    for (let i = 0; i < LISTED - seeded.length; i++) {
      const openid = `bench-offline-courier-${i}`
      let passId = randomBytes(6).toString('base64url')
      while (passIds.has(passId)) passId = randomBytes(6).toString('base64url')
      passIds.add(passId)
      const given = GIVEN[(i * 7) % GIVEN.length] + (i % 3 === 0 ? '' : GIVEN[(i * 13) % GIVEN.length])
      const user: User = { _id: openid, nickname: '骑手', roles: [{ role: 'courier' }], createdAt: START }
      const courier: Courier = {
        _id: openid,
        name: SURNAMES[i % SURNAMES.length] + given,
        phone: `139${String(i).padStart(8, '0')}`,
        platform: PLATFORMS[i % (PLATFORMS.length - 1)],
        riderId: `R-${i}`,
        communityId: COMMUNITY,
        status: 'approved',
        approvedAt: START,
        passId,
        // a registration photo as wx.cloud.uploadFile names it: the environment, its storage bucket, the path
        photoUrl: `cloud://xiaoge-prod-7g3k2a.7869-xiaoge-prod-7g3k2a-1320000000/couriers/${randomBytes(16).toString('base64url')}.jpg`,
        movementConsentAt: START,
        createdAt: START,
        updatedAt: START,
      }
      await tx.collection('users').put(user)
      await tx.collection('couriers').put(courier)
      added.push(openid)
    }
  })
  return added
}

/** The signed list for one day: `list` text plus signature, in UTF-8 bytes. */
const signedListBytes = (reply: StatusListOutput) =>
  utf8Bytes(reply.lists[0].list) + utf8Bytes(reply.lists[0].signature)

/**
 * src/services/offline-gate.ts as the phone runs it, bundled for Node with its Taro and cloud-call imports
 * replaced by stand-ins (judgeOffline uses neither): the real parseToken, openList and judgeOffline.
 */
async function loadOfflineGate(): Promise<typeof OfflineGate> {
  const stubs: Record<string, string> = {
    '@tarojs/taro': "export default { getStorageSync: () => '', setStorageSync: () => {} }",
    './cloud': "export function call() { throw new Error('no cloud in the bench') }",
    './pass': "export function verifyPass() { throw new Error('no cloud in the bench') }",
  }
  const stubPlugin: Plugin = {
    name: 'offline-gate-stubs',
    setup(b) {
      // only offline-gate.ts's own imports: types/ has modules of the same names
      b.onResolve({ filter: /^(@tarojs\/taro|\.\/cloud|\.\/pass)$/ }, (args) =>
        args.path.startsWith('@') || args.importer.endsWith(path.join('services', 'offline-gate.ts'))
          ? { path: args.path, namespace: 'stub' }
          : undefined,
      )
      b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: stubs[args.path], loader: 'js' }))
    },
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoge-bench-offline-'))
  const outfile = path.join(dir, 'offline-gate.js')
  try {
    await build({
      entryPoints: [path.join(ROOT, 'src', 'services', 'offline-gate.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      plugins: [stubPlugin],
      logLevel: 'warning',
    })
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle just built, loaded at run time
    return require(outfile) as typeof OfflineGate
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

interface Verification {
  body: Uint8Array
  signature: Uint8Array
  rawKey: Uint8Array
  keyObject: KeyObject
}

/** A real token's body and signature, sliced as token.ts lays them out (checked against parseToken). */
function sliceToken(token: string, publicKey: string, gate: typeof OfflineGate): Verification {
  const bytes = Buffer.from(token.slice('XG1.'.length), 'base64url')
  const bodyLength = 18 + bytes[17]
  const body = new Uint8Array(bytes.subarray(0, bodyLength))
  const signature = new Uint8Array(bytes.subarray(bodyLength))
  const parsed = gate.parseToken(token)
  if (!parsed || !Buffer.from(parsed.body).equals(body) || !Buffer.from(parsed.signature).equals(signature))
    throw new Error('the token is not sliced as parseToken slices it')
  const rawKey = new Uint8Array(Buffer.from(publicKey, 'base64url'))
  const keyObject = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey }, format: 'jwk' })
  return { body, signature, rawKey, keyObject }
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

/**
 * Bytes of tweetnacl's module in one built chunk: webpack's module table maps ids to functions; tweetnacl's is the
 * one whose source holds its "no PRNG" error and its `setPRNG`.
 */
function tweetnaclBytesIn(file: string): number {
  const source = fs.readFileSync(file, 'utf8')
  if (!source.includes('no PRNG')) return 0
  const ast = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'script' })
  let smallest: { start: number; end: number } | null = null
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    if (Array.isArray(node)) return node.forEach(visit)
    const n = node as acorn.Node & Record<string, unknown>
    if (typeof n.type !== 'string') return
    if (n.type === 'Property') {
      const value = n.value as acorn.Node
      const text = source.slice(n.start, n.end)
      const isFunction = value.type === 'FunctionExpression' || value.type === 'ArrowFunctionExpression'
      if (isFunction && text.includes('no PRNG') && text.includes('setPRNG')) {
        if (!smallest || n.end - n.start < smallest.end - smallest.start) smallest = { start: n.start, end: n.end }
      }
    }
    for (const [key, child] of Object.entries(n)) if (key !== 'type') visit(child)
  }
  visit(ast)
  if (!smallest) throw new Error(`${file}: tweetnacl is there but not as a webpack module`)
  const { start, end } = smallest as { start: number; end: number }
  return Buffer.byteLength(source.slice(start, end), 'utf8')
}

/** The staff subpackage (root from app.json) and where tweetnacl landed in the weapp build. */
function weappFigures(): Record<string, number> {
  const appJson = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as {
    subPackages?: Array<{ root: string }>
    subpackages?: Array<{ root: string }>
  }
  const roots = [...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((p) => p.root.replace(/\/$/, ''))
  if (!roots.includes('staff')) throw new Error(`app.json has no staff subpackage (roots: ${roots.join(', ')})`)
  const staffDir = path.join(WEAPP_DIR, 'staff')
  const staffFiles = filesUnder(staffDir)
  const staffBytes = staffFiles.reduce((sum, file) => sum + fs.statSync(file).size, 0)
  const js = filesUnder(WEAPP_DIR).filter((file) => file.endsWith('.js'))
  const inStaff = js.filter((f) => f.startsWith(staffDir + path.sep)).reduce((s, f) => s + tweetnaclBytesIn(f), 0)
  const elsewhere = js.filter((f) => !f.startsWith(staffDir + path.sep)).reduce((s, f) => s + tweetnaclBytesIn(f), 0)
  if (inStaff === 0) throw new Error('tweetnacl is not in the staff subpackage')
  return {
    'offline.staff_subpackage_bytes': staffBytes,
    'offline.staff_subpackage_share_of_limit': round(staffBytes / WEAPP_PACKAGE_LIMIT_BYTES, 4),
    'offline.tweetnacl_in_staff_bytes': inStaff,
    'offline.tweetnacl_outside_staff_bytes': elsewhere,
  }
}

export const offlineBenchmark: Benchmark = {
  name: 'offline',
  async run() {
    execSync('npm run build:weapp', { cwd: ROOT, stdio: 'inherit' })
    const weapp = weappFigures()
    const gate = await loadOfflineGate()

    const clock = new ManualClock(START)
    const cloud = await createLocalCloud({ dataDir: ':memory:', now: () => clock.now() })
    try {
      await communityOf1000(cloud)
      const token = (
        await ok<{ token: string }>(cloud, 'pass', { action: 'issue', destination: '3幢2单元' }, 'demo-courier')
      ).token
      const { keys } = await ok<{ keys: Array<{ kid: number; publicKey: string }> }>(
        cloud,
        'pass',
        { action: 'publicKeys' },
        'demo-guard',
      )
      const reply = await ok<StatusListOutput>(cloud, 'pass', { action: 'statusList' }, 'demo-guard')
      const entries = (JSON.parse(reply.lists[0].list) as { entries: unknown[] }).entries.length
      if (entries !== LISTED) throw new Error(`the list holds ${entries} couriers, not ${LISTED}`)

      // Signature checks on the real token, under the key its kid names.
      const kid = gate.parseToken(token)!.kid
      const key = keys.find((k) => k.kid === kid)
      if (!key) throw new Error(`no public key for kid ${kid}`)
      const v = sliceToken(token, key.publicKey, gate)
      const forged = Uint8Array.from(v.signature, (b, i) => (i === 0 ? b ^ 1 : b))
      if (nacl.sign.detached.verify(v.body, forged, v.rawKey)) throw new Error('tweetnacl took a forged signature')
      if (nodeVerify(null, v.body, v.keyObject, forged)) throw new Error('node:crypto took a forged signature')
      const tweetnacl = perSecond('tweetnacl', () => nacl.sign.detached.verify(v.body, v.signature, v.rawKey), 16)
      const node = perSecond('node:crypto', () => nodeVerify(null, v.body, v.keyObject, v.signature), 256)

      // The phone's whole judgement (parse, signature, time, the courier on the 1,000-entry list of the day).
      const data: OfflineGate.OfflineData = { keys, lists: reply.lists, offsetMs: 0, fetchedAt: START }
      const checkAt = START + 5_000
      const judged = gate.judgeOffline(data, token, checkAt)
      if (!judged.allowed || judged.courier.maskedName !== '张*明') throw new Error('judgeOffline did not let 张*明 in')
      const judge = perSecond('judgeOffline', () => gate.judgeOffline(data, token, checkAt).allowed, 16)

      // Opening one day's list on the phone: tweetnacl over the context and the list's UTF-8 text.
      const message = new Uint8Array(Buffer.from(STATUS_LIST_CONTEXT + reply.lists[0].list, 'utf8'))
      const listSignature = new Uint8Array(Buffer.from(reply.lists[0].signature, 'base64url'))
      const listKey = new Uint8Array(
        Buffer.from(keys.find((k) => k.kid === reply.lists[0].kid)!.publicKey, 'base64url'),
      )
      const listVerify = perSecond(
        'list signature',
        () => nacl.sign.detached.verify(message, listSignature, listKey),
        4,
        4,
      )

      const withPhotos = signedListBytes(reply)
      const stored = utf8Bytes(JSON.stringify(data))
      // the same community as couriers who registered without a photo
      const photographed = await cloud.store
        .collection('couriers')
        .find({ communityId: COMMUNITY, status: 'approved' }, { limit: LISTED })
      await cloud.store.transaction(async (tx) => {
        for (const c of photographed)
          if (c.photoUrl) await tx.collection('couriers').update(c._id, { unset: ['photoUrl'] })
      })
      const bare = await ok<StatusListOutput>(cloud, 'pass', { action: 'statusList' }, 'demo-guard')
      if (bare.lists[0].list.includes('cloud://')) throw new Error('photos are still on the list')

      return {
        'offline.tweetnacl_verify_per_s': Math.round(tweetnacl),
        'offline.node_verify_per_s': Math.round(node),
        'offline.tweetnacl_vs_node': round(tweetnacl / node, 4),
        'offline.judge_per_s': Math.round(judge),
        'offline.list_signature_verify_ms': round(1000 / listVerify, 2),
        'offline.status_list_entries': entries,
        'offline.status_list_bytes_1000': withPhotos,
        'offline.status_list_bytes_1000_no_photos': signedListBytes(bare),
        'offline.stored_data_bytes_1000': stored,
        'offline.stored_data_share_of_key_limit': round(stored / STORAGE_KEY_LIMIT_BYTES, 4),
        ...weapp,
      }
    } finally {
      await cloud.close()
    }
  },
}
