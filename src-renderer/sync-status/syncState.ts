import type { Connection } from '../ui/uiStore'

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
  const waiting = input.pending === 0 ? '' : ` ${input.pending} ${input.pending === 1 ? 'change is' : 'changes are'} saved here and waiting.`
  if (input.connection === 'standalone') {
    return { tone: 'local', label: 'Standalone', detail: 'No sync server: everything stays on this desk until it joins one.' }
  }
  if (input.connection === 'signedOut') {
    return { tone: 'signed_out', label: 'Not syncing', detail: `Signed out: sign in to sync.${waiting}` }
  }
  if (!input.online) {
    return { tone: 'offline', label: 'Offline', detail: `No network: everything is saved on this desk and syncs when the network is back.${waiting}` }
  }
  if (input.failingSince) {
    const since = input.formatTime(input.failingSince)
    return input.unreachable
      ? { tone: 'failing', label: `Server unreachable since ${since}`, detail: `The sync server has not answered since ${since}; the desk keeps trying.${waiting}` }
      : { tone: 'failing', label: `Sync failing since ${since}`, detail: `Sync has failed since ${since}; the desk keeps trying.${waiting}` }
  }
  if (input.refused > 0) {
    const count = `${input.refused} ${input.refused === 1 ? 'change' : 'changes'}`
    return { tone: 'failing', label: `${count} refused`, detail: `The sync server refused ${count} made on this desk; see Outbox problems to retry or discard.` }
  }
  if (input.running) return { tone: 'syncing', label: 'Syncing', detail: 'Sending and receiving changes now.' }
  if (input.pending > 0) return { tone: 'syncing', label: 'Sync pending', detail: `Signed in.${waiting}` }
  return { tone: 'synced', label: 'Synced', detail: 'Every change on this desk is on the sync server.' }
}
