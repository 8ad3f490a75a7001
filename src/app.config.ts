/**
 * Pages only the h5 demo has. Picking a demo identity means nothing in WeChat, which says who the user is, so the
 * weapp build leaves the page out (routes.ts points its route elsewhere there, and nothing links to it).
 */
const H5_ONLY_PAGES = process.env.TARO_ENV === 'h5' ? ['pages/demo-login/index'] : []

export default defineAppConfig({
  // The first page is the home, one per role: the code for a courier, the scanner for a guard, to-dos for staff.
  // The main package holds what a courier needs on first open (home, 服务, 我的), within a 450 KB budget
  // (test/bundles/weapp-size.test.ts); the 小哥码 is a small subpackage preloaded from them (`pass`); staff pages (review, gate scan, access log, gates, activity and
  // exchange management, 随手拍 review, service places and weekly themes) are a subpackage, and so are
  // registration, a place's page, the courier's volunteer pages (activities, points, exchange, ranking, 随手拍)
  // and the 月月换主题 month view (`courier`).
  pages: ['pages/home/index', 'pages/stations/index', 'pages/me/index', ...H5_ONLY_PAGES],
  subPackages: [
    // The 小哥码 alone (with its QR encoder and offline code supply): fetched right after the first open (see
    // preloadRule), so that it is on the phone before the courier first needs it at a gate.
    { root: 'pass', pages: ['pages/pass-code/index'] },
    // The gate's 场所码 scan alone: WeChat opens it from the gate's 小程序码, often as the app's first open, so it
    // adds only itself to the main package's download.
    { root: 'gate', pages: ['pages/place-scan/index'] },
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
        'pages/people/index',
        'pages/communities/index',
        'pages/invite/index',
      ],
    },
    {
      root: 'courier',
      pages: [
        'pages/themes/index',
        'pages/activities/index',
        'pages/points/index',
        'pages/exchange/index',
        'pages/ranking/index',
        'pages/report/index',
        'pages/register/index',
        'pages/place/index',
        'pages/my-data/index',
      ],
    },
  ],
  // The home and 我的 tabs link to the 小哥码: WeChat downloads its subpackage in the background as soon as either
  // opens, on any network (it is small), and keeps it with the main package from then on.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['pass'] },
    'pages/me/index': { network: 'all', packages: ['pass'] },
  },
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#f4f5f7',
    navigationBarBackgroundColor: '#c2410c',
    navigationBarTitleText: '小哥友好',
    navigationBarTextStyle: 'white',
    // WeChat's own bar (title and back) in weapp; in h5 it makes Taro draw the same bar, with a back control.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#5c5f66',
    selectedColor: '#c2410c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    // Icons: Lucide glyphs rendered by scripts/make-tab-icons.ts (npm run icons)
    list: [
      {
        pagePath: 'pages/home/index',
        text: '首页',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
      },
      {
        pagePath: 'pages/stations/index',
        text: '服务',
        iconPath: 'assets/tab/services.png',
        selectedIconPath: 'assets/tab/services-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
      },
    ],
  },
  permission: {
    'scope.userLocation': { desc: '用于查找离你最近的驿站和标注随手拍的位置' },
  },
  // chooseLocation: an admin picks a community's centre on WeChat's map
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  // weapp: which pages WeChat search may index (the public service pages only); config/index.ts copies the file.
  sitemapLocation: 'sitemap.json',
})
