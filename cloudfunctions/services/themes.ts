import { chinaMonthKey, chinaMonthRange, type Station, type WeeklyTheme } from '../../types'
import { AppError } from '../shared/errors'
import type { Context, Handler } from '../shared/handler'
import { scopedDoc } from '../shared/scope'
import { MAX_LIMIT, StoreError } from '../shared/store/port'
import {
  checkSlots,
  overlaps,
  previousWeek,
  resolveWeek,
  shiftSlots,
  themeId,
  weekNotEditable,
  WEEK_MS,
  type WeekSpan,
} from './domain/themes'
import { visibleTo } from './place-detail'
import { themeView } from './views'

/** The station the rule's scope loaded: its secretaries (or an admin) edit its themes. */
function managedStation(ctx: Context): Station {
  return scopedDoc(ctx.scope, 'stations')
}

function weekFor(week: string | undefined, now: number): WeekSpan {
  const span = resolveWeek(week, now)
  if (!span) throw new AppError('BAD_REQUEST', `没有这个周次：${week ?? ''}`)
  return span
}

function requireEditable(span: WeekSpan, now: number): void {
  const problem = weekNotEditable(span, now)
  if (problem) throw new AppError('INVALID_STATE', problem)
}

async function themeOf(ctx: Context, stationId: string, week: string): Promise<WeeklyTheme | null> {
  return ctx.store.collection('themes').get(themeId(stationId, week))
}

/**
 * Publishes (or saves as a draft) a station's theme for an ISO week, default this week in China time: one
 * theme per station and week, so saving again replaces it. Slots must fall inside the week.
 */
export const saveTheme: Handler<'services', 'saveTheme'> = async ({ ctx, input }) => {
  const station = managedStation(ctx)
  const now = ctx.clock.now()
  const span = weekFor(input.week, now)
  requireEditable(span, now)
  const slots = checkSlots(input.slots, span)
  if (!slots.ok) throw new AppError('BAD_REQUEST', slots.message)
  const themes = ctx.store.collection('themes')
  const id = themeId(station._id, span.week)
  const existing = await themes.get(id)
  const theme: WeeklyTheme = {
    _id: id,
    stationId: station._id,
    communityId: station.communityId,
    week: span.week,
    weekStart: span.start,
    weekEnd: span.end,
    title: input.title,
    description: input.description,
    slots: slots.value,
    status: input.publish ? 'published' : 'draft',
    updatedBy: ctx.caller.openid,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  }
  await themes.put(theme)
  return { theme: themeView(theme, station.name) }
}

/** Takes a week's theme back (published or draft): couriers no longer see it. */
export const withdrawTheme: Handler<'services', 'withdrawTheme'> = async ({ ctx, input }) => {
  const station = managedStation(ctx)
  const now = ctx.clock.now()
  const span = weekFor(input.week, now)
  const theme = await themeOf(ctx, station._id, span.week)
  if (!theme) throw new AppError('NOT_FOUND', `该驿站 ${span.week} 没有主题`)
  if (theme.status === 'withdrawn') throw new AppError('INVALID_STATE', '这个主题已经撤回了')
  const changed = await ctx.store
    .collection('themes')
    .update(
      theme._id,
      { set: { status: 'withdrawn', updatedBy: ctx.caller.openid, updatedAt: now } },
      { status: theme.status },
    )
  if (!changed) throw new AppError('CONFLICT')
  const withdrawn: WeeklyTheme = { ...theme, status: 'withdrawn', updatedBy: ctx.caller.openid, updatedAt: now }
  return { theme: themeView(withdrawn, station.name) }
}

/**
 * Starts a week's theme (default this week) from the previous week's: same title, description and slots,
 * moved on seven days, saved as a draft to edit and publish. Refused when last week had no theme, or when the
 * week already has a published one (which this would overwrite).
 */
