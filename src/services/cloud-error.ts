import { ERROR_MESSAGES, type ErrorCode } from '../../types'

/** A failed cloud call: a stable code from the contract and a Chinese message fit to show people. */
export class CloudError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string = ERROR_MESSAGES[code], options?: { cause?: unknown }) {
    super(message)
    this.name = 'CloudError'
    this.code = code
    if (options && 'cause' in options) (this as { cause?: unknown }).cause = options.cause
  }
}

/** Anything thrown while loading, as a CloudError (programming errors become INTERNAL). */
export function toCloudError(error: unknown): CloudError {
  if (error instanceof CloudError) return error
  return new CloudError('INTERNAL', ERROR_MESSAGES.INTERNAL, { cause: error })
}

/** WeChat's code for "the function ran and threw": not the network's fault. */
const FUNCTION_EXECUTE_FAIL = -504002

/** -501005 环境信息异常: the environment id names no usable environment. */
const ENV_INVALID = -501005

/**
 * Codes of a cloud that was reached but answered too late: the function ran past its timeout (-504003, "Invoking
 * task timed out after 3 seconds"), the cloud's response timed out (-501002), the SDK gave up polling for the
 * result (-404010, -404012), WeChat's backend timed out (-604102).
 */
const TIMEOUT_CODES = new Set([-504003, -501002, -404010, -404012, -604102])

/** An environment the app cannot use: "[100003] env not exists", "Environment invalid", "Environment not found". */
const ENV_PROBLEM = /\benv(?:ironment)? (?:not exists?|not found|invalid)\b|\bINVALID_ENV\b/i
/** The phone never got an answer from WeChat's servers: no network, DNS, TLS, or its own request timeout. */
const REQUEST_FAILED = /\brequest:fail\b/

/**
 * The code for a failed wx.cloud call (callFunction rejects with `{ errCode, errMsg }`; the real code and text may
 * also sit inside errMsg, "cloud.callFunction:fail Error: errCode: -501000 | errMsg: [100003] env not exists").
 * A missing or wrong CloudBase environment is SERVICE_NOT_CONFIGURED and a late cloud TIMEOUT, so that neither is
 * shown as 网络不给力; a request that never got through, and anything unknown, stays NETWORK.
 */
export function wxCloudFailureCode(error: unknown): 'INTERNAL' | 'SERVICE_NOT_CONFIGURED' | 'TIMEOUT' | 'NETWORK' {
  const failure = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>
  const text = [failure.errMsg, failure.message].filter((part) => typeof part === 'string').join(' ')
  const inText = (text.match(/errCode:\s*-?\d+/g) ?? []).map((found) => Number(found.replace(/^errCode:\s*/, '')))
  const codes = [Number(failure.errCode), ...inText]
  // A function that threw may say anything (its own configuration check included): it is the function's fault.
  if (codes.includes(FUNCTION_EXECUTE_FAIL)) return 'INTERNAL'
  if (ENV_PROBLEM.test(text) || codes.includes(ENV_INVALID)) return 'SERVICE_NOT_CONFIGURED'
  if (REQUEST_FAILED.test(text)) return 'NETWORK'
  if (codes.some((code) => TIMEOUT_CODES.has(code)) || /\btimed? ?out\b|超时/i.test(text)) return 'TIMEOUT'
  return 'NETWORK'
}
