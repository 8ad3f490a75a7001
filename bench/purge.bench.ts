import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { AccessLog } from '../types'
import { purgeExpiredRecords } from '../cloudfunctions/purge/purge-expired'
import { INDEXES, type Collections } from '../cloudfunctions/shared/store/collections'
import { createCloudBaseStore } from '../cloudfunctions/shared/store/cloudbase'
import { createSqliteStore } from '../cloudfunctions/shared/store/sqlite'
import { startCloudBaseStandIn } from '../test/support/cloudbase-standin/server'
import { connectSdk } from '../test/support/cloudbase-standin/sdk'
import type { Benchmark } from './types'

/**
 * The daily purge at scale: 100,000 expired entry records (and 1,000 fresh ones that must stay) removed by
 * one delete by query. On SQLite (a real file in WAL mode) and on the CloudBase stand-in through the real
 * wx-server-sdk, where what matters is the number of round trips, not one per entry.
 */
const EXPIRED = 100_000
const FRESH = 1_000
const NOW = Date.parse('2026-12-01T03:30:00+08:00')
const DAY = 86_400_000

function entries(): AccessLog[] {
  return Array.from({ length: EXPIRED + FRESH }, (_, i) => ({
    _id: `log-${i}`,
    communityId: 'ruanjiaqiao',
    gateId: 'gate-rjq-north',
    scannedBy: 'demo-guard',
    courierId: `courier-${i % 500}`,
    allowed: true,
    code: 'OK',
    suspectedShared: false,
    at: i < EXPIRED ? NOW - 200 * DAY + i : NOW - 1000 + (i - EXPIRED),
  }))
}

async function onSqlite(docs: AccessLog[]): Promise<{ ms: number; removed: number; kept: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xiaoge-bench-purge-'))
  const store = createSqliteStore<Collections>(path.join(dir, 'purge.sqlite'), { indexes: INDEXES })
  try {
    await store.transaction(async (tx) => {
      for (const doc of docs) await tx.collection('accessLogs').insert(doc)
    })
    const started = performance.now()
    const { accessLogs } = await purgeExpiredRecords(store, NOW, 180)
    const ms = performance.now() - started
    return { ms, removed: accessLogs, kept: await store.collection('accessLogs').count() }
  } finally {
    await store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

async function onStandIn(docs: AccessLog[]): Promise<{ ms: number; removed: number; trips: number }> {
  const standIn = await startCloudBaseStandIn({ collections: Object.keys(INDEXES) })
  try {
    standIn.load('accessLogs', docs)
    const store = createCloudBaseStore<Collections>(connectSdk(standIn.serviceUrl))
    const before = standIn.requestCount()
    const started = performance.now()
    const { accessLogs } = await purgeExpiredRecords(store, NOW, 180)
    return { ms: performance.now() - started, removed: accessLogs, trips: standIn.requestCount() - before }
  } finally {
    await standIn.close()
  }
}

export const purgeBenchmark: Benchmark = {
  name: 'purge',
  async run() {
    const docs = entries()
    const sqlite = await onSqlite(docs)
    if (sqlite.removed !== EXPIRED || sqlite.kept !== FRESH) throw new Error(`SQLite purge removed ${sqlite.removed}`)
    const standIn = await onStandIn(docs)
    if (standIn.removed !== EXPIRED) throw new Error(`stand-in purge removed ${standIn.removed}`)
    return {
      'purge.expired_entries': EXPIRED,
      'purge.sqlite_ms': Math.round(sqlite.ms),
      'purge.standin_ms': Math.round(standIn.ms),
      'purge.standin_round_trips': standIn.trips,
      'purge.entries_per_round_trip': Math.round(EXPIRED / standIn.trips),
    }
  },
}
