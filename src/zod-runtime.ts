import { z } from '../types/zod'
import '../types/zod-setup'

// WeChat's JS runtime forbids `new Function`, which zod's JIT uses: validate without it in the app.
z.config({ jitless: true })
