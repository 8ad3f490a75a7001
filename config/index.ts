import fs from 'node:fs'
import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import { cloudEnv } from './cloud-env'
import devConfig from './dev'
import prodConfig from './prod'
import { subscribeTemplateIds } from './subscribe-ids'

/** The contract lives outside src/; Taro only compiles src/ unless told. */
const TYPES_DIR = path.resolve(__dirname, '..', 'types')
const compile = { include: [TYPES_DIR] }

/**
 * Taro's weapp rule sends only src/ and Taro's own packages through Babel. zod ships ES2020 (`?.`, `??`, and its
 * load-time `BigInt(…)` calls that babel.config.js guards), so it goes through Babel too, at the weapp's targets.
 * The other packages in the bundle (react, react-reconciler, scheduler, dayjs, qrcode-generator) are ES5 or ES2015
 * already; test/bundles/weapp-syntax.test.ts checks every file of dist/weapp and names any that is not.
 */
// (its real path: webpack resolves symlinks, and node_modules may be one, as in a git worktree)
const miniCompile = { include: [TYPES_DIR, fs.realpathSync(path.resolve(__dirname, '..', 'node_modules', 'zod'))] }

/**
 * weapp minifier. Taro's defaults turn off most of terser's compressions and write only ASCII, which puts every
 * Chinese character in as a six-byte `\uXXXX`. Here: terser's own defaults for those compressions (what webpack
 * uses), output at the weapp's ES2019 level (babel.config.js), and UTF-8 text, the encoding WeChat requires of code
 * files anyway. Together they more than take back what transpiling `?.` and `??` to ES2019 adds.
 */
const WEAPP_TERSER = {
  enable: true,
  config: {
    compress: {
      ecma: 2019,
      arrows: true,
      collapse_vars: true,
      comparisons: true,
      computed_props: true,
      hoist_props: true,
      inline: true,
      loops: true,
      negate_iife: true,
      properties: true,
      reduce_funcs: true,
      reduce_vars: true,
      switches: true,
      typeofs: true,
    },
    output: { ecma: 2019, ascii_only: false },
  },
}

/** The part of Taro's webpack-chain handle used here. */
interface AppChain {
  module: { rule(name: string): { test(file: string): { set(key: string, value: unknown): unknown } } }
}
interface H5Chain extends AppChain {
  optimization: { get(key: string): unknown; splitChunks(value: unknown): unknown }
  performance: { maxEntrypointSize(bytes: number): H5Chain['performance']; maxAssetSize(bytes: number): unknown }
}

/**
 * Both app builds: types/documents.ts, the schemas of what the functions store, is re-exported by types/index.ts
 * for the functions, and the app uses none of it. Marked free of side effects, it is left out instead of
 * running its schema constructors (5 KB of the weapp main package).
 */
function appChain(chain: AppChain) {
  // webpack's Rule.sideEffects (webpack-chain has the method, its types do not)
  chain.module.rule('stored-documents').test(path.join(TYPES_DIR, 'documents.ts')).set('sideEffects', false)
}

/**
 * Taro's h5 split only looks at initial chunks, so every lazily loaded page would carry its own copy of zod,
 * dayjs and the contract. One more cache group moves code used by two or more pages into a shared chunk.
 */
function h5Chain(chain: H5Chain) {
  appChain(chain)
  const split = (chain.optimization.get('splitChunks') ?? {}) as { cacheGroups?: Record<string, unknown> }
  chain.optimization.splitChunks({
    ...split,
    cacheGroups: {
      ...split.cacheGroups,
      pagesShared: { chunks: 'async', minChunks: 2, priority: 5, reuseExistingChunk: true },
    },
  })
  // React DOM + Taro's h5 runtime alone are ~300 KB; webpack's 244 KB hint would warn on every build.
  chain.performance.maxEntrypointSize(400 * 1024).maxAssetSize(400 * 1024)
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xiaoge',
    date: '2025-1-1',
    // Styles are written in px for a 750-wide design: Taro turns them into rpx (weapp) and rem (h5).
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // weapp: base.wxml without the unused scroll-view templates (trim-templates.ts)
    plugins: process.env.TARO_ENV === 'weapp' ? [path.resolve(__dirname, 'trim-templates.ts')] : [],
    defineConstants: {
      CLOUD_ENV: JSON.stringify(cloudEnv()),
      // not secret: the mini-program asks WeChat for these templates (src/services/subscribe.weapp.ts)
      SUBSCRIBE_TEMPLATE_IDS: JSON.stringify(subscribeTemplateIds(process.env.SUBSCRIBE_TEMPLATE_IDS)),
    },
    // weapp only: the map's station pin (a map marker needs an image file in the package, not a data URL), and
    // sitemap.json, which app.config.ts names (sitemapLocation): the pages WeChat search may index.
    copy: {
      patterns:
        process.env.TARO_ENV === 'weapp'
          ? [
              { from: 'src/assets/map-pin.png', to: 'dist/weapp/assets/map-pin.png' },
              { from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' },
            ]
          : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    // Taro's types have `terser` at the top level; weapp only, h5 keeps Taro's defaults.
    ...(process.env.TARO_ENV === 'weapp' ? { terser: WEAPP_TERSER } : {}),
    cache: { enable: false },
    mini: {
      compile: miniCompile,
      webpackChain: appChain,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
    h5: {
      compile,
      webpackChain: h5Chain,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' },
        },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
