import { z } from '../zod'
import { IsoWeek, MonthText } from '../dates'
import { Amenity, AMENITIES, Id } from '../entities'
import { GeoPoint, GeoPointInput } from '../geo'
import { OpeningHours, OpeningHoursInput } from '../hours'
import { Fen } from '../money'
import { ThemeSlotInput, ThemeSlotView, THEME_STATUSES } from '../services'
import { MultilineText, Text } from '../text'
import { defineFunction } from './define'

export const NEARBY_DEFAULT_LIMIT = 20
export const NEARBY_MAX_LIMIT = 50

/** Filters every nearby list understands; each list applies those that mean something for it. */
const NearbyFilters = {
  location: GeoPointInput,
  limit: z.optional(z.int().check(z.gte(1), z.lte(NEARBY_MAX_LIMIT))),
  /** Stations: open now; meals: serving now; rooms: (ignored). China time. */
  openNow: z.optional(z.boolean()),
  /** Meals: price; rooms: monthly rent. In fen. */
  maxPriceFen: z.optional(Fen),
  /** Stations: must have all of these. */
  amenities: z.optional(z.array(Amenity).check(z.maxLength(AMENITIES.length))),
}

export const NearbyStationsInput = z.strictObject(NearbyFilters)
export type NearbyStationsInput = z.infer<typeof NearbyStationsInput>

/** What a courier sees of a station in a list: no internal fields. */
export const StationSummary = z.object({
  id: Id,
  name: z.string(),
  address: z.string(),
  communityName: z.string(),
  location: GeoPoint,
  coordsApproximate: z.boolean(),
  distanceM: z.int().check(z.gte(0)),
  hours: OpeningHours,
  openNow: z.boolean(),
  amenities: z.array(Amenity),
  phone: z.optional(z.string()),
  /** This week's published service theme (本周主题), if the station has one. */
  themeThisWeek: z.optional(z.object({ title: z.string(), description: z.string() })),
})
export type StationSummary = z.infer<typeof StationSummary>

export const NearbyStationsOutput = z.object({
  origin: GeoPoint,
  /** Nearest first; ties broken by id so the order is stable. */
  stations: z.array(StationSummary),
})
export type NearbyStationsOutput = z.infer<typeof NearbyStationsOutput>

/** Fields every place in a list shares. */
const PlaceSummaryFields = {
  id: Id,
  name: z.string(),
  address: z.string(),
  communityName: z.string(),
  location: GeoPoint,
  coordsApproximate: z.boolean(),
  distanceM: z.int().check(z.gte(0)),
  hours: OpeningHours,
  /** Meals: serving now; rooms: the office is open now. */
  openNow: z.boolean(),
  phone: z.optional(z.string()),
}

export const NearbyMealsInput = z.strictObject(NearbyFilters)
export const MealSummary = z.object({
  ...PlaceSummaryFields,
  dish: z.string(),
  priceFen: z.int(),
  dailyQuota: z.optional(z.int()),
})
export type MealSummary = z.infer<typeof MealSummary>
export const NearbyMealsOutput = z.object({ origin: GeoPoint, meals: z.array(MealSummary) })
export type NearbyMealsOutput = z.infer<typeof NearbyMealsOutput>

export const NearbyRoomsInput = z.strictObject({ ...NearbyFilters, availableOnly: z.optional(z.boolean()) })
export const RoomSummary = z.object({
  ...PlaceSummaryFields,
  unitType: z.string(),
  monthlyRentFen: z.int(),
  marketRentFen: z.int(),
  /** market − monthly rent, never negative. */
  savingFen: z.int(),
  unitsAvailable: z.int(),
  conditions: z.string(),
})
export type RoomSummary = z.infer<typeof RoomSummary>
export const NearbyRoomsOutput = z.object({ origin: GeoPoint, rooms: z.array(RoomSummary) })
export type NearbyRoomsOutput = z.infer<typeof NearbyRoomsOutput>

export const PLACE_KINDS = ['station', 'meal', 'room'] as const
export const PlaceKind = z.enum(PLACE_KINDS)
export type PlaceKind = z.infer<typeof PlaceKind>

export const ThemeView = z.object({
  id: Id,
  stationId: Id,
  stationName: z.string(),
  week: IsoWeek,
  /** Monday 00:00 China time of the week. */
  weekStart: z.int(),
  title: z.string(),
  description: z.string(),
  slots: z.array(ThemeSlotView),
  status: z.enum(THEME_STATUSES),
  updatedAt: z.int(),
})
export type ThemeView = z.infer<typeof ThemeView>

/** A place's list fields on its detail page: `distanceM` only when the caller sent a location, and the note. */
function detailFields<S extends { distanceM: z.core.$ZodType }>(fields: S) {
  const { distanceM: _listed, ...rest } = fields
  return { ...rest, distanceM: z.optional(z.int()), note: z.optional(z.string()) }
}

/** One place in full, for its detail page; `distanceM` when the caller sent a location. */
export const PlaceDetailInput = z.strictObject({ kind: PlaceKind, id: Id, location: z.optional(GeoPointInput) })
export const PlaceDetailOutput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('station'),
    station: z.object(detailFields(StationSummary.shape)),
    /** This week's published theme with its slots. */
    theme: z.nullable(ThemeView),
  }),
  z.object({
    kind: z.literal('meal'),
    meal: z.object(detailFields(MealSummary.shape)),
  }),
  z.object({
    kind: z.literal('room'),
    room: z.object(detailFields(RoomSummary.shape)),
  }),
])
export type PlaceDetailOutput = z.infer<typeof PlaceDetailOutput>

