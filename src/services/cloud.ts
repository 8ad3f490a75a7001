import { z } from '../../types/zod'
import {
  CONTRACT,
  describeIssues,
  envelopeOf,
  ERROR_MESSAGES,
  type ActionContract,
  type ActionName,
  type ActionOutput,
  type ActionRequest,
  type FunctionName,
} from '../../types'
import { CloudError } from './cloud-error'
import { send } from './transport'

export { CloudError, toCloudError } from './cloud-error'

const envelopes = new Map<z.core.$ZodType, ReturnType<typeof envelopeOf>>()

/** The envelope schema for an action's output, built once per schema. */
function envelopeFor(output: z.core.$ZodType) {
  let schema = envelopes.get(output)
  if (!schema) {
    schema = envelopeOf(output)
    envelopes.set(output, schema)
  }
  return schema
}

function contractOf(name: FunctionName, action: string): ActionContract {
  const actions: Record<string, ActionContract> = CONTRACT[name]
  const contract = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined
  if (!contract) throw new CloudError('UNKNOWN_ACTION')
  return contract
}

/**
 * Calls one action of a cloud function. The request is checked against the contract before anything is sent
 * (a bad one throws BAD_REQUEST), the reply is parsed as the action's envelope (anything else throws
 * BAD_RESPONSE), and `{ ok: false }` throws a CloudError with the function's code and message.
 *
 * @example const me = await call('account', { action: 'me' })
 */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  request: ActionRequest<F, A>,
): Promise<ActionOutput<F, A>> {
  const { action, ...payload } = request as { action: string } & Record<string, unknown>
  const contract = contractOf(name, action)
  const input = z.safeParse(contract.input, payload)
  if (!input.success) {
    const message = `${ERROR_MESSAGES.BAD_REQUEST}：${describeIssues(input.error)}`
    throw new CloudError('BAD_REQUEST', message, { cause: input.error })
  }
  // The original request is sent, not the parsed one: the function parses it again with the same schema.
  const reply = await send(name, request)
  const envelope = envelopeFor(contract.output).safeParse(reply)
  if (!envelope.success) {
    throw new CloudError('BAD_RESPONSE', undefined, { cause: envelope.error })
  }
  if (!envelope.data.ok) {
    throw new CloudError(envelope.data.error.code, envelope.data.error.message)
  }
  return envelope.data.data as ActionOutput<F, A>
}
