import { createContext, useContext } from 'react'
import type { SyncController } from './syncController'

export const SyncControllerContext = createContext<SyncController | null>(null)

export function useSyncController(): SyncController {
  const controller = useContext(SyncControllerContext)
  if (!controller) throw new Error('useSyncController needs <SyncControllerContext value={…}> above it.')
  return controller
}
