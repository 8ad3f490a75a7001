import { chinaWeekStart, weekDates, chinaIsoWeekKey, type ThemeSlot, type WeeklyTheme } from '../types'
import { themeId, WEEK_MS } from '../cloudfunctions/services/domain/themes'

/**
 * Demo weekly service themes (周周有服务) for the two stations of 阮家桥社区, placed in the ISO week (China time)
 * the database is seeded in: both published for this week, and last week's at 哥哥驿站 for the month view and
 * for "copy last week". The services are those the sources name for 暖新驿站 (free clinics, e-bike repair);
 * dates and times are demo values.
 */
export function seedThemes(now: number): WeeklyTheme[] {
  const thisWeek = chinaWeekStart(now)
  const lastWeek = thisWeek - WEEK_MS
  const theme = (
    stationId: string,
    weekStart: number,
    title: string,
    description: string,
    slots: Array<[day: number, start: string, end: string, title: string]>,
  ): WeeklyTheme => {
    const week = chinaIsoWeekKey(weekStart)
    const dates = weekDates(weekStart)
    return {
      _id: themeId(stationId, week),
      stationId,
      communityId: 'ruanjiaqiao',
      week,
      weekStart,
      weekEnd: weekStart + WEEK_MS,
      title,
      description,
      slots: slots.map(([day, start, end, slotTitle]): ThemeSlot => ({
        date: dates[day - 1],
        start,
        end,
        title: slotTitle,
      })),
      status: 'published',
      updatedBy: 'demo-secretary',
      createdAt: weekStart - WEEK_MS,
      updatedAt: weekStart - WEEK_MS,
    }
  }
  return [
    theme('st-gege-yintai', thisWeek, '免费义诊周', '社区卫生服务站医生到驿站坐诊：量血压、测血糖，骑行劳损咨询。', [
      [3, '14:00', '17:00', '免费义诊：血压血糖检测'],
      [6, '09:00', '11:30', '骑行劳损与颈腰椎咨询'],
    ]),
    theme('st-xiangfu', thisWeek, '电动车安全检修', '师傅上门检查刹车、灯光和电瓶，小毛病当场免费修。', [
      [2, '15:00', '18:00', '刹车、灯光免费检查'],
      [5, '15:00', '18:00', '电瓶健康检测'],
    ]),
    theme('st-gege-yintai', lastWeek, '爱心理发', '志愿者理发师到驿站为小哥免费理发。', [
      [4, '14:00', '17:00', '免费理发'],
    ]),
  ]
}
