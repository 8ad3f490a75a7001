export default defineAppConfig({
  // The first page is the one a courier opens the app for: stations near them.
  // Courier pages stay in the main package; staff pages (review, gate scan, access log, gates, activity and
  // exchange management, 随手拍 review, service places and weekly themes) are a subpackage so a courier's first
  // download stays small; so is the courier's occasional 月月换主题 month view (`courier`).
  pages: [
    'pages/stations/index',
    'pages/me/index',
    'pages/demo-login/index',
    'pages/register/index',
    'pages/pass-code/index',
    'pages/place-scan/index',
    'pages/activities/index',
    'pages/points/index',
    'pages/exchange/index',
    'pages/ranking/index',
    'pages/report/index',
    'pages/place/index',
  ],
  subPackages: [
    {
      root: 'staff',
      pages: [
        'pages/review/index',
        'pages/gate-scan/index',
        'pages/access-log/index',
        'pages/gates/index',
        'pages/activities/index',
        'pages/exchange/index',
        'pages/reports/index',
        'pages/places/index',
        'pages/themes/index',
      ],
    },
    {
      root: 'courier',
      pages: ['pages/themes/index'],
    },
  ],
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
    'scope.userLocation': { desc: '用于查找离你最近的驿站和标注随手拍的位置' },
  },
  requiredPrivateInfos: ['getLocation'],
})
