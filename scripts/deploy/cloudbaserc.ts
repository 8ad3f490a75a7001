import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

/**
 * `cloudbaserc.json`: what the CloudBase CLI (`tcb fn deploy`) and `npm run deploy` both read. It names every
 * variable a function gets but holds no secret: a value is either a plain setting ("180") or a template,
 * `{{env.NAME}}`, filled from the deploying shell or `.env.local` at deploy time.
 */
const FunctionEntry = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  runtime: z.string(),
  timeout: z.number().int().min(1).max(900),
  memorySize: z.number().int(),
  installDependency: z.boolean(),
  envVariables: z.record(z.string(), z.string()).default({}),
  triggers: z
    .array(z.object({ name: z.string(), type: z.literal('timer'), config: z.string() }))
    .optional()
    .default([]),
})
export type FunctionEntry = z.infer<typeof FunctionEntry>

export const CloudBaseRc = z.object({
  version: z.string(),
  envId: z.string(),
  functionRoot: z.string(),
  functions: z.array(FunctionEntry),
})
export type CloudBaseRc = z.infer<typeof CloudBaseRc>

export const RC_FILE = path.resolve(__dirname, '../../cloudbaserc.json')

export function readCloudBaseRc(file = RC_FILE): CloudBaseRc {
  return CloudBaseRc.parse(JSON.parse(fs.readFileSync(file, 'utf8')))
}

const TEMPLATE = /^\{\{env\.([A-Z][A-Z0-9_]*)\}\}$/

/** The variable a value is a template of (`{{env.NAME}}` → NAME), or null for a plain value. */
export function templateName(value: string): string | null {
  return TEMPLATE.exec(value)?.[1] ?? null
}
