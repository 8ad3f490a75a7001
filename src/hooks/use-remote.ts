import { useCallback, useEffect, useRef, useState } from 'react'
import { toCloudError, type CloudError } from '../services/cloud'

export type RemoteState<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: CloudError }

export interface Remote<T> {
  state: RemoteState<T>
  /** Loads again (the 重试 button); the state goes back to loading first. */
  reload: () => void
}

/**
 * Runs `load` once on mount and on `reload()`, keeping loading / ready / error apart. A reply that arrives after
 * a newer request started, or after unmount, is dropped, so a slow first answer never overwrites a retry.
 * With `enabled: false` nothing is loaded and the state stays loading (e.g. while redirecting away). A change of
 * `key` (e.g. a filter) loads again, like `reload()`.
 */
export function useRemote<T>(load: () => Promise<T>, options: { enabled?: boolean; key?: string } = {}): Remote<T> {
  const enabled = options.enabled ?? true
  const key = options.key ?? ''
  const [state, setState] = useState<RemoteState<T>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    if (!enabled) return undefined
    let current = true
    setState({ status: 'loading' })
    loadRef.current().then(
      (data) => current && setState({ status: 'ready', data }),
      (error: unknown) => current && setState({ status: 'error', error: toCloudError(error) }),
    )
    return () => {
      current = false
    }
  }, [attempt, enabled, key])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  return { state, reload }
}
