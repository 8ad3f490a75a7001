import { useCallback, useEffect, useRef, useState } from 'react'
import { toCloudError, type CloudError } from '../services/cloud'

export interface Page<T, M> {
  items: T[]
  /** Whatever else the reply carries for the whole list (counts, today's figures). */
  meta: M
}

export type PagedState<T, M> =
  | { status: 'loading' }
  | { status: 'error'; error: CloudError }
  | {
      status: 'ready'
      items: T[]
      meta: M
      hasMore: boolean
      loadingMore: boolean
      /** Why the last 加载更多 failed; the items already shown stay. */
      moreError: string | null
    }

export interface Paged<T, M> {
  state: PagedState<T, M>
  /** Loads the first page again (after a change, or 重试). */
  reload: () => void
  /** Appends the next page (加载更多). */
  loadMore: () => void
}

export interface PagedOptions<T, M> {
  /** What is listed: a new key starts over from the first page; null loads nothing (not decided yet). */
  key: string | null
  pageSize: number
  /** One page, newest first; `before` is the cursor of the last item shown. */
  load: (before: number | undefined) => Promise<Page<T, M>>
  /** An item's position in the order (e.g. its time): the next page starts before it. */
  cursor: (item: T) => number
}

/**
 * A list loaded page by page with a `before` cursor. A reply that arrives after the key changed (or after a
 * reload) is dropped, so a slow answer for the previous filter never shows under the new one.
 */
export function usePaged<T, M>({ key, pageSize, load, cursor }: PagedOptions<T, M>): Paged<T, M> {
  const [state, setState] = useState<PagedState<T, M>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const generation = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load
  const cursorRef = useRef(cursor)
  cursorRef.current = cursor
  const stateRef = useRef(state)
  stateRef.current = state

  useEffect(() => {
    const mine = ++generation.current
    setState({ status: 'loading' })
    if (key === null) return undefined
    loadRef.current(undefined).then(
      (page) => {
        if (mine !== generation.current) return
        setState({
          status: 'ready',
          items: page.items,
          meta: page.meta,
          hasMore: page.items.length >= pageSize,
          loadingMore: false,
          moreError: null,
        })
      },
      (error: unknown) => {
        if (mine === generation.current) setState({ status: 'error', error: toCloudError(error) })
      },
    )
    // No cleanup: the next run (a new key, a reload) moves the generation on before it loads, which drops
    // this reply; after unmount a late reply's setState is ignored by React.
  }, [key, attempt, pageSize])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])

  const loadMore = useCallback(() => {
    const current = stateRef.current
    if (current.status !== 'ready' || !current.hasMore || current.loadingMore || current.items.length === 0) return
    const mine = generation.current
    const before = cursorRef.current(current.items[current.items.length - 1])
    setState({ ...current, loadingMore: true, moreError: null })
    loadRef.current(before).then(
      (page) => {
        if (mine !== generation.current) return
        setState((previous) =>
          previous.status === 'ready'
            ? {
                ...previous,
                items: [...previous.items, ...page.items],
                meta: page.meta,
                hasMore: page.items.length >= pageSize,
                loadingMore: false,
              }
            : previous,
        )
      },
      (error: unknown) => {
        if (mine !== generation.current) return
        const { message } = toCloudError(error)
        setState((previous) =>
          previous.status === 'ready' ? { ...previous, loadingMore: false, moreError: message } : previous,
        )
      },
    )
  }, [pageSize])

  return { state, reload, loadMore }
}
