// Must stay the first import: zod must be jitless (WeChat forbids `new Function`) before any schema is built.
import './zod-runtime'
import type { PropsWithChildren } from 'react'
import './app.css'

function App({ children }: PropsWithChildren) {
  return children
}

export default App
