import { createRouter } from '../shared/handler'
import { accessLog } from './access-log'
import { enterByPlace } from './enter-by-place'
import { listGates, placeCode, saveGate } from './gates'
import { issue, issueSupply } from './issue'
import { statusList, uploadOfflineChecks } from './offline'
import { publicKeys } from './public-keys'
import { verify } from './verify'

/** pass: the 小哥码 — issue, verify at a gate, access logs, public keys; gates, guards and 场所码. */
export const passRouter = createRouter('pass', {
  issue,
  issueSupply,
  verify,
  statusList,
  uploadOfflineChecks,
  publicKeys,
  accessLog,
  listGates,
  saveGate,
  placeCode,
  enterByPlace,
})
