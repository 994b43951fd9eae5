import { useEffect, useState, type ReactNode } from 'react'
import { useDesk } from '../desk/deskContext'
import { SearchServiceContext } from './searchContext'
import { createSearchService } from './searchService'

/**
 * Creates the desk's search service and starts its background build once the shell has
 * rendered: the desk is usable at once, and search fills in over the next seconds.
 * An effect because the index follows the store (outside React) for the life of the desk.
 */
export function SearchServiceProvider({ children }: { children: ReactNode }) {
  const { db, session } = useDesk()
  const [service] = useState(() => createSearchService(db, session))
  useEffect(() => {
    service.start()
    return () => service.stop()
  }, [service])
  return <SearchServiceContext value={service}>{children}</SearchServiceContext>
}
