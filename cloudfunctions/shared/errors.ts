import { ERROR_MESSAGES, type ErrorCode } from '../../types'

/**
 * An expected failure with a stable code. Domain code throws it; the handler wrapper turns it into
 * `{ ok: false, error: { code, message } }`. The message is for people, in Chinese.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_MESSAGES[code],
  ) {
    super(message)
    this.name = 'AppError'
  }
}
