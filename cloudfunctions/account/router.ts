import { createRouter } from '../shared/handler'
import { me } from './me'

/** account: who am I, courier registration and review, role grants. */
export const accountRouter = createRouter('account', { me })
