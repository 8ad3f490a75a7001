import type { Courier } from '../../../types'

/**
 * Who may be given points, one rule for every award (attendance and 随手拍): a courier whose record is approved
 * right now and not being deleted. A pending, rejected or suspended courier earns nothing, whoever confirms it.
 */
export function mayEarnPoints(courier: Pick<Courier, 'status' | 'erasingAs'> | null): boolean {
  return courier?.status === 'approved' && !courier.erasingAs
}

export const MAY_NOT_EARN_MESSAGE = '该小哥认证未通过或已暂停，不能记分'
