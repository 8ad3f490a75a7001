// `@tarojs/taro` in jsdom: the h5 API implementation plus the React page hooks (useLoad, useDidShow,
// usePullDownRefresh, …) that Taro's build injects from @tarojs/plugin-framework-react.
const React = require('react')
const ReactDOM = require('react-dom')
const h5 = require('@tarojs/taro-h5')
const runtime = require('@tarojs/plugin-framework-react/dist/runtime')

// The hooks read React from a holder that createReactApp fills; the generated app entry normally calls it.
runtime.createReactApp(
  function App(props) {
    return props.children
  },
  React,
  ReactDOM,
  { pages: [] },
)

// The default export is only Taro's core object; the h5 build's api-loader copies every named API onto it
// (Taro.request, Taro.setStorageSync, …). Do the same, so `import Taro from '@tarojs/taro'` sees them.
const taro = h5.default
for (const key of Object.keys(h5)) {
  if (key !== 'default' && !(key in taro)) taro[key] = h5[key]
}
for (const key of Object.keys(runtime)) {
  if (/^use[A-Z]/.test(key) && typeof runtime[key] === 'function') taro[key] = runtime[key]
}

module.exports = taro
module.exports.default = taro
