import { z } from 'zod'
// The one locale file, imported alone so bundlers keep just it (scripts/build-functions.ts explains why).
import zhCN from 'zod/v4/locales/zh-CN.js'

/**
 * Validation messages in Chinese (they reach people through BAD_REQUEST errors), and no `new Function`
 * (zod's JIT), which the WeChat mini-program runtime forbids. Both entry points import this first.
 */
z.config(zhCN())
z.config({ jitless: true })

/** "location.lat：数值过小：期望 number >=3.8" — the first problem, as one line for a person. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return ''
  const where = issue.path.length > 0 ? `${issue.path.join('.')}：` : ''
  return `${where}${issue.message}`
}
