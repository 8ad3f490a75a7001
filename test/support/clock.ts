/** An instant given as China wall-clock time, e.g. china('2026-11-23T23:00:00'). */
export const china = (text: string) => Date.parse(`${text}+08:00`)

/** Monday 2026-11-23 10:00 China time: the fixed "now" of function tests unless a test says otherwise. */
export const TEST_NOW = china('2026-11-23T10:00:00')
