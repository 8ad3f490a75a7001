import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'

const ROOT = path.resolve(__dirname, '../..')
export const CHROMIUM = '/usr/bin/chromium'

export interface RunningCloud {
  url: string
  process: ChildProcess
  output(): string
  /** Sends SIGINT (Ctrl-C) and resolves with the exit code. */
  stop(): Promise<number | null>
}

/** Starts the local cloud exactly as `npm start` does after its build step (local/main.ts), on a free port. */
export function startLocalCloud(dataDir: string): Promise<RunningCloud> {
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['local/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (b: Buffer) => (output += b.toString()))
  child.stderr.on('data', (b: Buffer) => (output += b.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local cloud did not start:\n${output}`)), 30_000)
    const onData = () => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)
      if (!m) return
      clearTimeout(timer)
      child.stdout.off('data', onData)
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        process: child,
        output: () => output,
        stop: () => {
          child.kill('SIGINT')
          return exited
        },
      })
    }
    child.stdout.on('data', onData)
    child.on('exit', (code) => reject(new Error(`local cloud exited with ${code}:\n${output}`)))
  })
}

/** Debian's Chromium through playwright-core: never a downloaded browser. Fails loudly when missing. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does this`)
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  })
}

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix))
