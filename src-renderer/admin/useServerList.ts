import { useEffect, useState } from 'react'
import type { AdminDirectory } from './useAdminDirectory'

/**
 * A list the server holds (monitoring sources, webhooks, a delivery log): read when the section
 * opens and again after each change made through `run`, which also keeps the section busy and
 * turns a failure into the sentence it shows. Server data, never kept on the desk.
 */
export function useServerList<T>(directory: AdminDirectory, load: () => Promise<T[]>) {
  const { call } = directory
  const [items, setItems] = useState<T[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [generation, setGeneration] = useState(0)

  useEffect(() => {
    let current = true
    void call(load, (message) => current && setError(message)).then((listed) => {
      if (current && listed) setItems(listed)
    })
    return () => {
      current = false
    }
  }, [call, load, generation])

  /** A change: its answer, or null once its failure is shown; the list is read again after it. */
  async function run<R>(work: () => Promise<R>): Promise<R | null> {
    setBusy(true)
    setError(null)
    const answer = await call(work, setError)
    setBusy(false)
    if (answer !== null) setGeneration((value) => value + 1)
    return answer
  }

  return { items, error, busy, run }
}
