import { z } from 'zod'

/** Function configuration, read from environment variables and validated once at cold start. */
const ConfigSchema = z.object({
  /** Comma-separated OPENIDs that are admins regardless of stored roles: how the first admin exists. */
  ADMIN_OPENIDS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean)),
})

export interface Config {
  adminOpenids: ReadonlySet<string>
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env)
  if (!parsed.success) {
    throw new Error(`Invalid function configuration: ${parsed.error.message}`)
  }
  return { adminOpenids: new Set(parsed.data.ADMIN_OPENIDS) }
}
