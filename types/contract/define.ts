import type { z } from '../zod'

/** One action of a cloud function: the payload it accepts (besides `action`) and the data it answers. */
export interface ActionContract<
  I extends z.core.$ZodType = z.core.$ZodType,
  O extends z.core.$ZodType = z.core.$ZodType,
> {
  input: I
  output: O
}

export type FunctionContract = Record<string, ActionContract>

export function defineFunction<C extends FunctionContract>(actions: C): C {
  return actions
}
