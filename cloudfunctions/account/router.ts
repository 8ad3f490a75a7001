import { createRouter } from '../shared/handler'
import { myCommunities, saveCommunity } from './communities'
import { replacePhoto, reviewPhoto } from './face-photo'
import { acceptInvitation, createInvitation, invitationInfo, listInvitations, revokeInvitation } from './invitations'
import { listCommunities } from './list-communities'
import { deleteMyAccount } from './erase'
import { me } from './me'
import { exportMyData, myData, setMovementConsent } from './my-data'
import { register } from './register'
import { review } from './review'
import { reviewQueue } from './review-queue'
import { listStaff, revokeStaff } from './staff'
import { staffTodo } from './staff-todo'

/** account: who am I, courier registration and review, communities, staff invitations and rosters, a person's own data. */
export const accountRouter = createRouter('account', {
  me,
  listCommunities,
  register,
  reviewQueue,
  review,
  replacePhoto,
  reviewPhoto,
  myCommunities,
  saveCommunity,
  createInvitation,
  listInvitations,
  revokeInvitation,
  invitationInfo,
  acceptInvitation,
  listStaff,
  revokeStaff,
  staffTodo,
  myData,
  exportMyData,
  setMovementConsent,
  deleteMyAccount,
})
