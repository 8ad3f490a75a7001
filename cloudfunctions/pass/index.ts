import { cloudbaseMain } from '../shared/cloudbase-main'
import { passRouter } from './router'

/** CloudBase entry: `exports.main(event, context)`. */
export const main = cloudbaseMain(passRouter)
