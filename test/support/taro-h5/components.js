// `@tarojs/components` in jsdom: the h5 React implementation (@tarojs/components-react).
// Its refresher imports { View } from '@tarojs/components' at load time, which under this mapping is a
// circular import of this very file; CommonJS would hand it an undefined View. Export View first.
exports.View = require('@tarojs/components-react/dist/components/view/index.js').default
Object.assign(exports, require('@tarojs/components-react'))
