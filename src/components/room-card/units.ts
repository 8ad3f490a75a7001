/** "空房 6 间" or "暂无空房" (the list's card and the room's page say it alike). */
export function unitsText(units: number): string {
  return units > 0 ? `空房 ${units} 间` : '暂无空房'
}
