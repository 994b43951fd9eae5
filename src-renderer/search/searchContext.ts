import { createContext, useContext } from 'react'
import type { SearchService } from './searchService'

export const SearchServiceContext = createContext<SearchService | null>(null)

/** The desk's search service; provided once by <SearchServiceProvider> around the desk shell. */
export function useSearchService(): SearchService {
  const service = useContext(SearchServiceContext)
  if (!service) throw new Error('useSearchService needs <SearchServiceProvider> above it.')
  return service
}
