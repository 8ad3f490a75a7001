import {
  ALL_WEEK,
  type Community,
  type DemoIdentity,
  type Gate,
  type Courier,
  type Meal,
  type Room,
  type StaffMember,
  type Station,
  type User,
} from '../types'
import { staffId } from '../cloudfunctions/account/staff-log'

/**
 * Demo data. Places and communities are the real ones named in shared/DOMAIN.md (sources in shared/seeds/);
 * their coordinates were placed by hand (approximate, GCJ-02) and are marked `coordsApproximate`. Opening hours,
 * rents and phone numbers not stated in the sources are demo values, and the notes say so. People are invented.
 */
const T0 = Date.UTC(2024, 6, 1) // July 2024, when Hangzhou's 小哥码 launched

export const SEED_COMMUNITIES: Community[] = [
  {
    _id: 'ruanjiaqiao',
    name: '阮家桥社区',
    street: '祥符街道',
    district: '拱墅区',
    city: '杭州',
    location: { lat: 30.3032, lng: 120.1108 },
  },
  {
    _id: 'xinheping',
    name: '新和平商务社区',
    street: '文晖街道',
    district: '拱墅区',
    city: '杭州',
    location: { lat: 30.2888, lng: 120.1712 },
  },
  {
    _id: 'zhizunong',
    name: '知足弄社区',
    street: '潮鸣街道',
    district: '拱墅区',
    city: '杭州',
    location: { lat: 30.2792, lng: 120.1768 },
  },
  {
    _id: 'zhuganxiang',
    name: '竹竿巷社区',
    street: '武林街道',
    district: '拱墅区',
    city: '杭州',
    location: { lat: 30.2756, lng: 120.1603 },
  },
  {
    _id: 'zhalongkou',
    name: '闸弄口社区',
    street: '闸弄口街道',
    district: '上城区',
    city: '杭州',
    location: { lat: 30.2915, lng: 120.1935 },
  },
  {
    _id: 'wujiadun',
    name: '吴家墩社区',
    street: '康桥街道',
    district: '拱墅区',
    city: '杭州',
    location: { lat: 30.3652, lng: 120.1633 },
  },
  {
    _id: 'yulin',
    name: '余林社区',
    street: '蒋王街道',
    district: '邗江区',
    city: '扬州',
    location: { lat: 32.3812, lng: 119.3859 },
  },
]

const DEMO_HOURS_NOTE = '营业时间为演示数据，以驿站公布为准'

const station = (s: Omit<Station, 'coordsApproximate' | 'hidden' | 'updatedAt'>): Station => ({
  ...s,
  coordsApproximate: true,
  hidden: false,
  updatedAt: T0,
})

