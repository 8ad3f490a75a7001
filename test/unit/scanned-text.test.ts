import { AttendInput } from '../../types/contract/points'
import { EnterByPlaceInput, VerifyInput } from '../../types/contract/pass'

describe('scanned codes, one rule everywhere', () => {
  const wrapped = ['XG1.abc\n', ' XG1.abc', 'XG1.abc\r\n', '\tXG1.abc  ']

  it('drops the whitespace a scanner adds, at the gate, at attendance and at a 场所码', () => {
    for (const text of wrapped) {
      expect(VerifyInput.parse({ token: text }).token).toBe('XG1.abc')
      expect(AttendInput.parse({ activityId: 'act-1', token: text }).token).toBe('XG1.abc')
      expect(EnterByPlaceInput.parse({ placeCode: text }).placeCode).toBe('XG1.abc')
    }
  })

  it('refuses a scan of nothing but whitespace, and an overlong one, the same way in all three', () => {
    for (const text of [' ', '\n\n', 'x'.repeat(5_000)]) {
      expect(VerifyInput.safeParse({ token: text }).success).toBe(false)
      expect(AttendInput.safeParse({ activityId: 'act-1', token: text }).success).toBe(false)
      expect(EnterByPlaceInput.safeParse({ placeCode: text }).success).toBe(false)
    }
  })
})
