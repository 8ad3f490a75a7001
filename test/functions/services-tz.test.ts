/**
 * The time tests must pass whatever the machine's time zone (CI runners are usually UTC, developers in China
 * are on Asia/Shanghai). A process's zone is fixed when it starts, so this runs services-time.test.ts in fresh
 * jest processes (`process.execPath` + jest's own bin, no npm involved) with TZ set, and EXPECT_TZ so that the
 * child also proves the zone took effect. America/Los_Angeles adds a zone behind UTC with daylight saving.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')
const JEST = path.join(ROOT, 'node_modules/jest/bin/jest.js')
const TIME_TESTS = 'test/functions/services-time.test.ts'
const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles']

interface Run {
  code: number | null
  output: string
}

function runTimeTests(zone: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: zone, EXPECT_TZ: zone, FORCE_COLOR: '0' }
  delete env.JEST_WORKER_ID
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [JEST, '--ci', '--verbose', '--selectProjects', 'functions', '--runTestsByPath', TIME_TESTS],
      {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, output }))
  })
}

describe('the time tests under several machine time zones', () => {
  const runs = new Map<string, Promise<Run>>()
  beforeAll(() => {
    // all at once: each is a separate jest process
    for (const zone of ZONES) runs.set(zone, runTimeTests(zone))
  })

  it.each(ZONES)(
    'pass with TZ=%s',
    async (zone) => {
      const { code, output } = await runs.get(zone)!
      if (code !== 0) throw new Error(`TZ=${zone}: jest exited with ${code}\n${output}`)
      expect(output).toMatch(/Tests:\s+\d+ passed, \d+ total/)
      expect(output).toContain(`runs under the machine time zone it was asked to (${zone})`)
    },
    180_000,
  )
})
