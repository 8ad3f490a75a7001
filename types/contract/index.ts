import type { z } from '../zod'
import { accountContract } from './account'
import { passContract } from './pass'
import { pointsContract } from './points'
import { servicesContract } from './services'

export * from './define'
export * from './account'
export * from './face-photo'
export * from './staff'
export * from './my-data'
export * from './services'
export * from './pass'
export * from './points'

/** The whole contract between the mini-program and its cloud functions. */
export const CONTRACT = {
  account: accountContract,
  pass: passContract,
  points: pointsContract,
  services: servicesContract,
} as const

export type Contract = typeof CONTRACT
export type FunctionName = keyof Contract
export const FUNCTION_NAMES = Object.keys(CONTRACT) as FunctionName[]

export type ActionName<F extends FunctionName> = keyof Contract[F] & string
type ActionOf<F extends FunctionName, A extends ActionName<F>> = Contract[F][A] extends {
  input: z.core.$ZodType
  output: z.core.$ZodType
}
  ? Contract[F][A]
  : never
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = z.input<ActionOf<F, A>['input']>
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = z.output<ActionOf<F, A>['output']>
/** What travels to a function: the action name plus its payload. */
// An action without payload infers Record<string, never>, which `{ action }` alone could not satisfy.
export type ActionRequest<F extends FunctionName, A extends ActionName<F>> = {
  action: A
} & (string extends keyof ActionInput<F, A> ? unknown : ActionInput<F, A>)
/** The payload after parsing (defaults applied): what a handler receives. */
export type ActionParsedInput<F extends FunctionName, A extends ActionName<F>> = z.output<ActionOf<F, A>['input']>
