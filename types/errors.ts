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
  NOT_APPROVED: '你的小哥认证尚未通过，暂时无法出示小哥码',
  ALREADY_REGISTERED: '你已注册，无需重复提交',
  CONSENT_REQUIRED: '你已撤回“进出记录”授权：小哥码会在门岗留下进出记录，重新授权后才能出示',
  INVALID_STATE: '当前状态下不能进行此操作',
  POINTS_INSUFFICIENT: '积分不足，无法兑换',
  OUT_OF_STOCK: '该物品已兑完',
  ACTIVITY_FULL: '活动名额已满',
  ACTIVITY_CLOSED: '活动已开始、结束或取消，不能再报名或修改',
  NOT_SIGNED_UP: '该小哥没有报名这个活动',
  CONTENT_REJECTED: '内容含有违规信息，请修改后再提交',
  CONTENT_CHECK_UNAVAILABLE: '内容安全检测暂时不可用，请稍后再试',
  INVITATION_INVALID: '邀请码无效，请向邀请人重新索取',
  INVITATION_USED: '这个邀请已经被使用过了，每个邀请只能用一次',
  INVITATION_EXPIRED: '这个邀请已过期（24 小时内有效），请向邀请人重新索取',
  INVITATION_REVOKED: '这个邀请已被邀请人撤销',
  ALREADY_STAFF: '你已经担任这个岗位了',
  NETWORK: '网络不给力，请检查网络后重试',
  // weapp: the app's CloudBase environment is missing or wrong (a build without the real CLOUD_ENV), not the network
  SERVICE_NOT_CONFIGURED: '服务环境未配置，请联系管理员',
  // weapp: the cloud was reached but did not answer in time (a function past its timeout)
  TIMEOUT: '服务响应超时，请稍后再试',
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
  NOT_APPROVED: 403,
  ALREADY_REGISTERED: 409,
  CONSENT_REQUIRED: 403,
  INVALID_STATE: 409,
  POINTS_INSUFFICIENT: 409,
  OUT_OF_STOCK: 409,
  ACTIVITY_FULL: 409,
  ACTIVITY_CLOSED: 409,
  NOT_SIGNED_UP: 409,
  CONTENT_REJECTED: 422,
  CONTENT_CHECK_UNAVAILABLE: 503,
  INVITATION_INVALID: 404,
  INVITATION_USED: 409,
  INVITATION_EXPIRED: 410,
  INVITATION_REVOKED: 410,
  ALREADY_STAFF: 409,
  NETWORK: 503,
  SERVICE_NOT_CONFIGURED: 503,
  TIMEOUT: 504,
  BAD_RESPONSE: 502,
  INTERNAL: 500,
}

/**
 * Why a 小哥码 or 场所码 was refused at a gate. These travel inside a successful verification answer (the check
 * itself worked and was logged), each with the sentence the guard reads on the red card.
 */
export const PASS_REFUSALS = {
  PASS_MALFORMED: '这不是有效的小哥码',
  PASS_UNKNOWN_KEY: '小哥码签名密钥未知，请让小哥刷新后重试',
  PASS_BAD_SIGNATURE: '小哥码签名无效，可能被伪造或篡改',
  PASS_EXPIRED: '小哥码已过期，请让小哥刷新后重试',
  PASS_NOT_YET_VALID: '小哥码时间异常，请让小哥校准手机时间后重试',
  COURIER_UNKNOWN: '查无此小哥',
  COURIER_PENDING: '该小哥尚未通过审核',
  COURIER_REJECTED: '该小哥的注册未通过审核',
  COURIER_SUSPENDED: '该小哥已被暂停通行',
  COURIER_NO_CONSENT: '该小哥已撤回进出记录授权，不能用小哥码通行，请按访客登记',
} as const
export type PassRefusal = keyof typeof PASS_REFUSALS
export const PASS_REFUSAL_CODES = Object.keys(PASS_REFUSALS) as [PassRefusal, ...PassRefusal[]]

/** A logged gate check's outcome in words: the access log (staff) and 我的数据 (the courier) read the same. */
export function entryVerdictText(code: string): string {
  if (code === 'OK') return '通过'
  if (code === 'SUSPECTED_SHARED') return '通过（疑似共享）'
  return code in PASS_REFUSALS ? PASS_REFUSALS[code as PassRefusal] : code
}
