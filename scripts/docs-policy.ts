/** `npm run docs:policy`: writes docs/POLICY.md from the policy (see policy-table.ts). */
import { writeFileSync } from 'node:fs'
import { formattedPolicyTable, POLICY_DOC } from './policy-table'

writeFileSync(POLICY_DOC, formattedPolicyTable())
console.log(`wrote ${POLICY_DOC}`)
