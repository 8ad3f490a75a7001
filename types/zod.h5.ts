/** The app's zod: zod/mini (see zod.ts). */
export { z } from 'zod/mini'