export const copyLastWeekTheme: Handler<'services', 'copyLastWeekTheme'> = async ({ ctx, input }) => {
  const station = managedStation(ctx)
  const now = ctx.clock.now()
  const span = weekFor(input.week, now)
  requireEditable(span, now)
  const last = previousWeek(span)
  const source = await themeOf(ctx, station._id, last.week)
  if (!source || source.status === 'withdrawn') {
    throw new AppError('NOT_FOUND', `上一周（${last.week}）没有主题可以复制，请直接新建`)
  }
  const published = () =>
    new AppError('INVALID_STATE', `${span.week} 的主题已经发布，不能用上周的覆盖；如需修改请直接编辑`)
  const themes = ctx.store.collection('themes')
  const id = themeId(station._id, span.week)
  const existing = await themes.get(id)
  if (existing?.status === 'published') throw published()
  const copy: WeeklyTheme = {
    _id: id,
    stationId: station._id,
    communityId: station.communityId,
    week: span.week,
    weekStart: span.start,
    weekEnd: span.end,
    title: source.title,
    description: source.description,
    slots: shiftSlots(source.slots, 1),
    status: 'draft',
    updatedBy: ctx.caller.openid,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  }
  if (existing) {
    // guarded: a theme published meanwhile is never overwritten by the copy
    const { _id, ...fields } = copy
    if (!(await themes.update(_id, { set: fields }, { status: { ne: 'published' } }))) {
      // not changed: published meanwhile, or the same copy made again a moment ago (nothing to change)
      const latest = await themes.get(_id)
      if (!latest) throw new AppError('CONFLICT')
      if (latest.status === 'published') throw published()
    }
  } else {
    try {
      await themes.insert(copy)
    } catch (error) {
      if (error instanceof StoreError && error.kind === 'DUPLICATE') throw new AppError('CONFLICT')
      throw error
    }
  }
  return { theme: themeView(copy, station.name) }
}

/** A station's theme for a week: couriers and visitors see it once published; its secretaries see every state. */
export const getTheme: Handler<'services', 'getTheme'> = async ({ ctx, input }) => {
  const station = scopedDoc(ctx.scope, 'stations')
  if (!visibleTo(ctx, station)) throw new AppError('NOT_FOUND', '没有这个驿站')
  const span = weekFor(input.week, ctx.clock.now())
  const theme = await themeOf(ctx, station._id, span.week)
  const staff = ctx.scope.as === 'staff'
  if (!theme || (!staff && theme.status !== 'published')) return { theme: null }
  return { theme: themeView(theme, station.name) }
}

/** The community a month view is for when none is named: the caller's courier community or secretary binding. */
async function ownCommunity(ctx: Context): Promise<string> {
  const courier = await ctx.store.collection('couriers').get(ctx.caller.openid)
  const own = courier?.communityId ?? ctx.caller.roles.find((r) => r.role === 'secretary' && r.communityId)?.communityId
  if (!own) throw new AppError('NOT_FOUND', '请先选择社区或驿站')
  return own
}

/**
 * 月月换主题: the published themes whose week overlaps a China-time month (default this month), for one
 * station or a whole community (default the caller's), by week and then station. Themes of hidden stations
 * are left out: this is the public calendar (secretaries edit drafts and hidden stations' themes week by week).
 */
export const monthThemes: Handler<'services', 'monthThemes'> = async ({ ctx, input }) => {
  const now = ctx.clock.now()
  const month = input.month ?? chinaMonthKey(now)
  const range = chinaMonthRange(month)
  if (!range) throw new AppError('BAD_REQUEST', `月份格式不正确：${month}`)
  const where: Record<string, string> = {}
  if (input.stationId) {
    const station = await ctx.store.collection('stations').get(input.stationId)
    if (!station || station.hidden) throw new AppError('NOT_FOUND', '没有这个驿站')
    where.stationId = station._id
    if (input.communityId && input.communityId !== station.communityId) return { month, themes: [] }
  } else {
    where.communityId = input.communityId ?? (await ownCommunity(ctx))
  }
  // A week overlaps the month iff it starts before the month ends and ends after it starts; bounding weekStart
  // on both sides keeps the (stationId|communityId, weekStart) index range to the month.
  const found = await ctx.store.collection('themes').find(
    {
      ...where,
      status: 'published',
      weekStart: { gt: range.start - WEEK_MS, lt: range.end },
      weekEnd: { gt: range.start },
    },
    { orderBy: [['weekStart', 'asc']], limit: MAX_LIMIT },
  )
  const themes = found.filter((t) => overlaps(t, range.start, range.end))
  const stationIds = [...new Set(themes.map((t) => t.stationId))]
  const stations = stationIds.length
    ? await ctx.store.collection('stations').find({ _id: { in: stationIds } }, { limit: stationIds.length })
    : []
  const byId = new Map(stations.filter((s) => !s.hidden).map((s) => [s._id, s]))
  const views = themes
    .filter((t) => byId.has(t.stationId))
    .map((t) => themeView(t, byId.get(t.stationId)?.name ?? ''))
    .sort(
      (a, b) =>
        a.weekStart - b.weekStart ||
        (a.stationName < b.stationName ? -1 : a.stationName > b.stationName ? 1 : 0) ||
        (a.id < b.id ? -1 : 1),
    )
  return { month, themes: views }
}
