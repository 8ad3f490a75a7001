import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { issueToken, checkToken } from '../../cloudfunctions/pass/domain/token'
import { loadConfig, verifyKeysOf } from '../../cloudfunctions/shared/config'
import { formatPublicKeyList, generateKeyringSpec, keyringFrom } from '../../cloudfunctions/shared/pass-keys'

const spec = generateKeyringSpec(2)
const signing = keyringFrom(spec)
const PUBLIC = formatPublicKeyList({ '2': signing.active.publicRaw })

describe('function configuration at cold start', () => {
  it('gives pass a signing keyring and points public keys only, and both verify the same code', () => {
    const pass = loadConfig({ PASS_ACTIVE_KID: '2', PASS_PRIVATE_KEY: spec.privateKey, PASS_PUBLIC_KEYS: PUBLIC })
    const points = loadConfig({ PASS_PUBLIC_KEYS: PUBLIC })
    expect(pass.passKeys?.active.kid).toBe(2)
    expect(points.passKeys).toBeNull()
    const now = Date.now()
    const token = issueToken(pass.passKeys!, { alias: 'AbCdEfGh', issuedAt: Math.floor(now / 1000), lifetime: 60 })
    expect(checkToken(verifyKeysOf(points)!, token, now)).toMatchObject({ ok: true })
    // a verifier's keyring holds no private key at all
    expect(Object.keys(verifyKeysOf(points)!)).toEqual(['byKid'])
    expect([...verifyKeysOf(points)!.byKid.values()].some((k) => 'privateKey' in k)).toBe(false)
  })

  it('keeps verifying the old key during a rotation', () => {
    const next = generateKeyringSpec(3)
    const both = formatPublicKeyList({ '3': keyringFrom(next).active.publicRaw, '2': signing.active.publicRaw })
    const rotated = loadConfig({ PASS_ACTIVE_KID: '3', PASS_PRIVATE_KEY: next.privateKey, PASS_PUBLIC_KEYS: both })
    const now = Date.now()
    const old = issueToken(signing, { alias: 'AbCdEfGh', issuedAt: Math.floor(now / 1000), lifetime: 60 })
    expect(checkToken(rotated.passKeys!, old, now)).toMatchObject({ ok: true })
    const retired = loadConfig({ PASS_PUBLIC_KEYS: formatPublicKeyList({ '3': keyringFrom(next).active.publicRaw }) })
    expect(checkToken(verifyKeysOf(retired)!, old, now)).toMatchObject({ ok: false, code: 'PASS_UNKNOWN_KEY' })
  })

  it.each([
    ['PASS_PRIVATE_KEY', { PASS_ACTIVE_KID: '2', PASS_PRIVATE_KEY: 'not-a-key' }],
    ['PASS_ACTIVE_KID', { PASS_ACTIVE_KID: 'two', PASS_PRIVATE_KEY: spec.privateKey }],
    ['PASS_ACTIVE_KID', { PASS_PRIVATE_KEY: spec.privateKey }],
    ['PASS_ACTIVE_KID', { PASS_ACTIVE_KID: '2' }],
    ['PASS_PUBLIC_KEYS', { PASS_PUBLIC_KEYS: '{"2":"x"}' }],
    ['PASS_PUBLIC_KEYS', { PASS_PUBLIC_KEYS: `${PUBLIC},${PUBLIC}` }],
    [
      'PASS_PUBLIC_KEYS',
      { PASS_ACTIVE_KID: '2', PASS_PRIVATE_KEY: generateKeyringSpec(2).privateKey, PASS_PUBLIC_KEYS: PUBLIC },
    ],
    ['ACCESS_LOG_RETENTION_DAYS', { ACCESS_LOG_RETENTION_DAYS: '0' }],
  ])('fails at start, naming %s, when it is malformed', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(`Invalid function configuration: ${variable}:`)
  })

  it('treats a variable deployed empty as unset, so its default applies', () => {
    const config = loadConfig({ ADMIN_OPENIDS: '', MINI_PROGRAM_ENV_VERSION: '', PASS_PUBLIC_KEYS: '' })
    expect(config.miniProgramEnvVersion).toBe('release')
    expect(config.adminOpenids.size).toBe(0)
    expect(verifyKeysOf(config)).toBeNull()
  })
})

describe('npm run keys:new', () => {
  const ROOT = path.resolve(__dirname, '../..')
  const run = (args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/keys-new.ts', ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      },
    )
    const variables = Object.fromEntries(
      result.stdout
        .split('\n')
        .filter((line) => /^PASS_[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    ) as Record<string, string>
    return { status: result.status, variables, stderr: result.stderr }
  }

  it('prints a first key that pass loads, and a rotation that keeps the old key verifying', () => {
    const first = run([])
    expect(first.status).toBe(0)
    expect(first.variables.PASS_ACTIVE_KID).toBe('1')
    const pass = loadConfig(first.variables)
    const now = Date.now()
    const old = issueToken(pass.passKeys!, { alias: 'AbCdEfGh', issuedAt: Math.floor(now / 1000), lifetime: 60 })

    const rotated = run(['--rotate'], first.variables)
    expect(rotated.variables.PASS_ACTIVE_KID).toBe('2')
    expect(rotated.variables.PASS_PRIVATE_KEY).not.toBe(first.variables.PASS_PRIVATE_KEY)
    const after = loadConfig(rotated.variables)
    expect(checkToken(after.passKeys!, old, now)).toMatchObject({ ok: true })

    const retired = run(['--retire=1'], rotated.variables)
    expect(retired.variables.PASS_PUBLIC_KEYS.startsWith('2:')).toBe(true)
    expect(retired.variables.PASS_PUBLIC_KEYS).not.toContain('1:')
    expect(checkToken(loadConfig(retired.variables).passKeys!, old, now)).toMatchObject({ code: 'PASS_UNKNOWN_KEY' })

    const refused = run(['--retire=2'], rotated.variables)
    expect(refused.status).toBe(1)
    expect(refused.stderr).toContain('kid 2 is the active key')
  }, 30_000)
})
