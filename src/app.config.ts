export default defineAppConfig({
  // The first page is the one a courier opens the app for: stations near them.
  pages: ['pages/stations/index', 'pages/me/index', 'pages/demo-login/index'],
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f4f5f7',
    navigationBarBackgroundColor: '#c2410c',
    navigationBarTitleText: '小哥友好',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#5c5f66',
    selectedColor: '#c2410c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/stations/index', text: '服务' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  permission: {
    'scope.userLocation': { desc: '用于查找离你最近的驿站' },
  },
  requiredPrivateInfos: ['getLocation'],
})
