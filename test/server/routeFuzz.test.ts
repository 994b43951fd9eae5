/**
 * A bounded fuzz of every route: 10,000 requests drawn at random (seeded, so a failure replays)
 * over each route, as every role and as nobody, with bodies from well-formed-but-wrong to
 * garbage. The server must never answer 5xx, never store anything for a request it refused, and
 * never spend more than 200 ms of CPU on one request (the sign-in body walk took 8–11 s).
 *
 * PGlite only: the server code is the same on both backends and the PostgreSQL half adds nothing
 * a fuzz of the HTTP surface would find, at twice the time.
 */
import fc from 'fast-check'
import type { InjectOptions } from 'fastify'
import { expect, it } from 'vitest'
import { newId } from '../../src-shared/events/ids'
import { ROLES } from '../../src-shared/incident/roles'
import { sessionFor, TEST_PASSWORD } from '../../src-server/testing'
import { createDesk, incidentIn, people, personWithRole, reports } from '../fixtures/incidents'
import { describeServer } from './harness'

const REQUESTS = 10_000
const CPU_BUDGET_MS = 200

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** Every route, with the methods it answers and how to fill its parameters. */
const ROUTES: ReadonlyArray<{ method: Method; path: (id: string) => string; body: boolean }> = [
  { method: 'GET', path: () => '/api/v1/health', body: false },
  { method: 'POST', path: () => '/api/v1/auth/login', body: true },
  { method: 'POST', path: () => '/api/v1/auth/logout', body: false },
  { method: 'GET', path: () => '/api/v1/auth/me', body: false },
  { method: 'GET', path: () => '/api/v1/admin/users', body: false },
  { method: 'POST', path: () => '/api/v1/admin/users', body: true },
  { method: 'PATCH', path: (id) => `/api/v1/admin/users/${id}`, body: true },
  { method: 'POST', path: (id) => `/api/v1/admin/users/${id}/password`, body: true },
  { method: 'POST', path: (id) => `/api/v1/admin/users/${id}/revoke-sessions`, body: false },
  { method: 'GET', path: () => '/api/v1/admin/groups', body: false },
  { method: 'POST', path: () => '/api/v1/admin/groups', body: true },
  { method: 'POST', path: () => '/api/v1/sync/push', body: true },
  { method: 'GET', path: () => '/api/v1/sync/pull', body: false },
  { method: 'GET', path: () => '/api/v1/sync/snapshot', body: false },
  { method: 'GET', path: (id) => `/api/v1/sync/incidents/${id}/events`, body: false },
  { method: 'PUT', path: (id) => `/api/v1/attachments/${id}`, body: true },
  { method: 'GET', path: (id) => `/api/v1/attachments/${id}`, body: false },
  { method: 'DELETE', path: (id) => `/api/v1/sync/incidents/${id}/events`, body: false },
]

/** What the server holds that a refused request must not change (sign-in attempts are bookkeeping, not data). */
const FINGERPRINT_SQL = `SELECT
  (SELECT count(*) FROM events) AS events, (SELECT coalesce(max(seq), 0) FROM events) AS head,
  (SELECT count(*) FROM incidents) AS incidents, (SELECT max(updated_at)::text FROM incidents) AS incidents_changed,
  (SELECT count(*) FROM users) AS users, (SELECT max(updated_at)::text FROM users) AS users_changed,
  (SELECT string_agg(id || ':' || disabled::text || ':' || role || ':' || md5(password_hash), ',' ORDER BY id) FROM users) AS accounts,
  (SELECT count(*) FROM assignment_groups) AS groups, (SELECT count(*) FROM group_members) AS members,
  (SELECT count(*) FROM sessions WHERE revoked_at IS NULL) AS live_sessions,
  (SELECT count(*) FROM attachments) AS attachments, (SELECT count(*) FROM attachment_references) AS references`

