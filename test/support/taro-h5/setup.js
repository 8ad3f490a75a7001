// jest setupFiles for the `components` project: what Taro's webpack build normally defines at compile time.
process.env.TARO_ENV = 'h5'
process.env.TARO_PLATFORM = 'web'

Object.assign(globalThis, {
  // config/index.ts defineConstants
  CLOUD_ENV: 'xiaoge-test',
  SUBSCRIBE_TEMPLATE_IDS: {
    review: 'tmpl-review-0000001',
    activity: 'tmpl-activity-00001',
    pickup: 'tmpl-pickup-000001',
  },
  // @tarojs/runtime feature flags (DefinePlugin in the real build)
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: true,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_MUTATION_OBSERVER: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  DEPRECATED_ADAPTER_COMPONENT: false,
  __TARO_FRAMEWORK__: 'react',
})