/** Secretary: publish (or save as draft) a station's theme for an ISO week (default: this week, China time). */
export const SaveThemeInput = z.strictObject({
  stationId: Id,
  week: z.optional(IsoWeek),
  title: Text(2, 30, '本周主题', { short: '请填写本周主题（2–30 个字）' }),
  description: MultilineText(0, 300, '主题说明'),
  slots: z.array(ThemeSlotInput).check(z.maxLength(21, '每周最多 21 个服务时段')),
  publish: z.boolean(),
})
export const SaveThemeOutput = z.object({ theme: ThemeView })
export const ThemeWeekInput = z.strictObject({ stationId: Id, week: z.optional(IsoWeek) })
export const WithdrawThemeOutput = z.object({ theme: ThemeView })
/** Copies the previous week's theme into `week` as a draft, slots moved on by seven days. */
export const CopyLastWeekThemeOutput = z.object({ theme: ThemeView })
/** A station's theme for a week: couriers see it only when published; its community's secretaries see drafts. */
export const GetThemeOutput = z.object({ theme: z.nullable(ThemeView) })
/** 月月换主题: the published themes of a month, for one station or a whole community (default: the caller's). */
export const MonthThemesInput = z.strictObject({
  month: z.optional(MonthText),
  stationId: z.optional(Id),
  communityId: z.optional(Id),
})
export const MonthThemesOutput = z.object({ month: MonthText, themes: z.array(ThemeView) })
export type MonthThemesOutput = z.infer<typeof MonthThemesOutput>

/** Secretary's management of the community's places, hidden ones included. */
export const ListManagedInput = z.strictObject({ communityId: Id, kind: PlaceKind })
export const ManagedPlace = z.object({
  kind: PlaceKind,
  id: Id,
  name: z.string(),
  address: z.string(),
  location: GeoPoint,
  hours: OpeningHours,
  phone: z.optional(z.string()),
  note: z.optional(z.string()),
  hidden: z.boolean(),
  amenities: z.optional(z.array(Amenity)),
  dish: z.optional(z.string()),
  priceFen: z.optional(z.int()),
  dailyQuota: z.optional(z.int()),
  unitType: z.optional(z.string()),
  monthlyRentFen: z.optional(z.int()),
  marketRentFen: z.optional(z.int()),
  unitsAvailable: z.optional(z.int()),
  conditions: z.optional(z.string()),
  updatedAt: z.int(),
})
export type ManagedPlace = z.infer<typeof ManagedPlace>
export const ListManagedOutput = z.object({ places: z.array(ManagedPlace) })

const PlaceInputFields = {
  communityId: Id,
  /** Absent: create. */
  id: z.optional(Id),
  name: Text(2, 40, '名称', { short: '请填写名称（2–40 个字）' }),
  address: Text(2, 80, '地址', { short: '请填写地址' }),
  location: GeoPointInput,
  hours: OpeningHoursInput,
  phone: z.optional(z.string().check(z.trim(), z.regex(/^[0-9-]{5,20}$/, '电话格式不正确'))),
  note: z.optional(MultilineText(0, 200, '备注')),
  hidden: z.optional(z.boolean()),
}
export const SaveStationInput = z.strictObject({
  ...PlaceInputFields,
  amenities: z.array(Amenity).check(z.maxLength(AMENITIES.length)),
})
export const SaveMealInput = z.strictObject({
  ...PlaceInputFields,
  dish: Text(2, 60, '菜品', { short: '请填写菜品（如：一荤两素）' }),
  priceFen: Fen,
  dailyQuota: z.optional(z.int().check(z.gte(1, '每日限量至少 1 份'), z.lte(10_000))),
})
export const SaveRoomInput = z
  .strictObject({
    ...PlaceInputFields,
    unitType: Text(1, 20, '房型'),
    monthlyRentFen: Fen,
    marketRentFen: Fen,
    unitsAvailable: z.int().check(z.gte(0, '空房数不能为负'), z.lte(10_000)),
    conditions: MultilineText(0, 200, '入住条件'),
  })
  .check(
    z.refine((r) => r.monthlyRentFen <= r.marketRentFen, {
      message: '优惠租金不能高于市场租金',
      path: ['monthlyRentFen'],
    }),
  )
export const SavePlaceOutput = z.object({ place: ManagedPlace })
export const SetRoomUnitsInput = z.strictObject({
  roomId: Id,
  unitsAvailable: z.int().check(z.gte(0, '空房数不能为负'), z.lte(10_000)),
})

export const servicesContract = defineFunction({
  nearbyStations: { input: NearbyStationsInput, output: NearbyStationsOutput },
  nearbyMeals: { input: NearbyMealsInput, output: NearbyMealsOutput },
  nearbyRooms: { input: NearbyRoomsInput, output: NearbyRoomsOutput },
  placeDetail: { input: PlaceDetailInput, output: PlaceDetailOutput },
  saveTheme: { input: SaveThemeInput, output: SaveThemeOutput },
  withdrawTheme: { input: ThemeWeekInput, output: WithdrawThemeOutput },
  copyLastWeekTheme: { input: ThemeWeekInput, output: CopyLastWeekThemeOutput },
  getTheme: { input: ThemeWeekInput, output: GetThemeOutput },
  monthThemes: { input: MonthThemesInput, output: MonthThemesOutput },
  listManaged: { input: ListManagedInput, output: ListManagedOutput },
  saveStation: { input: SaveStationInput, output: SavePlaceOutput },
  saveMeal: { input: SaveMealInput, output: SavePlaceOutput },
  saveRoom: { input: SaveRoomInput, output: SavePlaceOutput },
  setRoomUnits: { input: SetRoomUnitsInput, output: SavePlaceOutput },
})
