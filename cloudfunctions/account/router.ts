import { createRouter } from '../shared/handler'
import { listCommunities } from './list-communities'
import { me } from './me'
import { register } from './register'
import { review } from './review'
import { reviewQueue } from './review-queue'

/** account: who am I, courier registration and review, role grants. */
export const accountRouter = createRouter('account', { me, listCommunities, register, reviewQueue, review })
