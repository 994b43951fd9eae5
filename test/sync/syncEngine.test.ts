import { describe, expect, it } from 'vitest'
import { SyncTransportError, type SyncTransport } from '../../src-renderer/sync/transport'
import { people, reports } from '../fixtures/incidents'
import { logIncident, openDesk, synced } from './deskHarness'
import { FakeSyncServer } from './fakeServer'

describe('a sync round', () => {
  it('never rejects: an ended session, a broken transport and a closed database each come back as a typed failure', async () => {
    const server = new FakeSyncServer()
    const inner = server.transportFor(people.grace)
    let answer: 'normal' | 'unauthorized' | 'bug' = 'normal'
    const transport: SyncTransport = {
      ...inner,
      push: async (request) => {
        if (answer === 'unauthorized') throw new SyncTransportError({ kind: 'unauthorized', status: 401, message: 'The session has ended; sign in again.' })
        // A transport handing over a plain object the way IPC does, or a plain bug.
        if (answer === 'bug') throw new TypeError("Cannot read properties of undefined (reading 'results')")
        return inner.push(request)
      },
    }
    const grace = await openDesk('grace', people.grace, transport)
    await logIncident(grace, reports.printerJams)

    answer = 'unauthorized'
    expect(await grace.engine.syncOnce()).toMatchObject({
      ok: false,
      failure: { kind: 'unauthorized', phase: 'push', status: 401, message: 'The session has ended; sign in again.' },
    })
    answer = 'bug'
    expect(await grace.engine.syncOnce()).toMatchObject({
      ok: false,
      failure: { kind: 'server', phase: 'push', message: expect.stringContaining("reading 'results'") },
    })
    answer = 'normal'
    await synced(grace)
    grace.close()
    expect(await grace.engine.syncOnce()).toMatchObject({ ok: false, failure: { kind: 'storage', phase: 'join' } })
    expect(await grace.engine.loadIncidentHistory('01950000-0000-7000-8000-000000000000')).toMatchObject({ ok: false })
  })

  it('takes an error handed over as plain data across IPC as the transport error it was', async () => {
    const server = new FakeSyncServer()
    const inner = server.transportFor(people.grace)
    const grace = await openDesk('grace', people.grace, {
      ...inner,
      pull: () => Promise.reject({ kind: 'timeout', message: 'The sync server did not answer within 30 s.' }),
    })
    expect(await grace.engine.syncOnce()).toMatchObject({
      ok: false,
      failure: { kind: 'offline', phase: 'pull', message: 'The sync server did not answer within 30 s.' },
    })
  })

  it('joins a round already running instead of starting a second one', async () => {
    const server = new FakeSyncServer()
    const grace = await openDesk('grace', people.grace, server.transportFor(people.grace))
    await logIncident(grace, reports.vpnDrops)
    const [first, second] = await Promise.all([grace.engine.syncOnce(), grace.engine.syncOnce()])
    expect(second).toBe(first)
    expect(first.pushed.accepted).toBe(1)
    expect(server.events()).toHaveLength(2)
  })

  it('reports where the desk stands', async () => {
    const server = new FakeSyncServer()
    const grace = await openDesk('grace', people.grace, server.transportFor(people.grace))
    await logIncident(grace, reports.vpnDrops)
    expect(await grace.engine.syncState()).toEqual({ numbering: 'provisional', cursor: null, lastSyncedAt: null, pending: 1, refused: 0 })
    await synced(grace)
    expect(await grace.engine.syncState()).toEqual({
      numbering: 'provisional',
      cursor: '2',
      lastSyncedAt: expect.stringMatching(/^2025-03-03T/),
      pending: 0,
      refused: 0,
    })
  })
})