export const SEED_STATIONS: Station[] = [
  station({
    _id: 'st-gege-yintai',
    name: '哥哥驿站（城西银泰城）',
    communityId: 'ruanjiaqiao',
    address: '杭州市拱墅区城西银泰城广场',
    location: { lat: 30.3036, lng: 120.1113 },
    hours: { kind: 'always' },
    amenities: ['空调', '热水', '临时停车', '换电', '休息座椅', '饮用水'],
    note: '每天约300名小哥到访；“暖新十惠”：子女暑期夏令营、免费义诊、非机动车维修；门口电站可换电瓶',
  }),
  station({
    _id: 'st-xiangfu',
    name: '祥符街道小哥驿站',
    communityId: 'ruanjiaqiao',
    address: '杭州市拱墅区祥符街道',
    location: { lat: 30.3101, lng: 120.1182 },
    hours: { kind: 'windows', windows: [{ days: ALL_WEEK, start: '08:00', end: '22:00' }] },
    amenities: ['热水', '充电', '卫生间', '休息座椅'],
    note: DEMO_HOURS_NOTE,
  }),
  station({
    _id: 'st-xinheping',
    name: '骑手暖心驿站·骑手党群服务中心',
    communityId: 'xinheping',
    address: '杭州市拱墅区文晖街道新和平商务社区',
    location: { lat: 30.2891, lng: 120.1716 },
    hours: { kind: 'windows', windows: [{ days: ALL_WEEK, start: '09:00', end: '21:00' }] },
    amenities: ['空调', '热水', '休息座椅', '图书', '饮用水', '卫生间'],
    note: `浙江首个骑手党群服务中心，“骑士学院”所在地：休闲运动、职业成长、心理咨询、儿童托管。${DEMO_HOURS_NOTE}`,
  }),
  station({
    _id: 'st-zhizunong',
    name: '知足弄社区暖心驿站',
    communityId: 'zhizunong',
    address: '杭州市拱墅区潮鸣街道知足弄社区',
    location: { lat: 30.2795, lng: 120.1772 },
    hours: {
      kind: 'windows',
      windows: [
        { days: [1, 2, 3, 4, 5], start: '08:30', end: '20:00' },
        { days: [6, 7], start: '09:00', end: '17:00' },
      ],
    },
    amenities: ['热水', '微波炉', '充电', '医药箱'],
    note: `志愿服务积分可在此兑换日用品。${DEMO_HOURS_NOTE}`,
  }),
  station({
    _id: 'st-yulin-hanxiaoge',
    name: '“邗小哥”先锋驿站（余林社区）',
    communityId: 'yulin',
    address: '扬州市邗江区蒋王街道余林社区',
    location: { lat: 32.3815, lng: 119.3862 },
    hours: { kind: 'windows', windows: [{ days: ALL_WEEK, start: '07:00', end: '22:00' }] },
    amenities: ['饮用水', '充电', '图书', '医药箱', '休息座椅'],
    note: `歇脚、添茶水、充电、热敷、医疗急救。${DEMO_HOURS_NOTE}`,
  }),
]

export const SEED_MEALS: Meal[] = [
  {
    _id: 'meal-dayunhe',
    name: '大运河社区食堂',
    communityId: 'zhuganxiang',
    address: '杭州市拱墅区武林街道竹竿巷社区',
    location: { lat: 30.2752, lng: 120.1598 },
    coordsApproximate: true,
    hours: { kind: 'windows', windows: [{ days: ALL_WEEK, start: '11:00', end: '13:30' }] },
    dish: '骑士餐盲盒：一荤两素',
    priceFen: 990,
    note: '新就业群体专属盲盒。供餐时段为演示数据',
    hidden: false,
    updatedAt: T0,
  },
  {
    _id: 'meal-nonghangli',
    name: '弄杭里邻里食堂（小哥友好取餐点）',
    communityId: 'zhalongkou',
    address: '杭州市上城区闸弄口街道闸弄口社区',
    location: { lat: 30.2918, lng: 120.1931 },
    coordsApproximate: true,
    hours: { kind: 'windows', windows: [{ days: ALL_WEEK, start: '11:00', end: '13:30' }] },
    dish: '一荤两素套餐，约半分钟出餐',
    priceFen: 1000,
    note: '每天中午11点左右开始供应。结束时间为演示数据',
    hidden: false,
    updatedAt: T0,
  },
]

export const SEED_ROOMS: Room[] = [
  {
    _id: 'room-wujiadun',
    name: '吴家墩社区小哥专属房源',
    communityId: 'wujiadun',
    address: '杭州市拱墅区康桥街道吴家墩社区',
    location: { lat: 30.3655, lng: 120.1638 },
    coordsApproximate: true,
    hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:30' }] },
    unitType: '单间',
    monthlyRentFen: 120000,
    marketRentFen: 160000,
    unitsAvailable: 6,
    conditions: '面向外卖骑手、快递员等新就业群体。租金与房源数为演示数据，以社区公布为准',
    hidden: false,
    updatedAt: T0,
  },
  {
    _id: 'room-fengle',
    name: '丰乐之家平价公寓',
    communityId: 'wujiadun',
    address: '杭州市拱墅区康桥街道丰乐之家',
    location: { lat: 30.3688, lng: 120.1579 },
    coordsApproximate: true,
    hours: { kind: 'windows', windows: [{ days: [1, 2, 3, 4, 5, 6], start: '09:00', end: '18:00' }] },
    unitType: '单间/双人间',
    monthlyRentFen: 98000,
    marketRentFen: 150000,
    unitsAvailable: 12,
    conditions: '专门面向小哥的平价公寓。租金与房源数为演示数据，以公寓公布为准',
    hidden: false,
    updatedAt: T0,
  },
]

