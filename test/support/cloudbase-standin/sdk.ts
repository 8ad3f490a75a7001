/**
 * Connects the real wx-server-sdk to a CloudBase stand-in, exactly as a cloud function connects to
 * CloudBase, except for `serviceUrl` and dummy credentials.
 */
import * as cloud from 'wx-server-sdk'

export type CloudDatabase = ReturnType<typeof cloud.database>

/** `cloud.database()` of a fresh SDK instance whose requests all go to `serviceUrl`. */
export function connectSdk(serviceUrl: string): CloudDatabase {
  // Before each request the SDK asks http://metadata.tencentyun.com whether it runs inside Tencent Cloud
  // (a 30 ms probe, repeated while it fails). TENCENTCLOUD=true answers locally: no outside traffic.
  process.env.TENCENTCLOUD = 'true'
  return newCloudInstance({ env: 'test-env', serviceUrl, secretId: 'x', secretKey: 'y' }).database()
}

/**
 * `cloud.init` initialises the module singleton once and ignores later calls, so each stand-in gets its
 * own SDK instance from `createNewInstance` (present at runtime, absent from the SDK's typings), which
 * runs the same init with the given options.
 */
function newCloudInstance(config: Record<string, string>): typeof cloud {
  // It returns the same API object the module exports, for the new instance.
  const factory = Reflect.get(cloud, 'createNewInstance') as
    ((options: Record<string, string>) => typeof cloud) | undefined
  if (typeof factory !== 'function') throw new Error('this wx-server-sdk has no createNewInstance')
  return factory(config)
}
