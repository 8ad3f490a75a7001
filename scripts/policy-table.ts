/**
 * The readable table of who may do what, docs/POLICY.md, made from the policy itself (`npm run docs:policy`
 * writes it). A test checks the file against the policy, so the two cannot drift apart.
 */
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { COURIER_STATUSES, FUNCTION_NAMES, ROLE_NAMES, type CourierStatus } from '../types'
import { POLICY, courierStatusesOf, type Audience, type Rule, type Scope } from '../cloudfunctions/shared/policy'

export const POLICY_DOC = join(__dirname, '..', 'docs', 'POLICY.md')

const STATUS_NAMES: Record<CourierStatus, string> = {
  pending: '审核中',
  approved: '已认证',
  rejected: '未通过',
  suspended: '已暂停',
}

function who(allow: readonly Audience[]): string {
  return allow.map((a) => (a === 'anyone' ? '任何人 (anyone)' : `${ROLE_NAMES[a]} (${a})`)).join('、')
}

function scopeText(scope: Scope | undefined): string {
  if (!scope) return '—'
  if (scope.from === 'input') {
    const absent =
      scope.whenAbsent === 'own'
        ? '; absent: the caller’s own'
        : scope.whenAbsent === 'self'
          ? '; absent: the caller’s own records'
          : ''
    const existing = scope.existing
      ? `; \`${scope.existing.field}\`, when given, must name a \`${scope.existing.collection}\` document of it`
      : ''
    return `request \`${scope.field}\`${absent}${existing}`
  }
  const owner = scope.owner ? `; a courier only their own (\`${scope.owner}\`)` : ''
  const documents =
    typeof scope.collection === 'string'
      ? `the \`${scope.collection}\` document`
      : `the ${Object.values(scope.collection.kinds)
          .map((c) => `\`${c}\``)
          .join(' / ')} document (by \`${scope.collection.byField}\`)`
  return `${documents} named by \`${scope.field}\`${owner}`
}

function courierText(rule: Rule): string {
  if (!rule.allow.includes('courier')) return '—'
  const statuses = courierStatusesOf(rule)
  const text =
    statuses.length === COURIER_STATUSES.length ? 'any status' : statuses.map((s) => STATUS_NAMES[s]).join('、')
  return rule.courierRecord === 'optional' ? `${text}, or no record` : text
}

const cell = (text: string) => text.replace(/\|/g, '\\|')

/** The whole document, as the policy says it today. */
export function policyTable(): string {
  const lines = [
    '# Who may do what',
    '',
    'Generated from `cloudfunctions/shared/policy.ts` by `npm run docs:policy`; a test fails when the two differ.',
    '',
    'The wrapper (`cloudfunctions/shared/handler.ts`, `scope.ts`) applies each rule before the handler runs:',
    '',
    '1. The caller must hold one of the allowed roles somewhere, or the rule allows anyone. Otherwise `FORBIDDEN`.',
    '2. When the rule names a community (the *community* column), a staff role counts only in that community and',
    '   `admin` everywhere; a courier counts when their courier record is of it. A staff member of another',
    '   community is `FORBIDDEN`; to a courier of another community a named document is `NOT_FOUND` (its',
    '   existence is not confirmed) and a named community `FORBIDDEN`. A document that does not exist is',
    '   `NOT_FOUND` for everyone.',
    '3. A caller admitted as a courier must have a courier record whose status the *courier* column lists,',
    '   otherwise `NOT_APPROVED` with the reason. A pending or rejected registrant sees no community',
    '   internals (schedule, catalogue, ranking, wishes, stations); a suspended courier still reads and settles',
    '   what is already theirs (points, redemptions, notices, reports, withdrawing, cancelling).',
    '',
    'Where a rule allows anyone *and* staff roles, those staff are answered as staff (hidden places, drafts) and',
    'everyone else as the public. The last column is what the handler still decides: domain rules only.',
    '',
  ]
  for (const fn of FUNCTION_NAMES) {
    lines.push(
      `## ${fn}`,
      '',
      '| action | who | community | courier | the handler also checks |',
      '| --- | --- | --- | --- | --- |',
    )
    for (const [action, rule] of Object.entries<Rule>(POLICY[fn])) {
      const row = [action, who(rule.allow), scopeText(rule.scope), courierText(rule), rule.note ?? '']
      lines.push(`| ${row.map(cell).join(' | ')} |`)
    }
    lines.push('')
  }
  return lines.join('\n')
}

/**
 * The document as it is kept: formatted by the repository's Prettier settings (Prettier's own command, run on
 * the text; its API is ESM-only and this also runs under jest's CommonJS).
 */
export function formattedPolicyTable(): string {
  const prettier = createRequire(__filename).resolve('prettier/bin/prettier.cjs')
  return execFileSync(process.execPath, [prettier, '--stdin-filepath', POLICY_DOC], {
    input: policyTable(),
    encoding: 'utf8',
  })
}
