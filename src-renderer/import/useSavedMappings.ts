import { useConfig } from '../config/useConfig'
import { parseSaved, SAVED_MAPPINGS_KEY, type SavedMapping } from './savedMappings'

const NONE: SavedMapping[] = []

/** The column mappings saved on this desk, live. */
export function useSavedMappings(): SavedMapping[] {
  return useConfig(SAVED_MAPPINGS_KEY, NONE, parseSaved)
}
