import { z } from './zod'
// The one locale file, imported alone so bundlers keep just it (scripts/build-functions.ts explains why).
import zhCN from 'zod/v4/locales/zh-CN.js'

/**
 * Validation messages in Chinese: they reach people through BAD_REQUEST errors. (The mini-program also turns
 * off zod's JIT, which WeChat forbids — see src/zod-runtime.ts; the functions keep it, it is faster.)
 */
z.config(zhCN())

/** "location.lat：数值过小：期望 number >=3.8" — the first problem, as one line for a person. */
export function describeIssues(error: z.core.$ZodError): string {
  const issue = error.issues[0]
  if (!issue) return ''
  const where = issue.path.length > 0 ? `${issue.path.join('.')}：` : ''
  return `${where}${issue.message}`
}
