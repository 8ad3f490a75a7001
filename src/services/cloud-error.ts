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
