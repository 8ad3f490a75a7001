import { randomBytes } from 'node:crypto'
import type { Courier, User } from '../../types'
import type { AppStore } from '../../cloudfunctions/shared/store/collections'
import { TEST_NOW } from './clock'

/** Stores an approved courier of 阮家桥 under `id`, with the user record that makes them a courier. */
export async function putApprovedCourier(store: AppStore, id: string): Promise<void> {
  await putCourier(store, id)
}

/** Stores a courier under `id` (default: approved, of 阮家桥), with the user record that makes them a courier. */
export async function putCourier(
  store: AppStore,
  id: string,
  { communityId = 'ruanjiaqiao', status = 'approved' }: { communityId?: string; status?: Courier['status'] } = {},
): Promise<void> {
  const user: User = { _id: id, nickname: '骑手', roles: [{ role: 'courier' }], createdAt: TEST_NOW }
  const courier: Courier = {
    _id: id,
    name: '王大力',
    phone: '13900000000',
    platform: '美团',
    riderId: id,
    communityId,
    status,
    approvedAt: TEST_NOW,
    passId: randomBytes(6).toString('base64url'),
    movementConsentAt: TEST_NOW,
    createdAt: TEST_NOW,
    updatedAt: TEST_NOW,
  }
  await store.collection('users').put(user)
  await store.collection('couriers').put(courier)
}
