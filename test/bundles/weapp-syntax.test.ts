import fs from 'node:fs'
import path from 'node:path'
import * as acorn from 'acorn'

/*
 * Every script of the weapp build at the syntax level its oldest engines run (README, "Building for WeChat and
 * CloudBase"): minimum base library 2.23.1, that is iOS 12's JavaScriptCore and WeChat's V8 at Chrome 66, which run
 * ES2019. A file with newer syntax does not load at all on those phones, and DevTools' ES6 transpiling is off
 * (project.config.json), so nothing downstream rescues it.
 */

const WEAPP = path.resolve(__dirname, '../../dist/weapp')
const LEVEL = 2019

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

const files = filesUnder(WEAPP)
const scripts = files.filter((file) => file.endsWith('.js'))
const rel = (file: string) => path.relative(WEAPP, file)

/** Where a problem is, as `file:line:column` (both from 1), with a little of the (minified) code around it. */
function at(file: string, source: string, pos: number): string {
  const before = source.slice(0, pos)
  const line = before.split('\n').length
  const column = pos - before.lastIndexOf('\n')
  const around = source.slice(Math.max(0, pos - 30), pos + 30).replace(/\n/g, '⏎')
  return `${rel(file)}:${line}:${column} …${around}…`
}

/** The first syntax error at `ecmaVersion`, or null. */
function syntaxError(file: string, source: string, ecmaVersion: acorn.ecmaVersion): string | null {
  try {
    acorn.parse(source, { ecmaVersion, sourceType: 'script' })
    return null
  } catch (error) {
    const pos = (error as { pos?: number }).pos ?? 0
    return `${at(file, source, pos)}: ${(error as Error).message}`
  }
}

/** `?.` and `??` tokens, read by the newest tokenizer (so strings, comments and regular expressions do not count). */
function optionalOperators(file: string, source: string): string[] {
  const found: string[] = []
  for (const token of acorn.tokenizer(source, { ecmaVersion: 'latest' })) {
    if (token.type.label === '?.' || token.type.label === '??')
      found.push(`${at(file, source, token.start)}: ${token.type.label}`)
  }
  return found
}

type Node = acorn.Node & Record<string, unknown>

function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit)
    return
  }
  if (!node || typeof node !== 'object' || typeof (node as { type?: unknown }).type !== 'string') return
  visit(node as Node)
  for (const [key, value] of Object.entries(node)) {
    if (key !== 'regex' && value && typeof value === 'object') walk(value, visit)
  }
}

/** Whether a regular-expression pattern has a lookbehind `(?<=` / `(?<!` (escapes and character classes skipped). */
function hasLookbehind(pattern: string): boolean {
  let inClass = false
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\') i++
    else if (inClass) inClass = c !== ']'
    else if (c === '[') inClass = true
    else if (c === '(' && pattern.startsWith('?<', i + 1) && (pattern[i + 3] === '=' || pattern[i + 3] === '!'))
      return true
  }
  return false
}

/**
 * What parses at ES2019 and still fails on those engines: a regular-expression literal with a lookbehind (a
 * SyntaxError when the file loads on iOS before 16.4), and a plain call of the global BigInt (a ReferenceError on
 * iOS before 14 and Chrome before 67; babel.config.js guards every call, so none should be left).
 */
function engineGaps(file: string, source: string): string[] {
  const found: string[] = []
  const program = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'script' })
  walk(program, (node) => {
    const regex = node.regex as { pattern: string } | undefined
    if (node.type === 'Literal' && regex && hasLookbehind(regex.pattern)) {
      found.push(`${at(file, source, node.start)}: lookbehind in /${regex.pattern}/`)
    }
    const callee = node.callee as Node | undefined
    if (node.type === 'CallExpression' && callee?.type === 'Identifier' && callee.name === 'BigInt') {
      found.push(`${at(file, source, node.start)}: unguarded BigInt(…)`)
    }
  })
  return found
}

describe('the weapp build', () => {
  it('is there: the app, its vendors and every page script', () => {
    expect(scripts.map(rel)).toEqual(
      expect.arrayContaining(['app.js', 'vendors.js', 'taro.js', 'common.js', 'pages/stations/index.js']),
    )
    expect(scripts.length).toBeGreaterThan(20)
  })

  it(`parses, every script of it, at ES${LEVEL}`, () => {
    const errors = scripts
      .map((file) => syntaxError(file, fs.readFileSync(file, 'utf8'), LEVEL))
      .filter((e): e is string => e !== null)
    expect(errors).toEqual([])
  })

  it('has no optional chaining (?.) and no nullish coalescing (??) left', () => {
    expect(scripts.flatMap((file) => optionalOperators(file, fs.readFileSync(file, 'utf8')))).toEqual([])
  })

  it('has no lookbehind in a regular-expression literal and no unguarded BigInt call', () => {
    expect(scripts.flatMap((file) => engineGaps(file, fs.readFileSync(file, 'utf8')))).toEqual([])
  })

  it('keeps its WXS modules to ES5, all that WXS has', () => {
    const wxs = files.filter((file) => file.endsWith('.wxs'))
    expect(wxs.length).toBeGreaterThan(0)
    const errors = wxs
      .map((file) => syntaxError(file, fs.readFileSync(file, 'utf8'), 5))
      .filter((e): e is string => e !== null)
    expect(errors).toEqual([])
  })
})

describe('the checks themselves', () => {
  it('name the file and position of syntax above the level, and each operator, lookbehind and BigInt call', () => {
    const file = path.join(WEAPP, 'pages/x/index.js')
    const source = 'var a = {};\nvar b = a?.c ?? 1;'
    expect(syntaxError(file, source, LEVEL)).toMatch(/^pages\/x\/index\.js:2:11 .*Unexpected token/)
    expect(syntaxError(file, 'try {} catch {}', LEVEL)).toBeNull() // optional catch binding is ES2019
    expect(optionalOperators(file, source)).toEqual([
      expect.stringMatching(/^pages\/x\/index\.js:2:10 .*: \?\.$/),
      expect.stringMatching(/^pages\/x\/index\.js:2:14 .*: \?\?$/),
    ])
    expect(optionalOperators(file, 'var s = "a?.b ?? c" // d?.e')).toEqual([])
    expect(engineGaps(file, 'var r = /(?<=x)y/; var n = BigInt("1"); var ok = /\\(?<=/;')).toEqual([
      expect.stringContaining('lookbehind in /(?<=x)y/'),
      expect.stringContaining('unguarded BigInt(…)'),
    ])
    expect(engineGaps(file, 'var n = (typeof BigInt === "function" ? BigInt : Number)(0)')).toEqual([])
  })
})
