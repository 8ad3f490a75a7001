import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type http from 'node:http'
import { createLocalCloud, type LocalCloud } from '../../local/cloud'
import { createLocalServer } from '../../local/server'
import { MAX_PHOTO_BYTES, sniffPhotoType } from '../../local/uploads'
import { TEST_NOW } from '../support/clock'
import { close, listen } from '../support/http'

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(50, 1)])

let dir: string
let cloud: LocalCloud
let server: http.Server
let base: string
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoge-uploads-'))
  cloud = await createLocalCloud({ dataDir: dir, now: () => TEST_NOW })
  server = createLocalServer({ cloud })
  base = await listen(server)
})
afterEach(async () => {
  await close(server)
  await cloud.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const upload = (body: Buffer, openid: string | null = 'demo-courier') =>
  fetch(`${base}/local/upload`, {
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
    const served = await fetch(`${base}/local/files/${id}`)
    expect(served.headers.get('content-type')).toBe('image/jpeg')
    expect(Buffer.from(await served.arrayBuffer())).toEqual(JPEG)
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

  it('answers NOT_FOUND for an unknown or malformed photo id', async () => {
    expect((await fetch(`${base}/local/files/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404)
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
})
