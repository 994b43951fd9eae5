import { useMemo } from 'react'
import { useStoredConfig } from '../config/useConfig'
import { SAVED_VIEWS_KEY, savedViewsOf, type SavedQueueView } from '../store/savedViews'

/** Built-in views, then the ones saved on this desk, live; undefined until the first read answers. */
export function useSavedViews(): SavedQueueView[] | undefined {
  const stored = useStoredConfig(SAVED_VIEWS_KEY)
  return useMemo(() => (stored.loaded ? savedViewsOf(stored.value) : undefined), [stored.loaded, stored.value])
}
