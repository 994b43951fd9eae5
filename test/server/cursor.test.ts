/**
 * The pull cursor is gap-safe under concurrent writers (DESIGN §2 trap): with several pushes in
 * flight on several server instances, a desk that pulls while they commit never moves its
 * cursor past an event that commits later. Real PostgreSQL only: PGlite has one connection, so
 * its writers cannot interleave at all.
 */
import { expect, it } from 'vitest'
import type { IncidentEvent } from '../../src-shared/events/events'
import type { PullResponse, PushResponse } from '../../src-shared/sync/protocol'
import type { Database, Queryable } from '../../src-server/db/database'
import { createDesk, people, reports } from '../fixtures/incidents'
import { describeServer } from './harness'

/** A connection that stops at the first statement matching `pauseAt`, inside its transaction, until released. */
function pausing(inner: Database, pauseAt: RegExp) {
  let reached!: () => void
  let release!: () => void
  const paused = new Promise<void>((resolve) => (reached = resolve))
  const gate = new Promise<void>((resolve) => (release = resolve))
  let armed = true
  const database: Database = {
    ...inner,
    query: (sql, params) => inner.query(sql, params),
    // Options pass through: the append lock is taken with BEGIN (appender.ts).
    transaction: (work, options) => {
      const stalling = (tx: Queryable): Queryable => ({
        async query<Row extends object>(sql: string, params?: readonly unknown[]) {
          if (armed && pauseAt.test(sql)) {
            armed = false
            reached()
            await gate
          }
          return tx.query<Row>(sql, params)
        },
      })
      return inner.transaction((tx) => work(stalling(tx)), options)
    },
    close: () => inner.close(),
  }
  return { database, paused, release }
}

function logged(count: number, node: string): IncidentEvent[] {
  const desk = createDesk({ clock: { nowMs: Date.parse('2025-03-03T09:00:00Z'), node, last: null } })
  for (let index = 0; index < count; index++) desk.log(reports.printerJams, people.grace, { shortDescription: `Printer ${node} #${index}` })
  return desk.events
}

describeServer(
  'gap-safe pull cursor under concurrent pushes',
  (server) => {
    it('shows the trap is real: without serialization a later sequence value commits first', async () => {
      // Two plain transactions on two pooled connections, no server code: the phenomenon the design guards against.
      await server.database.query('CREATE TABLE IF NOT EXISTS gap_demo (seq bigserial PRIMARY KEY)')
      const slow = server.database
      let drawnBySlow = 0
      let release!: () => void
      const gate = new Promise<void>((resolve) => (release = resolve))
      const slowWriter = slow.transaction(async (tx) => {
        drawnBySlow = Number((await tx.query<{ seq: string }>("SELECT nextval('gap_demo_seq_seq') AS seq"))[0]!.seq)
        await gate
        await tx.query('INSERT INTO gap_demo (seq) VALUES ($1)', [drawnBySlow])
      })
      while (drawnBySlow === 0) await new Promise((resolve) => setTimeout(resolve, 5))
      await slow.transaction(async (tx) => {
        await tx.query('INSERT INTO gap_demo DEFAULT VALUES')
      })
      const seenBeforeSlowCommits = (await slow.query<{ seq: string }>('SELECT seq FROM gap_demo ORDER BY seq')).map((row) => Number(row.seq))
      release()
      await slowWriter
      // A reader at this moment sees seq n+1 but not n: a cursor moved to n+1 would skip n forever.
      expect(seenBeforeSlowCommits).toEqual([drawnBySlow + 1])
      await server.database.query('DROP TABLE gap_demo')
    })

    it('should make a push on another instance wait until the push that drew an earlier seq commits', async () => {
      // Instance A stalls with its seqs drawn and its events not yet written: the dangerous moment.
      const stalled = { control: undefined as ReturnType<typeof pausing> | undefined }
      const a = server.secondInstance({}, (database) => {
        stalled.control = pausing(database, /INSERT INTO events/)
        return stalled.control.database
      })
      const b = server.secondInstance()
      const push = (app: typeof a, events: IncidentEvent[]) =>
        app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { authorization: `Bearer ${server.tokens['u-grace']}` }, payload: { deviceId: 'desk', events } })
      const pull = async (app: typeof a, after = '0') =>
        (await app.inject({ method: 'GET', url: `/api/v1/sync/pull?after=${after}`, headers: { authorization: `Bearer ${server.tokens['u-grace']}` } })).json<PullResponse>()

      const first = push(a, logged(1, 'desk-a'))
      await stalled.control!.paused
      let secondDone = false
      const second = push(b, logged(1, 'desk-b')).then((response) => {
        secondDone = true
        return response
      })
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(secondDone).toBe(false)
      // Meanwhile a desk pulling sees nothing, and its cursor stays at 0: nothing has committed.
      expect(await pull(b)).toEqual({ events: [], cursor: '0', hasMore: false, revoked: [] })

      stalled.control!.release()
      const [firstSeq, secondSeq] = [(await first).json<PushResponse>().results[0], (await second).json<PushResponse>().results[0]]
      expect(firstSeq).toMatchObject({ status: 'accepted', seq: 1 })
      expect(secondSeq).toMatchObject({ status: 'accepted', seq: 3 })
      expect((await pull(a)).events.map((entry) => entry.seq)).toEqual([1, 2, 3, 4])
    })

    it('should never let a puller skip an event while two instances take concurrent pushes', async () => {
      const instances = [server.secondInstance(), server.secondInstance()]
      const headers = { authorization: `Bearer ${server.tokens['u-grace']}` }
      const PUSHERS = 8
      const PUSHES = 12
      const accepted = new Set<number>()
      let pushing = PUSHERS

      const pusher = async (id: number) => {
        const events = logged(PUSHES * 3, `desk-${id}`)
        try {
          for (let round = 0; round < PUSHES; round++) {
            const app = instances[(id + round) % 2]!
            const response = await app.inject({ method: 'POST', url: '/api/v1/sync/push', headers, payload: { deviceId: `desk-${id}`, events: events.slice(round * 3, round * 3 + 3) } })
            expect(response.statusCode, response.body).toBe(200)
            for (const result of response.json<PushResponse>().results) {
              expect(result.status).toBe('accepted')
              if (result.status === 'accepted') accepted.add(result.seq)
            }
          }
        } finally {
          // Even a failing pusher ends, so the puller stops and the test reports the failure.
          pushing -= 1
        }
      }

      const seen: number[] = []
      const puller = async () => {
        let cursor = '0'
        let pulls = 0
        for (;;) {
          const done = pushing === 0
          const page = (await instances[pulls++ % 2]!.inject({ method: 'GET', url: `/api/v1/sync/pull?after=${cursor}&limit=7`, headers })).json<PullResponse>()
          seen.push(...page.events.map((entry) => entry.seq))
          cursor = page.cursor
          if (done && !page.hasMore) return pulls
        }
      }

      const [pulls] = await Promise.all([puller(), ...Array.from({ length: PUSHERS }, (_, id) => pusher(id))])
      const everything = (await server.pullAll(people.alex)).map((entry) => entry.seq)
      expect(everything).toHaveLength(PUSHERS * PUSHES * 3 * 2)
      // The puller saw every event exactly once, in order, though it pulled while pushes committed.
      expect(seen).toEqual(everything)
      for (const seq of accepted) expect(everything).toContain(seq)
      expect(pulls).toBeGreaterThan(10)
    }, 60_000)
  },
  { backends: ['postgres'] },
)
