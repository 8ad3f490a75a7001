/** Page paths for Taro navigation; keep in step with app.config.ts. */
export const ROUTES = {
  stations: '/pages/stations/index',
  me: '/pages/me/index',
  demoLogin: '/pages/demo-login/index',
  register: '/pages/register/index',
  passCode: '/pages/pass-code/index',
  placeScan: '/pages/place-scan/index',
  activities: '/pages/activities/index',
  points: '/pages/points/index',
  exchange: '/pages/exchange/index',
  ranking: '/pages/ranking/index',
  report: '/pages/report/index',
  place: '/pages/place/index',
  // courier subpackage (root `courier`): pages a courier opens now and then
  monthThemes: '/courier/pages/themes/index',
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
} as const
