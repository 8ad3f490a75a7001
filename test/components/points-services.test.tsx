import { attend, listActivities, newRequestKey, ranking, redeem } from '../../src/services/points'
import { RedeemInput } from '../../types/contract/points'
import { failReply, mockActions, okReply, sentRequests } from './helpers'

describe('points services', () => {
  it('makes request keys the contract accepts, different every time', () => {
    const keys = Array.from({ length: 500 }, () => newRequestKey())
    for (const key of keys) expect(RedeemInput.safeParse({ itemId: 'soap', requestKey: key }).success).toBe(true)
    expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('still makes good keys where the runtime has no crypto (WeChat)', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto')
    Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true })
    try {
      const keys = Array.from({ length: 100 }, () => newRequestKey())
      expect(keys.every((key) => /^[A-Za-z0-9_-]{22}$/.test(key))).toBe(true)
      expect(new Set(keys).size).toBe(100)
    } finally {
      if (saved) Object.defineProperty(globalThis, 'crypto', saved)
    }
  })

  it('sends only the fields given', async () => {
    const fetchMock = mockActions({
      'points.listActivities': () => okReply({ communityId: 'ruanjiaqiao', activities: [] }),
      'points.ranking': () => okReply({ communityId: 'ruanjiaqiao', month: '2026-11', leaders: [], me: null }),
      'points.attend': () => okReply({ awarded: true, points: 5, maskedName: '张*明', courierId: 'c1' }),
    })
    await listActivities({ when: 'past', communityId: 'ruanjiaqiao', limit: 20, before: 123 })
    await ranking()
    await attend('a1', { token: 'XG1.t' })
    expect(sentRequests(fetchMock).map((r) => r.body)).toEqual([
      { action: 'listActivities', when: 'past', communityId: 'ruanjiaqiao', limit: 20, before: 123 },
      { action: 'ranking' },
      { action: 'attend', activityId: 'a1', token: 'XG1.t' },
    ])
  })

  it('refuses a malformed request key before sending anything', async () => {
    const fetchMock = mockActions({ 'points.redeem': () => failReply('INTERNAL') })
    await expect(redeem('soap', 'bad key!')).rejects.toMatchObject({ code: 'BAD_REQUEST' })
    expect(fetchMock).not.toHaveBeenCalled()
  })
})
