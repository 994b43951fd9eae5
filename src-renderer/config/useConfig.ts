import { useMemo } from 'react'
import { useDeskQuery } from '../data-worker/useDeskQuery'
import { useDesk } from '../desk/deskContext'
import type { ConfigKey } from './configStore'

/** What is stored under `key`: `loaded` is false until the first read answered. */
export interface StoredConfig {
  loaded: boolean
  value: unknown
}

/** The raw stored value, live: an admin's save shows on every open form at once. */
export function useStoredConfig(key: ConfigKey): StoredConfig {
  const { data } = useDesk()
  const entries = useDeskQuery(() => data.configEntries([key]), [data, key], ['config'])
  return entries ? { loaded: true, value: entries[0]?.value } : { loaded: false, value: undefined }
}

/**
 * The configuration under `key`, or `fallback` while it loads, when nothing was ever saved, and
 * when `parse` rejects what is stored (written by a newer version, say): a desk that cannot read
 * its configuration still logs incidents with the defaults.
 */
export function useConfig<T>(key: ConfigKey, fallback: T, parse?: (value: unknown) => T | undefined): T {
  const stored = useStoredConfig(key)
  // Parsed once per stored value (and parser): a new object every render would make every
  // memo and effect that depends on the configuration run again each time.
  return useMemo(() => {
    if (stored.value === undefined) return fallback
    if (!parse) return stored.value as T
    return parse(stored.value) ?? fallback
  }, [stored.value, fallback, parse])
}
