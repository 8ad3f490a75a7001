/**
 * The CloudBase environment id a build uses when it reaches no CloudBase: h5 (it talks to the local cloud),
 * `npm run dev:weapp`, and `npm run build:weapp` without `--release` (config/build-weapp.ts sets it, so that
 * `npm install && npm test` builds on a machine with no variables). No CloudBase environment has this id, so such a
 * weapp answers every call with 服务环境未配置. (test/simulate checks the built app calls init with it.)
 */
export const TEST_CLOUD_ENV = 'xiaoge-placeholder'

/**
 * The CloudBase environment id for Taro.cloud.init (weapp). A production weapp build must be told it: one built
 * without it reaches no environment at all, so the build fails here rather than produce an app that cannot work.
 */
export function cloudEnv(env: NodeJS.ProcessEnv = process.env): string {
  const value = env.CLOUD_ENV?.trim()
  if (value) return value
  if (env.TARO_ENV === 'weapp' && env.NODE_ENV === 'production') {
    throw new Error(
      'CLOUD_ENV is not set. A production weapp build needs the CloudBase environment id: ' +
        'CLOUD_ENV=<env-id> npm run build:weapp -- --release. ' +
        `(A test build that reaches no CloudBase: npm run build:weapp, which sets CLOUD_ENV=${TEST_CLOUD_ENV}.)`,
    )
  }
  return TEST_CLOUD_ENV
}
