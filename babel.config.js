// babel-preset-taro needs @babel/preset-react (an optional peer) for the React framework.

const WEAPP = process.env.TARO_ENV === 'weapp'

/**
 * What the weapp must run on: the JavaScript engines of WeChat base library 2.23.1, our minimum (README,
 * "Building for WeChat and CloudBase"). WeChat's own table (github.com/wechat-miniprogram/miniprogram-compat,
 * data/browserslist.json) gives "ios 12, chrome 66" from 2.21.0 on: iOS 12's JavaScriptCore and the V8 that WeChat
 * ships on Android. Both run ES2019 syntax, so `?.`, `??`, class fields and the like are transpiled and async
 * functions and object spread stay as they are. (Its "safari 10" is WeChat for Mac, not a phone: not a target.)
 * The h5 build keeps the browserslist in package.json.
 */
const WEAPP_TARGETS = { ios: '12', chrome: '66' }

/**
 * BigInt cannot be transpiled, and iOS before 14 and Chrome before 67 have none: zod builds its int64 ranges with
 * `BigInt("…")` while its module loads (zod/v4/core/util.js, BIGINT_FORMAT_RANGES), which would stop the whole app
 * there with a ReferenceError. Every call of the global BigInt becomes `(typeof BigInt === "function" ? BigInt :
 * Number)(…)`. Where BigInt exists nothing changes; where it does not, no bigint value can exist either, and the
 * app has no bigint schema, so the Number stand-in only lets the module load.
 */
function guardBigIntCalls({ types: t }) {
  return {
    name: 'xiaoge-guard-bigint-calls',
    visitor: {
      CallExpression(path) {
        const { callee } = path.node
        if (!t.isIdentifier(callee, { name: 'BigInt' }) || path.scope.hasBinding('BigInt', true)) return
        path.node.callee = t.conditionalExpression(
          t.binaryExpression('===', t.unaryExpression('typeof', t.identifier('BigInt')), t.stringLiteral('function')),
          t.identifier('BigInt'),
          t.identifier('Number'),
        )
      },
    },
  }
}

module.exports = {
  // weapp: nothing there is `document.all`, so `a?.b` and `a ?? b` compile to a plain `!= null` test (smaller).
  assumptions: WEAPP ? { noDocumentAll: true } : {},
  plugins: WEAPP ? [guardBigIntCalls] : [],
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...(WEAPP ? { targets: WEAPP_TARGETS } : {}) }],
  ],
}
