import { createRouter } from '../shared/handler'

/** pass: the 小哥码 — issue, verify at a gate, access logs, public keys (actions arrive with the pass issue). */
export const passRouter = createRouter('pass', {})
