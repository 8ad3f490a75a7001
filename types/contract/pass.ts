import { defineFunction } from './define'

/** The 小哥码 function. Its actions (issue, verify, access log, public keys) arrive with the pass issue. */
export const passContract = defineFunction({})
