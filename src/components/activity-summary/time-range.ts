import { chinaIsoWeekday, formatChina } from '../../../types'

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日']

/** "11月23日 周一 18:00–21:00" in China time; an activity past midnight names its end day too. */
export function activityTimeText(startAt: number, endAt: number): string {
  const day = `${formatChina(startAt, 'M月D日')} 周${WEEKDAYS[chinaIsoWeekday(startAt) - 1]}`
  const sameDay = formatChina(startAt, 'YYYY-MM-DD') === formatChina(endAt, 'YYYY-MM-DD')
  const end = sameDay ? formatChina(endAt, 'HH:mm') : formatChina(endAt, 'M月D日 HH:mm')
  return `${day} ${formatChina(startAt, 'HH:mm')}–${end}`
}
