import { cloudbaseMain } from '../shared/cloudbase-main'
import { pointsRouter } from './router'

/** CloudBase entry: `exports.main(event, context)`. */
export const main = cloudbaseMain(pointsRouter)
