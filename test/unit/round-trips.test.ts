import { INDEXES, type Collections } from '../../cloudfunctions/shared/store/collections'
import { countRoundTrips } from '../../cloudfunctions/shared/store/round-trips'
import { createSqliteStore } from '../../cloudfunctions/shared/store/sqlite'

const open = () => createSqliteStore<Collections>(':memory:', { indexes: INDEXES })

describe('counting store round trips', () => {
  it('counts calls one after another as depth, and calls made together once', async () => {
    const inner = open()
    const { store, counted } = countRoundTrips(inner)
    const users = store.collection('users')
    await users.get('a')
    await users.get('b')
    expect(counted()).toEqual({ calls: 2, depth: 2 })
    await Promise.all([users.get('c'), users.get('d'), store.collection('couriers').count({})])
    expect(counted()).toEqual({ calls: 5, depth: 3 })
    await inner.close()
  })

  it('counts a transaction as CloudBase runs one: a start, each call inside, a commit', async () => {
    const inner = open()
    const { store, counted } = countRoundTrips(inner)
    await store.transaction(async (tx) => {
      await tx.collection('users').get('a')
      await tx.collection('users').put({ _id: 'a', nickname: 'x', roles: [], createdAt: 1 })
    })
    expect(counted()).toEqual({ calls: 4, depth: 4 })
    expect(await inner.collection('users').get('a')).toMatchObject({ nickname: 'x' })
    await inner.close()
  })

  it('waits the configured latency before every call', async () => {
    jest.useFakeTimers()
    try {
      const inner = open()
      const { store } = countRoundTrips(inner, { latencyMs: 15 })
      let done = false
      const call = store
        .collection('users')
        .get('a')
        .then(() => {
          done = true
        })
      await jest.advanceTimersByTimeAsync(14)
      expect(done).toBe(false)
      await jest.advanceTimersByTimeAsync(1)
      await call
      expect(done).toBe(true)
      await inner.close()
    } finally {
      jest.useRealTimers()
    }
  })
})
