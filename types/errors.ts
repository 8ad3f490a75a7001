/** Stable error codes with the Chinese message shown to people. Codes never change meaning once shipped. */
export const ERROR_MESSAGES = {
  BAD_REQUEST: '请求格式不正确',
  BODY_TOO_LARGE: '请求内容过大',
  UNKNOWN_FUNCTION: '没有这个云函数',
  UNKNOWN_ACTION: '没有这个操作',
  UNAUTHENTICATED: '未识别到用户身份，请重新进入小程序',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '要找的内容不存在',
  CONFLICT: '数据已被修改，请刷新后重试',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  NETWORK: '网络不给力，请检查网络后重试',
  BAD_RESPONSE: '服务返回了无法识别的数据，请稍后再试',
  INTERNAL: '服务开小差了，请稍后再试',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]]

/** HTTP status used by the local cloud for each code (CloudBase itself always answers 200 with the envelope). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  BODY_TOO_LARGE: 413,
  UNKNOWN_FUNCTION: 404,
  UNKNOWN_ACTION: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  NETWORK: 503,
  BAD_RESPONSE: 502,
  INTERNAL: 500,
}
