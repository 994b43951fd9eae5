import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Incident } from '../../src-shared/incident/incident'
import { migrate } from '../../src-server/db/migrations'
import { openPostgres } from '../../src-server/db/postgres'
import type { Database } from '../../src-server/db/database'
import { createSource } from '../../src-server/intake/sources'
import { findPostgresBin, POSTGRES_MISSING, startPostgres, type TestPostgres } from '../support/postgres'
import { startServerProcess, stopServerProcess, type ServerProcess } from '../support/serverProcess'

/**
 * Alerts across a server killed with SIGKILL mid-load, on a durable PostgreSQL: the server as it
 * runs (its own process), monitoring senders that retry what was not answered, as Alertmanager
 * does. Nothing answered may be lost; nothing retried may be doubled.
 */

const ALERTS = 300
const SENDERS = 12
const KILL_AFTER_ANSWERS = 90

interface Answer {
  incidentId: string
  number: string
  outcome: string
}

describe.skipIf(!findPostgresBin())('intake: a server killed mid-load', () => {
  let postgres: TestPostgres
  let database: Database
  let server: ServerProcess | null = null

  beforeAll(async () => {
    postgres = (await startPostgres({ durable: true }))!
    database = openPostgres(postgres.databaseUrl)
    await migrate(database)
  }, 120_000)

  afterAll(async () => {
    if (server) await stopServerProcess(server.child)
    await database?.close()
    await postgres?.stop()
  }, 60_000)

  it('loses no answered alert and doubles no retried one across kill -9', async () => {
    const { key } = await createSource(database, { id: 'prometheus', name: 'Prometheus' }, { userId: 'u-admin', displayName: 'Admin', role: 'admin' }, new Date())
    server = await startServerProcess(postgres.databaseUrl)
    const port = server.port
    let current: ServerProcess | null = server
    const answers = new Map<number, Answer>()
    let retries = 0

    // Each alert: a distinct key and its own eventId, retried until answered (network error or 5xx).
    const send = async (index: number): Promise<void> => {
      for (;;) {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/api/v1/intake/alerts/prometheus`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
            body: JSON.stringify({ action: 'trigger', dedupKey: `check-${index}`, summary: `Check ${index} failing`, severity: 'warning', eventId: `delivery-${index}` }),
          })
          if (response.status === 202) {
            answers.set(index, (await response.json()) as Answer)
            return
          }
          expect(response.status, await response.text()).toBeGreaterThanOrEqual(500)
        } catch {
          // Connection refused or reset: the server is down; try again shortly.
        }
        retries += 1
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    }
    let next = 0
    const sender = async () => {
      while (next < ALERTS) await send(next++)
    }
    const killer = (async () => {
      while (answers.size < KILL_AFTER_ANSWERS) await new Promise((resolve) => setTimeout(resolve, 5))
      await stopServerProcess(current!.child, 'SIGKILL')
      current = null
      // A new process on the same port, as a supervisor would restart it.
      server = await startServerProcess(postgres.databaseUrl, { port })
      current = server
    })()
    await Promise.all([...Array.from({ length: SENDERS }, sender), killer])

    expect(answers.size).toBe(ALERTS)
    expect(retries).toBeGreaterThan(0)
    const rows = await database.query<{ body: Incident }>('SELECT body FROM incidents')
    // None lost: every alert has its incident, the one its answer named.
    expect(rows).toHaveLength(ALERTS)
    const byKey = new Map(rows.map((row) => [row.body.alert!.dedupKey, row.body]))
    for (const [index, answer] of answers) {
      const incident = byKey.get(`check-${index}`)
      expect(incident?.id, `check-${index}`).toBe(answer.incidentId)
      // None doubled: a delivery retried after its commit counts once.
      expect(incident!.alert!.occurrences, `check-${index}`).toBe(1)
    }
    const [keys] = await database.query<{ count: unknown }>('SELECT count(*) AS count FROM alert_keys')
    expect(Number(keys!.count)).toBe(ALERTS)
  }, 180_000)
})

if (!findPostgresBin()) it.skip(POSTGRES_MISSING, () => {})
