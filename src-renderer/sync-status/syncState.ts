import type { Connection } from '../ui/uiStore'
import { t } from '../i18n/activeLanguage'

/**
 * The one word the status bar leads with: the state of *sync*, which is what a person needs to
 * know before closing the laptop lid, not the state of the network. ("Online" beside "Standalone
 * desk · not syncing" read as if the desk were synced.)
 */
export type SyncStateTone = 'local' | 'synced' | 'syncing' | 'offline' | 'failing' | 'signed_out'

export interface SyncStateView {
  tone: SyncStateTone
  label: string
  /** The longer sentence, for the tooltip and assistive technology. */
  detail: string
}

export interface SyncStateInput {
  connection: Connection['status']
  /** navigator.onLine: false is certain (no network at all). */
  online: boolean
  running: boolean
  /** When the current run of failed rounds began; null while rounds succeed. */
  failingSince: string | null
  /** The last failure was "cannot reach the server" (network down, server gone, timeout). */
  unreachable: boolean
  /** Changes on this desk the server does not have yet. */
  pending: number
  /** Changes the server refused, waiting in Outbox problems for the user to retry or discard. */
  refused: number
  /** Formats `failingSince` for the label, in the user's locale. */
  formatTime: (iso: string) => string
}

export function syncStateOf(input: SyncStateInput): SyncStateView {
  const waiting = input.pending === 0 ? '' : t('sync.waiting', { count: input.pending })
  if (input.connection === 'standalone') {
    return { tone: 'local', label: t('sync.standalone'), detail: t('sync.standalone.detail') }
  }
  if (input.connection === 'signedOut') {
    return { tone: 'signed_out', label: t('sync.notSyncing'), detail: t('sync.signedOut.detail', { waiting }) }
  }
  if (!input.online) {
    return { tone: 'offline', label: t('sync.offline'), detail: t('sync.offline.detail', { waiting }) }
  }
  if (input.failingSince) {
    const since = input.formatTime(input.failingSince)
    return input.unreachable
      ? { tone: 'failing', label: t('sync.unreachable', { since }), detail: t('sync.unreachable.detail', { since, waiting }) }
      : { tone: 'failing', label: t('sync.failing', { since }), detail: t('sync.failing.detail', { since, waiting }) }
  }
  if (input.refused > 0) {
    const count = input.refused
    return { tone: 'failing', label: t('sync.refused', { count }), detail: t('sync.refused.detail', { count }) }
  }
  if (input.running) return { tone: 'syncing', label: t('sync.syncing'), detail: t('sync.syncing.detail') }
  if (input.pending > 0) return { tone: 'syncing', label: t('sync.pending'), detail: t('sync.pending.detail', { waiting }) }
  return { tone: 'synced', label: t('sync.synced'), detail: t('sync.synced.detail') }
}
