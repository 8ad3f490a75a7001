import type { z } from 'zod'
import { CONTRACT } from '../../types'

/**
 * Every action's input refuses an unknown key at every level of nesting (the handler's promise: nested objects
 * are strict schemas). The probes are generated from the schemas themselves: for each object the walk finds
 * (through optional, arrays, unions, pipes …) it builds an input carrying one unknown key right there, and
 * the parse must name that key at that path.
 */

const UNKNOWN = '__unknown_key__'
type Path = Array<string | number>
interface Probe {
  path: Path
  value: unknown
}

type Def = { type: string } & Record<string, unknown>
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def

/** The literal fields of an object (a discriminated union's tag): kept in every probe so it picks its option. */
function literalsOf(shape: Record<string, z.ZodType>): Record<string, unknown> {
  const literals: Record<string, unknown> = {}
  for (const [key, field] of Object.entries(shape)) {
    const def = defOf(field)
    if (def.type === 'literal') literals[key] = (def.values as unknown[])[0]
  }
  return literals
}

/** One probe per object reachable in `schema`, each an input for `schema` with an unknown key at that object. */
function probesOf(schema: z.ZodType): Probe[] {
  const def = defOf(schema)
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>
      const literals = literalsOf(shape)
      const probes: Probe[] = [{ path: [], value: { ...literals, [UNKNOWN]: true } }]
      for (const [key, field] of Object.entries(shape)) {
        for (const inner of probesOf(field)) {
          probes.push({ path: [key, ...inner.path], value: { ...literals, [key]: inner.value } })
        }
      }
      return probes
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return probesOf(def.innerType as z.ZodType)
    case 'pipe':
      return probesOf(def.in as z.ZodType)
    case 'array':
      return probesOf(def.element as z.ZodType).map((p) => ({ path: [0, ...p.path], value: [p.value] }))
    case 'record':
      return probesOf(def.valueType as z.ZodType).map((p) => ({ path: ['k', ...p.path], value: { k: p.value } }))
    case 'union':
      return (def.options as z.ZodType[]).flatMap(probesOf)
    case 'intersection':
      return [...probesOf(def.left as z.ZodType), ...probesOf(def.right as z.ZodType)]
    case 'lazy':
      return probesOf((def.getter as () => z.ZodType)())
    default:
      return []
  }
}

interface Issue {
  code: string
  path: PropertyKey[]
  keys?: string[]
  errors?: Issue[][]
}

/** Every issue of a parse, those inside a failed union included, with paths from the root. */
function allIssues(issues: Issue[], base: PropertyKey[] = []): Array<Issue & { at: string }> {
  return issues.flatMap((issue) => {
    const path = [...base, ...issue.path]
    const here = { ...issue, at: path.join('.') }
    const nested = (issue.errors ?? []).flatMap((branch) => allIssues(branch, path))
    return [here, ...nested]
  })
}

const ACTIONS = Object.entries(CONTRACT).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, { input: z.ZodType }>).map(([action, spec]) => ({
    name: `${fn}.${action}`,
    input: spec.input,
  })),
)
const PROBES = ACTIONS.flatMap(({ name, input }) =>
  probesOf(input).map((probe) => ({ name, input, at: probe.path.join('.'), value: probe.value })),
)

describe('every action’s input refuses unknown keys at every level', () => {
  it('finds objects nested in the inputs, so the walk below is not vacuous', () => {
    const nested = PROBES.filter((p) => p.at !== '').map((p) => `${p.name}:${p.at}`)
    // The ones the issue names, found by the walk rather than listed by hand:
    expect(nested).toEqual(
      expect.arrayContaining([
        'services.nearbyStations:location',
        'points.submitReport:location',
        'account.saveCommunity:location',
        'services.saveStation:hours',
        'services.saveStation:hours.windows.0',
        'services.saveRoom:hours.windows.0',
        'services.saveTheme:slots.0',
      ]),
    )
    expect(nested.length).toBeGreaterThanOrEqual(15)
    // Every action's top level is probed too.
    expect(new Set(PROBES.filter((p) => p.at === '').map((p) => p.name)).size).toBe(ACTIONS.length)
  })

  it.each(PROBES.map((p) => [`${p.name} at ${p.at === '' ? '(top level)' : p.at}`, p] as const))(
    '%s',
    (_label, probe) => {
      const parsed = probe.input.safeParse(probe.value)
      expect(parsed.success).toBe(false)
      const unknown = allIssues((parsed.error?.issues ?? []) as Issue[]).filter(
        (issue) => issue.code === 'unrecognized_keys' && (issue.keys ?? []).includes(UNKNOWN),
      )
      expect(unknown.map((issue) => issue.at)).toContain(probe.at)
    },
  )
})
