import fs from 'node:fs'
import path from 'node:path'
import { parseEnv } from 'node:util'

export const ENV_FILE = path.resolve(__dirname, '../../.env.local')

/**
 * The deploying environment: the shell's variables over those of the git-ignored `.env.local` (the shell wins,
 * so a one-off `CLOUD_ENV=… npm run deploy` overrides the file). Nothing is written to process.env.
 */
export function readDeployEnv(
  shell: Readonly<Record<string, string | undefined>> = process.env,
  file = ENV_FILE,
): Record<string, string> {
  const fromFile = fs.existsSync(file) ? parseEnv(fs.readFileSync(file, 'utf8')) : {}
  const merged: Record<string, string> = {}
  for (const [name, value] of Object.entries({ ...fromFile, ...shell })) {
    if (typeof value === 'string') merged[name] = value
  }
  return merged
}
