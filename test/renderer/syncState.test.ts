import { describe, expect, it } from 'vitest'
import { syncStateOf, type SyncStateInput } from '../../src-renderer/sync-status/syncState'

const base: SyncStateInput = {
  connection: 'signedIn',
  online: true,
  running: false,
  failingSince: null,
  unreachable: false,
  pending: 0,
  refused: 0,
  formatTime: (iso) => iso.slice(11, 16),
}

describe('the status bar leads with the state of sync, not of the network', () => {
  it('should say Standalone for a desk without a server, whatever the network', () => {
    expect(syncStateOf({ ...base, connection: 'standalone' })).toMatchObject({ tone: 'local', label: 'Standalone' })
    expect(syncStateOf({ ...base, connection: 'standalone', online: false }).label).toBe('Standalone')
  })

  it('should say Synced only when signed in with nothing waiting and no failure', () => {
    expect(syncStateOf(base)).toMatchObject({ tone: 'synced', label: 'Synced' })
    expect(syncStateOf({ ...base, pending: 2 })).toMatchObject({ label: 'Sync pending', detail: 'Signed in. 2 changes are saved here and waiting.' })
    expect(syncStateOf({ ...base, running: true }).label).toBe('Syncing')
  })

  it('should never say Synced while the server has refused changes still waiting in Outbox problems', () => {
    expect(syncStateOf({ ...base, refused: 1 })).toMatchObject({ tone: 'failing', label: '1 change refused' })
    expect(syncStateOf({ ...base, refused: 3, running: true }).label).toBe('3 changes refused')
  })

  it('should say Offline with the changes waiting when the device has no network', () => {
    expect(syncStateOf({ ...base, online: false, pending: 1 })).toMatchObject({
      tone: 'offline',
      label: 'Offline',
      detail: 'No network: everything is saved on this desk and syncs when the network is back. 1 change is saved here and waiting.',
    })
  })

  it('should say since when the server has been unreachable, or sync has failed for another reason', () => {
    const failing = { ...base, failingSince: '2026-11-25T09:42:00.000Z' }
    expect(syncStateOf({ ...failing, unreachable: true })).toMatchObject({ tone: 'failing', label: 'Server unreachable since 09:42' })
    expect(syncStateOf({ ...failing, unreachable: false })).toMatchObject({ tone: 'failing', label: 'Sync failing since 09:42' })
  })

  it('should say Not syncing for a desk that joined a server but is signed out', () => {
    expect(syncStateOf({ ...base, connection: 'signedOut', pending: 3 })).toMatchObject({ tone: 'signed_out', label: 'Not syncing', detail: 'Signed out: sign in to sync. 3 changes are saved here and waiting.' })
  })
})
