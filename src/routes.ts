/** Page paths for Taro navigation; keep in step with app.config.ts. */
export const ROUTES = {
  stations: '/pages/stations/index',
  me: '/pages/me/index',
  demoLogin: '/pages/demo-login/index',
} as const
