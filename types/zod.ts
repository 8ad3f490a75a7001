/**
 * The zod that the contract is built with. The contract is written in the form that zod and zod/mini share
 * (`z.optional(s)`, `s.check(z.maxLength(n))`, no chained methods), so the same file makes the same schemas with
 * either. Here, for the functions and every tool on Node: zod itself. The mini-program and the h5 app build with
 * zod/mini instead (zod.weapp.ts and zod.h5.ts, which Taro picks for its builds): it has the same core, the same
 * checks and the same messages, and tree-shakes to the schemas the app uses, where zod's methods pull in all of
 * zod (≈ 60 KB of the weapp main package).
 */
export { z } from 'zod'