describeServer(
  'a bounded fuzz of every route, every role and none',
  (server) => {
    it(`should answer ${REQUESTS.toLocaleString('en')} random requests without a 5xx, a change from a refused one, or ${CPU_BUDGET_MS} ms of CPU on one`, async () => {
      // Something to find: incidents of each kind, one of them a security incident.
      const desk = createDesk()
      incidentIn('in_progress', { desk, report: reports.printerJams })
      incidentIn('on_hold', { desk, report: reports.vpnDrops, assignee: people.dmitri })
      incidentIn('in_progress', { desk, report: reports.phishingClick, loggedBy: people.priya, assignee: people.priya })
      await server.pushAll(desk.events)
      const sampleEvent = desk.events[0]!

      const tokens = [null, 'not-a-token', `${'x'.repeat(43)}`, ...ROLES.map((role) => server.tokens[personWithRole(role).userId]!)]
      const ids = [newId(), desk.events[0]!.incidentId, 'u-nobody', 'a'.repeat(64), '..%2f..%2fetc%2fpasswd', '%00', 'é'.repeat(40)]
      const text = fc.string({ maxLength: 40, unit: 'binary' })
      const body = fc.oneof(
        fc.jsonValue({ maxDepth: 4 }),
        fc.record({ username: fc.oneof(text, fc.constant('grace')), password: fc.oneof(text, fc.constant(TEST_PASSWORD)) }),
        fc.record({ deviceId: text, events: fc.array(fc.oneof(fc.jsonValue({ maxDepth: 3 }), mutatedEvent(sampleEvent)), { maxLength: 5 }) }),
        fc.record({ username: text, displayName: text, role: fc.oneof(text, fc.constantFrom(...ROLES)), password: text }),
        fc.record({ name: text, level: fc.oneof(fc.integer(), text), security: fc.jsonValue() }),
        fc.constantFrom('{"a":', '[[[[[[[[[[', 'null', '"', '{"__proto__":{"admin":true}}', '\u0000'),
        fc.nat({ max: 2 }).map((depth) => `${'['.repeat(depth * 20_000)}${']'.repeat(depth * 20_000)}`),
      )
      const request = fc.record({
        route: fc.constantFrom(...ROUTES),
        id: fc.oneof(fc.constantFrom(...ids), text.map(encodeURIComponent)),
        token: fc.constantFrom(...tokens),
        body,
        contentType: fc.constantFrom('application/json', 'application/octet-stream', 'text/plain', 'application/json; charset=latin1'),
        query: fc.constantFrom('', '?after=0', '?after=-1', '?limit=100000', '?after=99999999999999999999', '?after=abc&limit=1', `?after=${'9'.repeat(30)}`),
      })

      const fingerprint = async () => JSON.stringify((await server.database.query(FINGERPRINT_SQL))[0])
      const statuses = new Map<number, number>()
      let slowest = { cpuMs: 0, what: '' }
      let before = await fingerprint()
      const samples = fc.sample(request, { numRuns: REQUESTS, seed: 20261205 })
      for (const sample of samples) {
        // Signing out ends the session it names: give it one of its own, so the roles keep theirs.
        if (sample.route.path('') === '/api/v1/auth/logout' && sample.token && tokens.indexOf(sample.token) >= 3) {
          const role = ROLES[tokens.indexOf(sample.token) - 3]!
          sample.token = await sessionFor(server.database, personWithRole(role).userId, { now: server.clock.now })
          before = await fingerprint()
        }
        const options: InjectOptions = {
          method: sample.route.method,
          url: `${sample.route.path(sample.id)}${sample.query}`,
          headers: { ...(sample.token ? { authorization: `Bearer ${sample.token}` } : {}), ...(sample.route.body ? { 'content-type': sample.contentType } : {}) },
          ...(sample.route.body ? { payload: typeof sample.body === 'string' ? sample.body : JSON.stringify(sample.body) } : {}),
          remoteAddress: '198.51.100.7',
        }
        const cpu = process.cpuUsage()
        const response = await server.app.inject(options)
        const used = process.cpuUsage(cpu)
        const cpuMs = (used.user + used.system) / 1000
        const what = `${options.method} ${options.url} → ${response.statusCode}`
        if (cpuMs > slowest.cpuMs) slowest = { cpuMs, what }
        statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1)
        expect(response.statusCode, `${what}: ${response.body.slice(0, 300)}`).toBeLessThan(500)
        const after = await fingerprint()
        if (response.statusCode >= 400) expect(after, `${what} changed stored data`).toBe(before)
        before = after
      }
      console.log(`Route fuzz: ${samples.length} requests, answers ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; most CPU ${slowest.cpuMs.toFixed(1)} ms (${slowest.what})`)
      expect(slowest.cpuMs, slowest.what).toBeLessThan(CPU_BUDGET_MS)
      // Not vacuous: the fuzz reached past authentication and validation into the handlers.
      expect(statuses.get(200) ?? 0).toBeGreaterThan(500)
      expect(statuses.get(400) ?? 0).toBeGreaterThan(500)
      expect(statuses.get(401) ?? 0).toBeGreaterThan(500)
      expect(statuses.get(403) ?? 0).toBeGreaterThan(50)
    }, 600_000)
  },
  { backends: ['pglite'] },
)

/** A real event with one field replaced by something random: the shape a careless or hostile desk sends. */
function mutatedEvent(event: object): fc.Arbitrary<unknown> {
  const keys = [...Object.keys(event), 'payload.text', 'actor.role', 'occurredAt']
  return fc.record({ key: fc.constantFrom(...keys), value: fc.jsonValue({ maxDepth: 2 }) }).map(({ key, value }) => {
    const copy = structuredClone(event) as Record<string, unknown>
    const [outer, inner] = key.split('.') as [string, string | undefined]
    if (inner && copy[outer] && typeof copy[outer] === 'object') (copy[outer] as Record<string, unknown>)[inner] = value
    else copy[outer] = value
    return copy
  })
}
