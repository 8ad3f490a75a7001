import { cloudbaseMain } from '../shared/cloudbase-main'
import { servicesRouter } from './router'

/** CloudBase entry: `exports.main(event, context)`. */
export const main = cloudbaseMain(servicesRouter)
