import { useCallback, useEffect, useState } from 'react'
import type { AdminGroup, AdminUser } from '../../src-shared/sync/httpClient'
import { usePlatform } from '../platform/platformContext'
import { describeSyncError } from '../session/describeSyncError'
import { useSyncController } from '../sync-status/syncControllerContext'
import { useConnection } from '../ui/uiHooks'

export interface AdminDirectory {
  users: AdminUser[] | null
  groups: AdminGroup[] | null
  /** Why the lists could not be loaded; null when they were. */
  loadError: string | null
  reload: () => void
  /**
   * Runs an admin call: resolves its answer, or null after turning its failure into a sentence
   * (`failed` receives it). A dead session signs the desk out, as a failed sync round would.
   */
  call: <T>(work: () => Promise<T>, failed: (message: string) => void) => Promise<T | null>
}

/**
 * Accounts and groups as the server has them now. Server data, not desk data: it is not synced
 * into IndexedDB, so this reads it fresh when the admin screen opens and after every change.
 */
export function useAdminDirectory(): AdminDirectory {
  const platform = usePlatform()
  const controller = useSyncController()
  const connection = useConnection()
  const serverUrl = connection.status === 'signedIn' ? connection.serverUrl : null
  const [users, setUsers] = useState<AdminUser[] | null>(null)
  const [groups, setGroups] = useState<AdminGroup[] | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [generation, setGeneration] = useState(0)

  const call = useCallback(
    async <T,>(work: () => Promise<T>, failed: (message: string) => void): Promise<T | null> => {
      try {
        return await work()
      } catch (error) {
        if (typeof error === 'object' && error !== null && (error as { kind?: unknown }).kind === 'unauthorized') controller.sessionLost()
        failed(describeSyncError(error, serverUrl))
        return null
      }
    },
    [controller, serverUrl],
  )

  useEffect(() => {
    let current = true
    void call(
      () => Promise.all([platform.admin.listUsers(), platform.admin.listGroups()]),
      (message) => current && setLoadError(message),
    ).then((answer) => {
      if (!current || !answer) return
      const [loadedUsers, loadedGroups] = answer
      setUsers([...loadedUsers].sort((a, b) => a.displayName.localeCompare(b.displayName)))
      setGroups([...loadedGroups].sort((a, b) => a.level - b.level || a.name.localeCompare(b.name)))
      setLoadError(null)
    })
    return () => {
      current = false
    }
  }, [platform, call, generation])

  const reload = useCallback(() => setGeneration((value) => value + 1), [])
  return { users, groups, loadError, reload, call }
}
