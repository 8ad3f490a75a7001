import {
  CHINA_BOUNDS,
  fenToYuan,
  SaveMealInput,
  SaveRoomInput,
  SaveStationInput,
  yuanToFen,
  type Amenity,
  type ManagedPlace,
  type PlaceKind,
} from '../../../../types'
import type { SavePlaceRequest } from '../../../services/manage-places'
import { BLANK_WINDOW, checkHours, hoursFormOf, type HoursForm } from './hours-model'

/** A place form as typed: coordinates, money and counts as text, hours as windows. */
export interface PlaceForm {
  name: string
  address: string
  lat: string
  lng: string
  hours: HoursForm
  phone: string
  note: string
  hidden: boolean
  amenities: Amenity[]
  dish: string
  price: string
  quota: string
  unitType: string
  rent: string
  marketRent: string
  units: string
  conditions: string
}

export type PlaceField = Exclude<keyof PlaceForm, 'hidden'>
export type PlaceErrors = Partial<Record<PlaceField, string>>
export const FIELD_ORDER: PlaceField[] = [
  'name',
  'address',
  'lat',
  'lng',
  'hours',
  'amenities',
  'dish',
  'price',
  'quota',
  'unitType',
  'rent',
  'marketRent',
  'units',
  'conditions',
  'phone',
  'note',
]

export function blankPlaceForm(): PlaceForm {
  return {
    name: '',
    address: '',
    lat: '',
    lng: '',
    hours: { always: false, windows: [{ ...BLANK_WINDOW }] },
    phone: '',
    note: '',
    hidden: false,
    amenities: [],
    dish: '',
    price: '',
    quota: '',
    unitType: '',
    rent: '',
    marketRent: '',
    units: '0',
    conditions: '',
  }
}

export function formOfPlace(place: ManagedPlace): PlaceForm {
  const money = (fen: number | undefined) => (fen === undefined ? '' : fenToYuan(fen))
  return {
    name: place.name,
    address: place.address,
    lat: String(place.location.lat),
    lng: String(place.location.lng),
    hours: hoursFormOf(place.hours),
    phone: place.phone ?? '',
    note: place.note ?? '',
    hidden: place.hidden,
    amenities: place.amenities ?? [],
    dish: place.dish ?? '',
    price: money(place.priceFen),
    quota: place.dailyQuota === undefined ? '' : String(place.dailyQuota),
    unitType: place.unitType ?? '',
    rent: money(place.monthlyRentFen),
    marketRent: money(place.marketRentFen),
    units: String(place.unitsAvailable ?? 0),
    conditions: place.conditions ?? '',
  }
}

const DECIMAL = /^\s*\d{1,3}(?:\.\d{1,8})?\s*$/
const WHOLE = /^\s*\d{1,6}\s*$/

/** The contract's paths, as the fields that show their messages. */
const FIELD_OF: Record<string, PlaceField> = {
  priceFen: 'price',
  dailyQuota: 'quota',
  monthlyRentFen: 'rent',
  marketRentFen: 'marketRent',
  unitsAvailable: 'units',
}

/**
 * Checks the form as the cloud will (SaveStationInput, SaveMealInput, SaveRoomInput), after reading what only
 * the form knows how to read: coordinates, yuan and counts as text, and the hours. Either the request to send or
 * a Chinese message per field.
 */
export function checkPlaceForm(
  kind: PlaceKind,
  form: PlaceForm,
  target: { communityId: string; id?: string },
): { ok: true; request: SavePlaceRequest } | { ok: false; errors: PlaceErrors } {
  const errors: PlaceErrors = {}
  const coordinate = (text: string, field: 'lat' | 'lng', min: number, max: number, name: string, example: string) => {
    if (!DECIMAL.test(text)) errors[field] = `请填写${name}（小数），如 ${example}`
    else if (Number(text) < min || Number(text) > max) errors[field] = `${name}须在 ${min}–${max} 之间（中国境内）`
    return Number(text)
  }
  const lat = coordinate(form.lat, 'lat', CHINA_BOUNDS.minLat, CHINA_BOUNDS.maxLat, '纬度', '30.3036')
  const lng = coordinate(form.lng, 'lng', CHINA_BOUNDS.minLng, CHINA_BOUNDS.maxLng, '经度', '120.1113')
  const hours = checkHours(form.hours)
  if (!hours.ok) errors.hours = hours.message
  const yuan = (text: string, field: 'price' | 'rent' | 'marketRent', what: string) => {
    const fen = yuanToFen(text)
    if (fen === null) errors[field] = `请填写${what}（元，最多两位小数），如 ${field === 'price' ? '9.9' : '1200'}`
    return fen ?? -1
  }
  const whole = (text: string, field: 'quota' | 'units', message: string) => {
    if (!WHOLE.test(text)) errors[field] = message
    return Number(text)
  }

  const common = {
    communityId: target.communityId,
    ...(target.id ? { id: target.id } : {}),
    name: form.name,
    address: form.address,
    location: { lat, lng },
    hours: hours.ok ? hours.hours : { kind: 'always' as const },
    ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
    ...(form.note.trim() ? { note: form.note } : {}),
    hidden: form.hidden,
  }
  const parsed = parseKind(kind, form, common, { yuan, whole })
  for (const issue of parsed.issues) {
    const key = String(issue.path[0] ?? '')
    const field: PlaceField | null =
      key === 'location'
        ? issue.path[1] === 'lng'
          ? 'lng'
          : 'lat'
        : (FIELD_OF[key] ?? (FIELD_ORDER.includes(key as PlaceField) ? (key as PlaceField) : null))
    if (field && !errors[field]) errors[field] = issue.message
  }
  if (Object.keys(errors).length > 0 || !parsed.request) return { ok: false, errors }
  return { ok: true, request: parsed.request }
}

interface Readers {
  yuan: (text: string, field: 'price' | 'rent' | 'marketRent', what: string) => number
  whole: (text: string, field: 'quota' | 'units', message: string) => number
}

type Issues = ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>

/** The kind's own fields on top of the shared ones, through the kind's contract schema. */
function parseKind(
  kind: PlaceKind,
  form: PlaceForm,
  common: object,
  { yuan, whole }: Readers,
): { request: SavePlaceRequest | null; issues: Issues } {
  if (kind === 'station') {
    const p = SaveStationInput.safeParse({ ...common, amenities: form.amenities })
    return p.success ? { request: { kind, input: p.data }, issues: [] } : { request: null, issues: p.error.issues }
  }
  if (kind === 'meal') {
    const quota = form.quota.trim() ? whole(form.quota, 'quota', '每日限量请填整数（份），不限量请留空') : undefined
    const p = SaveMealInput.safeParse({
      ...common,
      dish: form.dish,
      priceFen: yuan(form.price, 'price', '价格'),
      ...(quota === undefined ? {} : { dailyQuota: quota }),
    })
    return p.success ? { request: { kind, input: p.data }, issues: [] } : { request: null, issues: p.error.issues }
  }
  const p = SaveRoomInput.safeParse({
    ...common,
    unitType: form.unitType,
    monthlyRentFen: yuan(form.rent, 'rent', '优惠月租'),
    marketRentFen: yuan(form.marketRent, 'marketRent', '市场月租'),
    unitsAvailable: whole(form.units, 'units', '空房数请填整数（间）'),
    conditions: form.conditions,
  })
  return p.success ? { request: { kind, input: p.data }, issues: [] } : { request: null, issues: p.error.issues }
}

export function firstError(errors: PlaceErrors): string | undefined {
  for (const field of FIELD_ORDER) if (errors[field]) return errors[field]
  return undefined
}
