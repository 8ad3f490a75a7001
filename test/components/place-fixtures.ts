// Contract-typed details of a station, a meal and a room, shared by the detail page's tests.
import type { PlaceDetail } from '../../src/services/places'
import type { ThemeView } from '../../types'

export const THEME: ThemeView = {
  id: 'th-2026-W48-st-gege-yintai',
  stationId: 'st-gege-yintai',
  stationName: '哥哥驿站（城西银泰城）',
  week: '2026-W48',
  weekStart: Date.parse('2026-11-23T00:00:00+08:00'),
  title: '免费义诊周',
  description: '社区卫生服务站医生到驿站坐诊：量血压、测血糖。',
  slots: [
    { date: '2026-11-25', start: '14:00', end: '17:00', title: '免费义诊：血压血糖检测' },
    { date: '2026-11-28', start: '09:00', end: '11:30', title: '骑行劳损与颈腰椎咨询' },
  ],
  status: 'published',
  updatedAt: Date.parse('2026-11-20T10:00:00+08:00'),
}

export const STATION_DETAIL: PlaceDetail = {
  kind: 'station',
  station: {
    id: 'st-gege-yintai',
    name: '哥哥驿站（城西银泰城）',
    address: '杭州市拱墅区城西银泰城广场',
    communityName: '阮家桥社区',
    location: { lat: 30.3036, lng: 120.1113 },
    coordsApproximate: true,
    distanceM: 3120,
    hours: { kind: 'always' },
    openNow: true,
    amenities: ['空调', '热水', '换电'],
    phone: '0571-88888888',
    themeThisWeek: { title: THEME.title, description: THEME.description },
    note: '门口电站可换电瓶',
  },
  theme: THEME,
}

export const MEAL_DETAIL: PlaceDetail = {
  kind: 'meal',
  meal: {
    id: 'meal-dayunhe',
    name: '大运河社区食堂',
    address: '杭州市拱墅区武林街道竹竿巷社区',
    communityName: '竹竿巷社区',
    location: { lat: 30.2752, lng: 120.1598 },
    coordsApproximate: false,
    distanceM: 980,
    hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '11:00', end: '13:30' }] },
    openNow: false,
    dish: '骑士餐盲盒：一荤两素',
    priceFen: 990,
    dailyQuota: 50,
  },
}

export const ROOM_DETAIL: PlaceDetail = {
  kind: 'room',
  room: {
    id: 'room-wujiadun',
    name: '吴家墩社区小哥专属房源',
    address: '杭州市拱墅区康桥街道吴家墩社区',
    communityName: '吴家墩社区',
    location: { lat: 30.3655, lng: 120.1638 },
    coordsApproximate: false,
    hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' }] },
    openNow: true,
    unitType: '单间',
    monthlyRentFen: 120000,
    marketRentFen: 160000,
    savingFen: 40000,
    unitsAvailable: 6,
    conditions: '面向外卖骑手、快递员等新就业群体',
    phone: '0571-86666666',
  },
}
