// babel-preset-taro needs @babel/preset-react (an optional peer) for the React framework.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
