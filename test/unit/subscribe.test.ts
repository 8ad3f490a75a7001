import fs from 'node:fs'
import path from 'node:path'
import { loadConfig } from '../../cloudfunctions/shared/config'
import { subscribeTemplateIds } from '../../config/subscribe-ids'
import { activityNotice, clip, pickupNotice, reviewNotice } from '../../cloudfunctions/shared/notice-messages'
import { parseSubscribeTemplateIds, templateIdsFor } from '../../types'

const REVIEW = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCd'
const ACTIVITY = 'ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210-_ZyXw'

describe('SUBSCRIBE_TEMPLATE_IDS', () => {
  it('reads name:id pairs in any order and any subset, spaces allowed; empty means none', () => {
    expect(parseSubscribeTemplateIds(`activity:${ACTIVITY}, review : ${REVIEW}`)).toEqual({
      review: REVIEW,
      activity: ACTIVITY,
    })
    expect(parseSubscribeTemplateIds('')).toEqual({})
    expect(parseSubscribeTemplateIds(undefined)).toEqual({})
    expect(templateIdsFor({ review: REVIEW, activity: ACTIVITY }, ['pickup', 'activity'])).toEqual([ACTIVITY])
  })

  it.each([
    [`notice:${REVIEW}`, 'unknown template name "notice"'],
    [REVIEW, 'expected name:templateId'],
    [`review:${REVIEW},review:${ACTIVITY}`, 'template "review" is given twice'],
    ['review:short', 'template "review": expected a WeChat template id'],
    ['review:{"a":1}', 'template "review": expected a WeChat template id'],
  ])('refuses %s, saying what is wrong', (text, message) => {
    expect(() => parseSubscribeTemplateIds(text)).toThrow(message)
  })

  it('is read alike by the functions and by the app build (config/subscribe-ids.ts, a copy Taro can load)', () => {
    const good = ['', `activity:${ACTIVITY}, review : ${REVIEW}`, `pickup:${REVIEW}`]
    for (const text of good) expect(subscribeTemplateIds(text)).toEqual(parseSubscribeTemplateIds(text))
    const bad = [`notice:${REVIEW}`, REVIEW, `review:${REVIEW},review:${ACTIVITY}`, 'review:short', `:${REVIEW}`]
    for (const text of bad) {
      expect(() => parseSubscribeTemplateIds(text)).toThrow()
      expect(() => subscribeTemplateIds(text)).toThrow('SUBSCRIBE_TEMPLATE_IDS')
    }
  })

  it('fails a function at cold start naming the variable, and is optional', () => {
    expect(() => loadConfig({ SUBSCRIBE_TEMPLATE_IDS: 'pickup=x' })).toThrow(
      'Invalid function configuration: SUBSCRIBE_TEMPLATE_IDS:',
    )
    expect(loadConfig({ SUBSCRIBE_TEMPLATE_IDS: '' }).subscribeTemplateIds).toEqual({})
    expect(loadConfig({ SUBSCRIBE_TEMPLATE_IDS: `pickup:${REVIEW}` }).subscribeTemplateIds).toEqual({ pickup: REVIEW })
  })

  it('is granted to the functions that send: account, points and the reminders’ timer may call subscribeMessage.send', () => {
    for (const fn of ['account', 'points', 'reconcile']) {
      const file = path.resolve(__dirname, '../../cloudfunctions', fn, 'config.json')
      const config = JSON.parse(fs.readFileSync(file, 'utf8')) as { permissions: { openapi: string[] } }
      expect({ fn, openapi: config.permissions.openapi }).toEqual({
        fn,
        openapi: expect.arrayContaining(['subscribeMessage.send']),
      })
    }
  })
})

describe('template data within WeChat’s limits', () => {
  const values = (data: Record<string, { value: string }>) => Object.values(data).map((d) => d.value)

  it('clips by characters as people count them, never halving an emoji, and never leaves a value empty', () => {
    expect(clip('短', 20)).toBe('短')
    expect(clip('一二三四五六七八九十一二三四五六七八九十', 20)).toHaveLength(20)
    const cut = clip('😀'.repeat(25), 20)
    expect([...cut]).toHaveLength(20)
    expect(cut.endsWith('…')).toBe(true)
    expect(clip('   ', 20)).toBe('无')
  })

  it('keeps thing ≤ 20, phrase ≤ 5 Chinese characters, character_string ≤ 32 printable ASCII', () => {
    const long = '这是一段非常非常长的说明文字，远远超过了微信订阅消息允许的二十个字符'
    const at = Date.UTC(2026, 11, 2, 7, 1)
    const notices = [
      reviewNotice('o1', { approved: false, reason: long, at }),
      activityNotice('o1', 'reminder', { title: long, startAt: at, place: long }, ''),
      pickupNotice('o1', { itemName: long, pickupCode: '123456' }, long),
    ]
    for (const notice of notices) {
      for (const [key, { value }] of Object.entries(notice.data)) {
        if (key.startsWith('thing')) expect([...value].length).toBeLessThanOrEqual(20)
        if (key.startsWith('phrase')) expect(value).toMatch(/^[\u4e00-\u9fff]{1,5}$/)
        if (key.startsWith('character_string')) expect(value).toMatch(/^[\x21-\x7e]{1,32}$/)
        if (key.startsWith('time')) expect(value).toBe('2026年12月2日 15:01')
      }
      expect(values(notice.data).every((v) => v.length > 0)).toBe(true)
    }
  })
})
