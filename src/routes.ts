/**
 * h5 only: the demo-login page is not in the weapp build (app.config.ts), where WeChat says who the user is and
 * nothing links to it (DEMO_LOGIN_ENABLED is false there). Its route points at 我的 in that build, so the weapp
 * carries no path to a page it does not have, and a stray link would still land on a page that exists.
 */
const DEMO_LOGIN_ROUTE = process.env.TARO_ENV === 'h5' ? '/pages/demo-login/index' : '/pages/me/index'

/** Page paths for Taro navigation; keep in step with app.config.ts. */
export const ROUTES = {
  home: '/pages/home/index',
  stations: '/pages/stations/index',
  me: '/pages/me/index',
  demoLogin: DEMO_LOGIN_ROUTE,
  passCode: '/pass/pages/pass-code/index',
  // gate subpackage (root `gate`): the 场所码 scan, which the gate's 小程序码 opens
  placeScan: '/gate/pages/place-scan/index',
  // courier subpackage (root `courier`): registration, a place's page, the volunteer pages and the month view
  register: '/courier/pages/register/index',
  place: '/courier/pages/place/index',
  activities: '/courier/pages/activities/index',
  points: '/courier/pages/points/index',
  exchange: '/courier/pages/exchange/index',
  ranking: '/courier/pages/ranking/index',
  report: '/courier/pages/report/index',
  monthThemes: '/courier/pages/themes/index',
  myData: '/courier/pages/my-data/index',
  // staff subpackage (root `staff`): loaded only by guards, secretaries, managers and admins
  review: '/staff/pages/review/index',
  gateScan: '/staff/pages/gate-scan/index',
  accessLog: '/staff/pages/access-log/index',
  gates: '/staff/pages/gates/index',
  staffActivities: '/staff/pages/activities/index',
  staffExchange: '/staff/pages/exchange/index',
  staffReports: '/staff/pages/reports/index',
  staffPlaces: '/staff/pages/places/index',
  staffThemes: '/staff/pages/themes/index',
  staffPeople: '/staff/pages/people/index',
  communities: '/staff/pages/communities/index',
  invite: '/staff/pages/invite/index',
} as const