/** The demo identities offered by the local cloud's identity picker (`x-openid` header). */
export const DEMO_IDENTITIES: DemoIdentity[] = [
  {
    openid: 'demo-courier',
    nickname: '张小明',
    roleName: '小哥（已通过）',
    description: '美团骑手，阮家桥社区，已审核通过',
  },
  {
    openid: 'demo-courier-pending',
    nickname: '李大伟',
    roleName: '小哥（待审核）',
    description: '饿了么骑手，注册待社区审核',
  },
  { openid: 'demo-guard', nickname: '王师傅', roleName: '门岗', description: '阮家桥社区北门门岗' },
  { openid: 'demo-manager', nickname: '赵经理', roleName: '物业经理', description: '阮家桥社区物业' },
  {
    openid: 'demo-secretary',
    nickname: '陈书记',
    roleName: '社区书记',
    description: '阮家桥社区书记，管理驿站与审核小哥',
  },
  { openid: 'demo-admin', nickname: '系统管理员', roleName: '管理员', description: '全部社区的管理权限' },
]

export const SEED_USERS: User[] = [
  { _id: 'demo-courier', nickname: '张小明', roles: [{ role: 'courier' }], createdAt: T0 },
  { _id: 'demo-courier-pending', nickname: '李大伟', roles: [{ role: 'courier' }], createdAt: T0 },
  {
    _id: 'demo-guard',
    nickname: '王师傅',
    roles: [{ role: 'guard', communityId: 'ruanjiaqiao', gateId: 'gate-rjq-north' }],
    createdAt: T0,
  },
  { _id: 'demo-manager', nickname: '赵经理', roles: [{ role: 'manager', communityId: 'ruanjiaqiao' }], createdAt: T0 },
  {
    _id: 'demo-secretary',
    nickname: '陈书记',
    roles: [{ role: 'secretary', communityId: 'ruanjiaqiao' }],
    createdAt: T0,
  },
  { _id: 'demo-admin', nickname: '系统管理员', roles: [{ role: 'admin' }], createdAt: T0 },
]

/** The roster of 阮家桥社区's demo staff, as invitations would have made it. */
export const SEED_STAFF: StaffMember[] = SEED_USERS.flatMap((user) =>
  user.roles
    .filter((r) => r.communityId === 'ruanjiaqiao' && r.role !== 'courier' && r.role !== 'admin')
    .map((r) => {
      const role = r.role as StaffMember['role']
      return {
        _id: staffId('ruanjiaqiao', role, user._id),
        communityId: 'ruanjiaqiao',
        openid: user._id,
        role,
        ...(r.gateId ? { gateId: r.gateId } : {}),
        name: user.nickname,
        grantedBy: 'demo-admin',
        grantedAt: T0,
      }
    }),
)

export const SEED_GATES: Gate[] = [
  { _id: 'gate-rjq-north', communityId: 'ruanjiaqiao', name: '北门', createdAt: T0 },
  { _id: 'gate-rjq-south', communityId: 'ruanjiaqiao', name: '南门', createdAt: T0 },
]

export const SEED_COURIERS: Courier[] = [
  {
    _id: 'demo-courier',
    name: '张小明',
    phone: '13800000001',
    platform: '美团',
    riderId: 'MT-100001',
    communityId: 'ruanjiaqiao',
    status: 'approved',
    approvedAt: T0,
    passId: 'ZGVtby1j',
    movementConsentAt: T0,
    createdAt: T0,
    updatedAt: T0,
  },
  {
    _id: 'demo-courier-pending',
    name: '李大伟',
    phone: '13800000002',
    platform: '饿了么',
    riderId: 'ELM-200002',
    communityId: 'ruanjiaqiao',
    status: 'pending',
    movementConsentAt: T0,
    createdAt: T0,
    updatedAt: T0,
  },
]
