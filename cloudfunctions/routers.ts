import type { FunctionName } from '../types'
import { accountRouter } from './account/router'
import { passRouter } from './pass/router'
import { pointsRouter } from './points/router'
import type { Router } from './shared/handler'
import { servicesRouter } from './services/router'

/** Every deployable function's router, by name: what the local cloud serves. */
export const ROUTERS: Record<FunctionName, Router> = {
  account: accountRouter,
  pass: passRouter,
  points: pointsRouter,
  services: servicesRouter,
}
