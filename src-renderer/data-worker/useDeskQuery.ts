import { useEffect, useState } from 'react'
import { useDesk } from '../desk/deskContext'

/**
 * The answer of a data-worker request, asked again whenever the worker reports a write to one of
 * `tables` (the worker's DeskChange notices). What dexie-react-hooks' useLiveQuery did for reads
 * made in the page: a query answered in the worker reads nothing here for Dexie to observe.
 * Undefined until the first answer; `deps` are the request's inputs, as for useEffect.
 */
export function useDeskQuery<T>(request: () => Promise<T>, deps: readonly unknown[], tables: readonly string[]): T | undefined {
  const { changes } = useDesk()
  const [answer, setAnswer] = useState<{ value: T } | undefined>(undefined)
  const [changeCount, setChangeCount] = useState(0)
  const tableKey = tables.join()

  useEffect(
    () =>
      changes.listen((change) => {
        if (change.kind === 'store' && change.tables.some((table) => tableKey.split(',').includes(table))) setChangeCount((count) => count + 1)
      }),
    [changes, tableKey],
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
