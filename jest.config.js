/**
 * Test projects, in the order `npm test` runs them:
 *  unit, functions, components — need no build;
 *  bundles, simulate, e2e       — run after `npm run build` against the real build output.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2020',
    },
    module: { type: 'commonjs' },
  },
]
const transform = { '^.+\\.(mjs|[tj]sx?)$': swc }
// types/zod-setup.ts imports zod's ESM locale file directly (for bundle size); jest requires the CJS twin
const zodLocale = { '^zod/v4/locales/(.+)\\.js$': '<rootDir>/node_modules/zod/v4/locales/$1.cjs' }
// The app builds the contract with zod/mini (types/zod.ts): the components are tested with it too
const appZod = { '^\\.\\.?/zod$': '<rootDir>/types/zod.h5.ts' }
const node = (name, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
  transform,
  moduleNameMapper: zodLocale,
  ...extra,
})

module.exports = {
  projects: [
    node('unit'),
    node('functions'),
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      testEnvironmentOptions: { url: 'http://127.0.0.1/', customExportConditions: ['node', 'node-addons'] },
      testMatch: ['<rootDir>/test/components/**/*.test.tsx'],
      setupFiles: ['<rootDir>/test/support/taro-h5/setup.js'],
      transform,
      // Taro's h5 packages ship ESM (some under nested node_modules/.pnpm paths): let them be transformed
      transformIgnorePatterns: [
        '^(?!.*/node_modules/(@tarojs|@stencil|swiper|ssr-window|dom7|lodash-es|query-string|decode-uri-component|split-on-first|filter-obj)/).*/node_modules/',
      ],
      moduleNameMapper: {
        ...zodLocale,
        ...appZod,
        '^@tarojs/components$': '<rootDir>/test/support/taro-h5/components.js',
        '^@tarojs/taro$': '<rootDir>/test/support/taro-h5/taro.js',
        '\\.(css|scss|less)$': 'identity-obj-proxy',
      },
    },
    // the built bundles are loaded as they would be deployed: untransformed
    node('bundles', { transformIgnorePatterns: ['/node_modules/', '/dist/'] }),
    {
      displayName: 'simulate',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/simulate/**/*.test.ts'],
      transform,
      moduleNameMapper: zodLocale,
    },
    node('e2e', { globalSetup: '<rootDir>/test/e2e/global-setup.ts' }),
  ],
}
