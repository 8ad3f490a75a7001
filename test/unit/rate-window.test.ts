import { slideWindow } from '../../cloudfunctions/pass/domain/rate-window'

describe('slideWindow', () => {
  it('allows up to the limit in any window and says how long until the next place frees', () => {
    let times: number[] = []
    for (const t of [0, 10, 20]) {
      const decision = slideWindow(times, t, 100, 3)
      expect(decision.allowed).toBe(true)
      times = decision.times
    }
    expect(slideWindow(times, 99, 100, 3)).toEqual({ allowed: false, times: [0, 10, 20], retryAfterMs: 1 })
    // at 100 the call at 0 has left the window
    expect(slideWindow(times, 100, 100, 3)).toEqual({ allowed: true, times: [10, 20, 100], retryAfterMs: 0 })
  })

  it('never lets twice the limit through across the turn of a window, however the calls are placed', () => {
    // 1,000 calls at random moments over 10 windows: no 100-ms span ever holds more than the limit
    let times: number[] = []
    const allowed: number[] = []
    let t = 0
    for (let i = 0; i < 1000; i++) {
      t += Math.floor(Math.random() * 4)
      const decision = slideWindow(times, t, 100, 5)
      if (decision.allowed) allowed.push(t)
      times = decision.times
    }
    for (const start of allowed)
      expect(allowed.filter((a) => a >= start && a < start + 100).length).toBeLessThanOrEqual(5)
    expect(allowed.length).toBeGreaterThan(5)
  })

  it('drops times from the future (a clock that jumped back), and waits for the right call to leave', () => {
    expect(slideWindow([500, 600], 50, 100, 3)).toEqual({ allowed: true, times: [50], retryAfterMs: 0 })
    // more stored than the limit (a limit lowered meanwhile): the place frees when the third-newest leaves
    expect(slideWindow([1, 2, 3, 4, 5, 6, 7], 50, 100, 3)).toMatchObject({ allowed: false, retryAfterMs: 55 })
  })
})
