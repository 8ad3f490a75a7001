import { createRouter } from '../shared/handler'
import { accessLog } from './access-log'
import { issue } from './issue'
import { publicKeys } from './public-keys'
import { verify } from './verify'

/** pass: the 小哥码 — issue, verify at a gate, access logs, public keys. */
export const passRouter = createRouter('pass', { issue, verify, publicKeys, accessLog })
