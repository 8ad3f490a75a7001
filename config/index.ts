import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

/** CloudBase environment id for Taro.cloud.init (weapp); the h5 build talks to the local cloud instead. */
const CLOUD_ENV = process.env.CLOUD_ENV || 'xiaoge-placeholder'

/** The contract lives outside src/; Taro only compiles src/ unless told. */
const compile = { include: [path.resolve(__dirname, '..', 'types')] }

/** The part of Taro's webpack-chain handle used here. */
interface H5Chain {
  optimization: { get(key: string): unknown; splitChunks(value: unknown): unknown }
  performance: { maxEntrypointSize(bytes: number): H5Chain['performance']; maxAssetSize(bytes: number): unknown }
}

/**
 * Taro's h5 split only looks at initial chunks, so every lazily loaded page would carry its own copy of zod,
 * dayjs and the contract. One more cache group moves code used by two or more pages into a shared chunk.
 */
function h5Chain(chain: H5Chain) {
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
    plugins: [],
    defineConstants: {
      CLOUD_ENV: JSON.stringify(CLOUD_ENV),
    },
    // The map's station pin (weapp only: a map marker needs an image file in the package, not a data URL).
    copy: {
      patterns:
        process.env.TARO_ENV === 'weapp'
          ? [{ from: 'src/assets/map-pin.png', to: 'dist/weapp/assets/map-pin.png' }]
          : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile,
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
