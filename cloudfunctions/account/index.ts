import { cloudbaseMain } from '../shared/cloudbase-main'
import { accountRouter } from './router'

/** CloudBase entry: `exports.main(event, context)`. */
export const main = cloudbaseMain(accountRouter)
