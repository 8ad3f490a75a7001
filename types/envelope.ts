import { z } from './zod'
import { ERROR_CODES, ERROR_MESSAGES, type ErrorCode } from './errors'

/** Every cloud function answers with this envelope, never with a bare value or a thrown string. */
export const ErrorBody = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
})
export type ErrorBody = z.infer<typeof ErrorBody>

export function envelopeOf<T extends z.core.$ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: ErrorBody }),
  ])
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody }

export const AnyEnvelope = envelopeOf(z.unknown())

export function ok<T>(data: T): Envelope<T> {
  return { ok: true, data }
}

export function fail(code: ErrorCode, message: string = ERROR_MESSAGES[code]): Envelope<never> {
  return { ok: false, error: { code, message } }
}
