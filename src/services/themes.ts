import type { ActionInput, MonthThemesOutput, ThemeView } from '../../types'
import { call } from './cloud'

/*
 * Weekly service themes (本周主题, 月月换主题). Couriers read published ones; a secretary of the station's
 * community edits, publishes, withdraws and copies last week's. Weeks are ISO weeks in China time ("2026-W48").
 */

export type SaveThemeRequest = ActionInput<'services', 'saveTheme'>

/** A station's theme for a week (this week when absent): published only, unless the caller is its secretary. */
export async function getTheme(stationId: string, week?: string): Promise<ThemeView | null> {
  const out = await call('services', { action: 'getTheme', stationId, ...(week ? { week } : {}) })
  return out.theme
}

export async function saveTheme(input: SaveThemeRequest): Promise<ThemeView> {
  return (await call('services', { action: 'saveTheme', ...input })).theme
}

export async function withdrawTheme(stationId: string, week?: string): Promise<ThemeView> {
  return (await call('services', { action: 'withdrawTheme', stationId, ...(week ? { week } : {}) })).theme
}

/** Starts `week` from last week's theme, as a draft with its slots moved on seven days. */
export async function copyLastWeekTheme(stationId: string, week?: string): Promise<ThemeView> {
  return (await call('services', { action: 'copyLastWeekTheme', stationId, ...(week ? { week } : {}) })).theme
}

export interface MonthQuery {
  /** "2026-11"; this month (China time) when absent. */
  month?: string
  /** One station's themes; else the community's (the caller's own when absent). */
  stationId?: string
  communityId?: string
}

/** 月月换主题: the month's published themes, by week and then station. */
export function fetchMonthThemes(query: MonthQuery): Promise<MonthThemesOutput> {
  return call('services', {
    action: 'monthThemes',
    ...(query.month ? { month: query.month } : {}),
    ...(query.stationId ? { stationId: query.stationId } : {}),
    ...(query.communityId ? { communityId: query.communityId } : {}),
  })
}
