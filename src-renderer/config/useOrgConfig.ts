import { useMemo } from 'react'
import { EMPTY_DIRECTORY, type Directory } from '../../src-shared/config/directory'
import type { DomainConfig } from '../../src-shared/config/domainConfig'
import { CONFIG_SECTIONS, DEFAULT_ORG_CONFIG, domainConfigOf, slaHistoryOf, type OrgConfig } from '../../src-shared/config/orgConfig'
import { useDeskQuery } from '../data-worker/useDeskQuery'
import { useDesk } from '../desk/deskContext'
import { DIRECTORY_KEY, orgConfigFromEntries, STANDALONE_CONFIG_KEY, type StandaloneConfig } from './orgConfigStore'

/** The organization's configuration as the page reads it, live (config/orgConfigStore.ts says where it comes from). */

/** The whole configuration, live; the defaults until the first read answers. */
export function useOrgConfig(): OrgConfig {
  const { data } = useDesk()
  const entries = useDeskQuery(() => data.configEntries(CONFIG_SECTIONS), [data], ['config'])
  return useMemo(
    () => (entries ? orgConfigFromEntries(entries) : DEFAULT_ORG_CONFIG),
    [entries],
  )
}

/** The people and groups the server last sent; empty on a standalone desk. */
export function useDirectory(): Directory {
  const entry = useStoredEntry(DIRECTORY_KEY)
  return (entry?.value as Directory | undefined) ?? EMPTY_DIRECTORY
}

/** What a standalone desk had set itself before joining, until the admin decides; null when nothing. */
export function useStandaloneConfig(): StandaloneConfig | null {
  const entry = useStoredEntry(STANDALONE_CONFIG_KEY)
  return (entry?.value as StandaloneConfig | undefined) ?? null
}

/** The rules the lifecycle and SLA clocks read (matrix, SLA policy, calendars, auto-close), as in force on this desk. */
export function useDomainConfig(): DomainConfig {
  const { data } = useDesk()
  const config = useOrgConfig()
  const changes = useDeskQuery(() => data.configChanges(), [data], ['configChanges'])
  return useMemo(() => domainConfigOf(config, changes ? slaHistoryOf(DEFAULT_ORG_CONFIG, changes) : []), [config, changes])
}

/** The entry stored under `key`, live; undefined while loading and when nothing was saved. */
function useStoredEntry(key: string): { value: unknown } | undefined {
  const { data } = useDesk()
  return useDeskQuery(() => data.configEntries([key]), [data, key], ['config'])?.[0]
}
