import { useEffect, useState } from 'react'
import type { DeskChange } from '../../src-shared/data/deskDataContract'
import { useDesk } from '../desk/deskContext'

export type StoreChange = Extract<DeskChange, { kind: 'store' }>

/**
 * The answer of a data-worker request, asked again whenever the worker reports a write the
 * answer depends on: one to any of `tables`, or one `dependsOn` says matters (the incidents a
 * write touched, say). What dexie-react-hooks' useLiveQuery did for reads made in the page: a
 * query answered in the worker reads nothing here for Dexie to observe. Undefined until the first
 * answer; `deps` are the request's inputs, as for useEffect, and `dependsOn` is read with them.
 */
export function useDeskQuery<T>(request: () => Promise<T>, deps: readonly unknown[], dependsOn: readonly string[] | ((change: StoreChange) => boolean)): T | undefined {
  const { changes } = useDesk()
  const [answer, setAnswer] = useState<{ value: T } | undefined>(undefined)
  const [changeCount, setChangeCount] = useState(0)
  const tableKey = Array.isArray(dependsOn) ? dependsOn.join() : null

  useEffect(
    () => {
      const tables = tableKey?.split(',') ?? []
      const matters = typeof dependsOn === 'function' ? dependsOn : (change: StoreChange) => change.tables.some((table) => tables.includes(table))
      return changes.listen((change) => {
        if (change.kind === 'store' && matters(change)) setChangeCount((count) => count + 1)
      })
    },
    // A predicate is rebuilt every render: it follows `deps` (what it reads), a table list its content.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [changes, tableKey, ...(tableKey === null ? deps : [])],
  )

  useEffect(() => {
    let current = true
    request().then(
      (value) => {
        if (current) setAnswer({ value })
      },
      (error: unknown) => console.error('A desk query failed:', error),
    )
    return () => {
      current = false
    }
    // The caller's deps stand for `request`, as with useLiveQuery.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, changeCount])

  return answer?.value
}
