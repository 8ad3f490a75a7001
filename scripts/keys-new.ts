import {
  generateKeyringSpec,
  keyringFrom,
  parsePublicKeyList,
  formatPublicKeyList,
} from '../cloudfunctions/shared/pass-keys'
import { readDeployEnv } from './deploy/env'

/**
 * `npm run keys:new`: a production Ed25519 key for the 小哥码 and 场所码, printed as the lines to put in
 * `.env.local` (never commit them; PASS_PRIVATE_KEY is the secret, the rest is public).
 *
 *   npm run keys:new                  the first key (kid 1)
 *   npm run keys:new -- --rotate      a new active key; the current public keys keep verifying
 *   npm run keys:new -- --retire=<kid> PASS_PUBLIC_KEYS without an old key
 *
 * Rotation and retirement step by step: README, "小哥码 signing keys".
 */
function lines(activeKid: number, privateKey: string, publicKeys: Record<string, string>): string[] {
  return [
    `PASS_ACTIVE_KID=${activeKid}`,
    `PASS_PRIVATE_KEY=${privateKey}`,
    `PASS_PUBLIC_KEYS=${formatPublicKeyList(publicKeys)}`,
  ]
}

function current(env: Record<string, string>) {
  const kid = Number(env.PASS_ACTIVE_KID)
  if (!env.PASS_PRIVATE_KEY || !Number.isInteger(kid)) {
    throw new Error('no current key: PASS_ACTIVE_KID and PASS_PRIVATE_KEY must be in .env.local or the environment')
  }
  const publicKeys = parsePublicKeyList(env.PASS_PUBLIC_KEYS ?? '')
  const active = keyringFrom({ activeKid: kid, privateKey: env.PASS_PRIVATE_KEY, publicKeys }).active
  return { kid, privateKey: env.PASS_PRIVATE_KEY, publicKeys: { ...publicKeys, [String(kid)]: active.publicRaw } }
}

function main() {
  const [arg] = process.argv.slice(2)
  let output: string[]
  if (arg === undefined) {
    const spec = generateKeyringSpec(1)
    output = lines(1, spec.privateKey, { '1': keyringFrom(spec).active.publicRaw })
  } else if (arg === '--rotate') {
    const now = current(readDeployEnv())
    let kid = (now.kid + 1) % 256
    while (now.publicKeys[String(kid)] !== undefined) kid = (kid + 1) % 256
    const spec = generateKeyringSpec(kid)
    output = lines(kid, spec.privateKey, { ...now.publicKeys, [String(kid)]: keyringFrom(spec).active.publicRaw })
  } else if (arg.startsWith('--retire=')) {
    const now = current(readDeployEnv())
    const kid = arg.slice(9)
    if (Number(kid) === now.kid) throw new Error(`kid ${kid} is the active key: rotate first, then retire it`)
    if (now.publicKeys[kid] === undefined) throw new Error(`kid ${kid} is not among PASS_PUBLIC_KEYS`)
    const { [kid]: _retired, ...rest } = now.publicKeys
    output = lines(now.kid, now.privateKey, rest)
  } else {
    throw new Error(`unknown option ${arg} (use --rotate or --retire=<kid>)`)
  }
  console.log('# 小哥码 keys: put these lines in .env.local (git-ignored), then npm run deploy.')
  console.log('# PASS_PRIVATE_KEY is secret: it goes to the pass function only; points gets the public keys.')
  for (const line of output) console.log(line)
}

try {
  main()
} catch (error) {
  console.error(`keys:new: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
