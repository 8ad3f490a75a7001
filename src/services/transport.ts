import { CloudError } from './cloud-error'
import { getDemoOpenid } from './demo-identity'

/*
 * h5 (and default) transport: the local cloud's HTTP endpoint `POST /fn/<name>`, identity from the demo
 * openid. The weapp build uses transport.weapp.ts instead (wx.cloud.callFunction).
 *
 * The local cloud answers errors with a 4xx/5xx status AND the envelope as body, so the body is read whatever
 * the status; only a failure to reach the server at all is NETWORK.
 */
export async function send(name: string, request: unknown): Promise<unknown> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const openid = getDemoOpenid()
  if (openid) headers['x-openid'] = openid

  let response: Response
  try {
    response = await fetch(`/fn/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(request),
    })
  } catch (error) {
    throw new CloudError('NETWORK', undefined, { cause: error })
  }
  try {
    return (await response.json()) as unknown
  } catch (error) {
    // A gateway page instead of JSON: an unreachable cloud behind a proxy, or a server we do not understand.
    throw new CloudError(response.status >= 502 && response.status <= 504 ? 'NETWORK' : 'BAD_RESPONSE', undefined, {
      cause: error,
    })
  }
}
