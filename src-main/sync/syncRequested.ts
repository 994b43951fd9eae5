import type { WebContents } from 'electron'
import { SYNC_REQUESTED_CHANNEL, type SyncRequest } from '../../src-shared/ipc/contract'

/**
 * Tells the renderer to run a sync round, on the one channel the preload forwards as
 * `onSyncRequested`. False when there is no live page to tell (no window yet, or closing).
 */
export function sendSyncRequested(target: Pick<WebContents, 'send' | 'isDestroyed'> | undefined, request: SyncRequest): boolean {
  if (!target || target.isDestroyed()) return false
  target.send(SYNC_REQUESTED_CHANNEL, { trigger: request.trigger })
  return true
}
