import type { UserConfigExport } from '@tarojs/cli'

/** `taro build --watch`: the h5 dev server forwards cloud calls to a running local cloud (`npm start`). */
const LOCAL_CLOUD = process.env.LOCAL_CLOUD_URL || 'http://127.0.0.1:8787'

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      proxy: [{ context: ['/fn', '/local'], target: LOCAL_CLOUD, changeOrigin: true }],
    },
  },
} satisfies UserConfigExport<'webpack5'>
