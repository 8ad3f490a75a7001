import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type http from 'node:http'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { createLocalServer } from '../../local/server'
import { MAX_PHOTO_BYTES, sniffPhotoType } from '../../local/uploads'
import { TEST_NOW } from '../support/clock'
import { close, listen, rawExchange } from '../support/http'

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(50, 1)])

let dir: string
let cloud: LocalCloud
let server: http.Server
let base: string
let now = TEST_NOW
beforeEach(async () => {
  now = TEST_NOW
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoge-uploads-'))
  cloud = await createLocalCloud({ dataDir: dir, now: () => now })
  server = createLocalServer({ cloud })
  base = await listen(server)
})
afterEach(async () => {
  await close(server)
  await cloud.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const upload = (body: Buffer, openid: string | null = 'demo-courier', to = base, purpose?: string) =>
  fetch(`${to}/local/upload${purpose ? `?for=${purpose}` : ''}`, {
    method: 'POST',
    body: new Uint8Array(body),
    headers: { 'content-type': 'application/octet-stream', ...(openid ? { 'x-openid': openid } : {}) },
  })

describe('local photo uploads (the stand-in for CloudBase storage)', () => {
  it('keeps a JPEG under .data/uploads and serves the same bytes back by its reference', async () => {
    const reply = await upload(JPEG)
    expect(reply.status).toBe(200)
    const { data } = (await reply.json()) as { data: { photo: string } }
    expect(data.photo).toMatch(/^local:[A-Za-z0-9_-]{22}$/)
    const id = data.photo.slice('local:'.length)
    expect(fs.readdirSync(path.join(dir, 'uploads'))).toEqual([`${id}.jpg`])
    // only through a URL the functions minted
    const url = (await cloud.photoAccess.urls([data.photo])).get(data.photo)
    expect(url).toMatch(new RegExp(`^/local/files/${id}\\?e=\\d+&t=[A-Za-z0-9_-]{32}$`))
    const served = await fetch(`${base}${url}`)
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await served.arrayBuffer())).toEqual(JPEG)
  })

  it('serves a photo only with a valid, unexpired token: knowing its id or reference shows nothing', async () => {
    const { data } = (await (await upload(JPEG)).json()) as { data: { photo: string } }
    const id = data.photo.slice('local:'.length)
    const url = (await cloud.photoAccess.urls([data.photo])).get(data.photo) ?? ''
    const expires = /e=(\d+)/.exec(url)?.[1] ?? ''
    const tag = /t=([A-Za-z0-9_-]+)/.exec(url)?.[1] ?? ''
    const other = (await (await upload(PNG)).json()) as { data: { photo: string } }
    const otherId = other.data.photo.slice('local:'.length)
    for (const bad of [
      `/local/files/${id}`,
      `/local/files/${id}?e=${expires}`,
      `/local/files/${id}?e=${Number(expires) + 3600}&t=${tag}`,
      `/local/files/${id}?e=${expires}&t=${tag.slice(0, -1)}${tag.endsWith('A') ? 'B' : 'A'}`,
      `/local/files/${otherId}?e=${expires}&t=${tag}`,
    ]) {
      const reply = await fetch(`${base}${bad}`)
      expect([bad, reply.status]).toEqual([bad, 403])
      expect(await reply.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    expect((await fetch(`${base}${url}`)).status).toBe(200)
    now += 30 * 60_000
    expect((await fetch(`${base}${url}`)).status).toBe(403)
  })

  it('refuses what is not a JPEG, PNG or WebP picture, a photo over 2 MiB, and an upload without identity, keeping nothing', async () => {
    expect(await (await upload(Buffer.from('<svg onload=alert(1)>'))).json()).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    })
    const big = Buffer.concat([JPEG, Buffer.alloc(MAX_PHOTO_BYTES)])
    expect(await (await upload(big)).json()).toMatchObject({
      ok: false,
      error: { code: 'BODY_TOO_LARGE', message: expect.stringContaining('照片过大') },
    })
    const anonymous = await upload(PNG, null)
    expect(anonymous.status).toBe(401)
    expect(fs.existsSync(path.join(dir, 'uploads'))).toBe(false)
  })

  const stored = () => (fs.existsSync(path.join(dir, 'uploads')) ? fs.readdirSync(path.join(dir, 'uploads')) : [])

  it('answers an oversized photo on a plain socket with a 413 envelope before closing, storing nothing', async () => {
    const big = Buffer.concat([JPEG, Buffer.alloc(MAX_PHOTO_BYTES)])
    const head = `POST /local/upload HTTP/1.1\r\nHost: local\r\nx-openid: demo-courier\r\nContent-Length: ${big.length}\r\n\r\n`
    const reply = await rawExchange(base, [head, big])
    expect(reply.status).toBe(413)
    expect(reply.headers.connection).toBe('close')
    expect(reply.json).toEqual({
      ok: false,
      error: { code: 'BODY_TOO_LARGE', message: expect.stringContaining('照片过大') },
    })
    expect(reply.closed).toBe(true)
    expect(reply.error).toBeNull()
    expect(stored()).toEqual([])
  })

  // The same identity rule as /fn (the contract's Id), then points.submitReport's own rule: an approved courier.
  it.each([
    ['no identity', null, 401, 'UNAUTHENTICATED'],
    ['an 8,000-character identity', 'a'.repeat(8000), 401, 'UNAUTHENTICATED'],
    ['an identity that is SQL', "' OR 1=1 --", 401, 'UNAUTHENTICATED'],
    ['an identity with a path in it', '../demo-courier', 401, 'UNAUTHENTICATED'],
    ['a visitor the system has never seen', 'visitor-never-seen', 403, 'FORBIDDEN'],
    ['a guard', 'demo-guard', 403, 'FORBIDDEN'],
    ['a secretary', 'demo-secretary', 403, 'FORBIDDEN'],
    ['an admin (who files no reports)', 'demo-admin', 403, 'FORBIDDEN'],
    ['a courier waiting for review', 'demo-courier-pending', 403, 'NOT_APPROVED'],
  ])('refuses an upload from %s, as submitReport would, and stores nothing', async (_name, openid, status, code) => {
    const reply = await upload(JPEG, openid)
    expect(reply.status).toBe(status)
    expect(await reply.json()).toEqual({
      ok: false,
      error: { code, message: expect.stringMatching(/[\u4e00-\u9fa5]/) },
    })
    expect(stored()).toEqual([])
  })

  it('refuses a suspended courier, and the same identity is refused by submitReport alike', async () => {
    await cloud.store.collection('couriers').update('demo-courier', { set: { status: 'suspended' } })
    const reply = await upload(JPEG)
    expect(reply.status).toBe(403)
    expect(await reply.json()).toMatchObject({ ok: false, error: { code: 'NOT_APPROVED' } })
    const report = await cloud.call(
      'points',
      { action: 'submitReport', category: '消防通道堵塞', text: '楼道堆放杂物堵住通道' },
      'demo-courier',
    )
    expect(report).toMatchObject({ ok: false, error: { code: 'NOT_APPROVED' } })
    expect(stored()).toEqual([])
  })

  it('keeps to a quota per courier in a sliding window, with a Chinese refusal, counting only stored photos', async () => {
    let now = TEST_NOW
    const limited = createLocalServer({ cloud, uploadQuota: { files: 2, windowMs: 3600_000 }, now: () => now })
    const url = await listen(limited)
    try {
      // refused photos do not use up the quota
      expect((await upload(Buffer.from('not a picture'), 'demo-courier', url)).status).toBe(400)
      expect((await upload(JPEG, 'demo-courier', url)).status).toBe(200)
      now += 30 * 60_000
      expect((await upload(PNG, 'demo-courier', url)).status).toBe(200)
      const third = await upload(JPEG, 'demo-courier', url)
      expect(third.status).toBe(429)
      expect(third.headers.get('retry-after')).toBe(String(30 * 60))
      expect(await third.json()).toEqual({
        ok: false,
        error: { code: 'RATE_LIMITED', message: '照片上传过于频繁（每小时最多 2 张），请 30 分钟后再试' },
      })
      expect(stored()).toHaveLength(2)
      // an hour after the first photo, its place is free again; the second still counts
      now += 30 * 60_000
      expect((await upload(JPEG, 'demo-courier', url)).status).toBe(200)
      expect((await upload(JPEG, 'demo-courier', url)).status).toBe(429)
      expect(stored()).toHaveLength(3)
    } finally {
      await close(limited)
    }
  })

  it('counts the quota per identity', async () => {
    const courier = await cloud.store.collection('couriers').get('demo-courier')
    const user = await cloud.store.collection('users').get('demo-courier')
    if (!courier || !user) throw new Error('the demo courier is seeded')
    const { passId: _passId, ...rest } = courier
    await cloud.store.collection('users').insert({ ...user, _id: 'courier-two' })
    await cloud.store
      .collection('couriers')
      .insert({ ...rest, _id: 'courier-two', phone: '13900000002', riderId: 'R-2' })
    const limited = createLocalServer({ cloud, uploadQuota: { files: 1, windowMs: 3600_000 }, now: () => TEST_NOW })
    const url = await listen(limited)
    try {
      expect((await upload(JPEG, 'demo-courier', url)).status).toBe(200)
      expect((await upload(JPEG, 'demo-courier', url)).status).toBe(429)
      expect((await upload(JPEG, 'courier-two', url)).status).toBe(200)
    } finally {
      await close(limited)
    }
  })

  it('answers NOT_FOUND for an unknown or malformed photo id', async () => {
    // a URL is minted only for a photo that is kept; a removed one is gone
    expect(await cloud.photoAccess.urls(['local:AAAAAAAAAAAAAAAAAAAAAA'])).toEqual(new Map())
    const { data } = (await (await upload(JPEG)).json()) as { data: { photo: string } }
    const url = (await cloud.photoAccess.urls([data.photo])).get(data.photo) ?? ''
    await cloud.photoAccess.remove([data.photo])
    expect(stored()).toEqual([])
    expect((await fetch(`${base}${url}`)).status).toBe(404)
    // not a photo id: never resolved against the data folder (here it falls through to the absent static site)
    const traversal = await fetch(`${base}/local/files/..%2F..%2Fxiaoge.sqlite`)
    expect(traversal.status).not.toBe(200)
    expect(await traversal.text()).not.toContain('SQLite format')
  })

  it('tells pictures by their first bytes, not by what the client claims', () => {
    expect(sniffPhotoType(JPEG)).toBe('image/jpeg')
    expect(sniffPhotoType(PNG)).toBe('image/png')
    expect(sniffPhotoType(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBe('image/webp')
    expect(sniffPhotoType(Buffer.from('GIF89a'))).toBeNull()
  })
  describe('a face photo (`?for=face`): from whoever may register, or replace their photo', () => {
    const faceUploads = () => stored().length
    it.each([
      ['a visitor the system has never seen', 'visitor-never-seen'],
      ['a courier waiting for review', 'demo-courier-pending'],
      ['an approved courier (a replacement)', 'demo-courier'],
      ['a secretary (staff may also deliver)', 'demo-secretary'],
    ])('takes one from %s', async (_name, openid) => {
      const reply = await upload(JPEG, openid, base, 'face')
      expect(reply.status).toBe(200)
      expect(await reply.json()).toMatchObject({ ok: true, data: { photo: expect.stringMatching(/^local:/) } })
      expect(faceUploads()).toBe(1)
    })

    it('takes one from a rejected courier, who may register again', async () => {
      await cloud.store.collection('couriers').update('demo-courier', { set: { status: 'rejected' } })
      expect((await upload(JPEG, 'demo-courier', base, 'face')).status).toBe(200)
    })

    it.each([
      ['no identity', null, 401, 'UNAUTHENTICATED'],
      ['a malformed identity', '../demo-courier', 401, 'UNAUTHENTICATED'],
    ])('refuses %s, storing nothing', async (_name, openid, status, code) => {
      const reply = await upload(JPEG, openid, base, 'face')
      expect(reply.status).toBe(status)
      expect(await reply.json()).toMatchObject({ ok: false, error: { code } })
      expect(faceUploads()).toBe(0)
    })

    it('refuses a suspended courier, who may neither register nor replace a photo', async () => {
      await cloud.store.collection('couriers').update('demo-courier', { set: { status: 'suspended' } })
      const reply = await upload(JPEG, 'demo-courier', base, 'face')
      expect(reply.status).toBe(403)
      expect(await reply.json()).toMatchObject({ ok: false, error: { code: 'NOT_APPROVED' } })
      expect(faceUploads()).toBe(0)
    })

    it('refuses an unknown purpose and what is not a picture', async () => {
      const unknown = await upload(JPEG, 'visitor-never-seen', base, 'avatar')
      expect(unknown.status).toBe(400)
      expect(await unknown.json()).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST', message: '上传用途不正确' },
      })
      expect((await upload(Buffer.from('not a picture'), 'visitor-never-seen', base, 'face')).status).toBe(400)
      expect(faceUploads()).toBe(0)
    })

    it('counts face photos in the same quota', async () => {
      const limited = createLocalServer({ cloud, uploadQuota: { files: 1, windowMs: 3600_000 }, now: () => now })
      const url = await listen(limited)
      try {
        expect((await upload(JPEG, 'visitor-never-seen', url, 'face')).status).toBe(200)
        expect((await upload(JPEG, 'visitor-never-seen', url, 'face')).status).toBe(429)
        expect(faceUploads()).toBe(1)
      } finally {
        await close(limited)
      }
    })
  })
  it('gives the demo courier a drawn face photo on the first start of `npm start` only', async () => {
    const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoge-demo-photo-'))
    try {
      const demo = await createLocalCloud({ dataDir: demoDir, now: () => now, demoPhoto: true })
      const ref = (await demo.store.collection('couriers').get('demo-courier'))?.photoUrl ?? ''
      expect(ref).toMatch(/^local:/)
      expect(demo.photos.read(ref.slice('local:'.length))?.type).toBe('image/png')
      await demo.close()
      // a restart over the same data keeps it and adds none
      const again = await createLocalCloud({ dataDir: demoDir, now: () => now, demoPhoto: true })
      expect((await again.store.collection('couriers').get('demo-courier'))?.photoUrl).toBe(ref)
      expect(fs.readdirSync(path.join(demoDir, 'uploads'))).toHaveLength(1)
      await again.close()
    } finally {
      fs.rmSync(demoDir, { recursive: true, force: true })
    }
  })
})
