/**
 * Adversarial input: whatever a broken or hostile client sends, the server answers a clear 4xx
 * JSON error (or, inside a well-formed push, refuses the bad events one by one), stores nothing
 * it should not, and keeps answering. Guards against 500s on bad input, half-written pushes,
 * and parsers or validators that blow up on size or depth.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { IncidentEvent } from '../../src-shared/events/events'
import { SYNC_LIMITS, type ApiError, type PushResponse } from '../../src-shared/sync/protocol'
import { createDesk, people, reports } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

const RUNS = 30

function expectApiError(response: { statusCode: number; json: () => unknown }, label: string): void {
  expect(response.statusCode, label).toBeGreaterThanOrEqual(400)
  expect(response.statusCode, label).toBeLessThan(500)
  const body = response.json() as ApiError
  expect(body.statusCode).toBe(response.statusCode)
  expect(typeof body.error).toBe('string')
  expect(typeof body.message).toBe('string')
}

async function expectStillServing(server: ServerHarness): Promise<void> {
  const health = await server.request({ method: 'GET', url: '/api/v1/health' })
  expect(health.statusCode).toBe(200)
}

function rawPush(server: ServerHarness, body: string, contentType = 'application/json') {
  return server.request({ method: 'POST', url: '/api/v1/sync/push', as: people.grace, payload: body, headers: { 'content-type': contentType } })
}

function validEvent(): IncidentEvent {
  const desk = createDesk()
  desk.log(reports.printerJams, people.grace)
  return desk.events[0]!
}

describeServer('bad input', (server) => {
  describe('POST /api/v1/sync/push', () => {
    it('should answer any JSON body that is not a push request with a 4xx JSON error and store nothing', async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (value) => {
          const response = await rawPush(server, JSON.stringify(value))
          if (response.statusCode === 200) {
            // Only a well-formed request gets here; its malformed events are refused one by one.
            for (const result of response.json<PushResponse>().results) expect(result.status).toBe('refused')
          } else expectApiError(response, JSON.stringify(value).slice(0, 200))
        }),
        { numRuns: RUNS },
      )
      expect(await server.eventCount()).toBe(0)
      await expectStillServing(server)
    })

    it('should refuse fields of the wrong type without converting them', async () => {
      const notText = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.dictionary(fc.string(), fc.string()))
      const notList = fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.dictionary(fc.string(), fc.integer()))
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.record({ deviceId: notText, events: fc.constant([validEvent()]) }), fc.record({ deviceId: fc.constant('desk-1'), events: notList })), async (body) => {
          const response = await rawPush(server, JSON.stringify(body))
          expectApiError(response, JSON.stringify(body))
          // A "__proto__" key (fast-check's dictionaries can draw one) is refused first, under its own code.
          const code = /"__proto__"\s*:/.test(JSON.stringify(body)) ? 'forbidden_key' : 'invalid_body'
          expect(response.json()).toMatchObject({ statusCode: 400, code })
        }),
        { numRuns: RUNS },
      )
      expect(await server.eventCount()).toBe(0)
    })

    it('should refuse each malformed event in a well-formed push with invalid_event, whatever it holds', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 20 }), async (events) => {
          const body = JSON.stringify({ deviceId: 'desk-fuzz', events })
          const response = await rawPush(server, body)
          if (response.statusCode === 400) {
            // The one case refused whole: prototype-poisoning keys, refused before anything reads them.
            expect(response.json()).toMatchObject({ code: 'forbidden_key' })
            expect(body).toMatch(/__proto__|constructor/)
            return
          }
          expect(response.statusCode).toBe(200)
          const { results } = response.json<PushResponse>()
          expect(results.map((result) => [result.index, result.status === 'refused' && result.code])).toEqual(events.map((_, index) => [index, 'invalid_event']))
        }),
        { numRuns: RUNS },
      )
      expect(await server.eventCount()).toBe(0)
    })

    it('should refuse a valid event with one field replaced by a value of another type, and keep the log as it was', async () => {
      const event = validEvent()
      const paths = [
        ['id'],
        ['incidentId'],
        ['type'],
        ['hlc'],
        ['occurredAt'],
        ['schemaVersion'],
        ['actor', 'userId'],
        ['actor', 'role'],
        ['payload', 'shortDescription'],
        ['payload', 'caller'],
        ['payload', 'impact'],
        ['payload', 'channel'],
      ]
      const wrong = fc.oneof(fc.integer({ min: 10 }), fc.boolean(), fc.array(fc.integer(), { minLength: 1 }), fc.dictionary(fc.string({ minLength: 1 }), fc.integer(), { minKeys: 1 }))
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...paths), wrong, async (path, value) => {
          const mutated = structuredClone(event) as unknown as Record<string, Record<string, unknown>>
          if (path.length === 1) (mutated as Record<string, unknown>)[path[0]!] = value
          else mutated[path[0]!]![path[1]!] = value
          const response = await rawPush(server, JSON.stringify({ deviceId: 'desk-fuzz', events: [mutated] }))
          if (response.statusCode === 400) expect(response.json()).toMatchObject({ code: 'forbidden_key' })
          else expect(response.json<PushResponse>().results[0]).toMatchObject({ status: 'refused', code: 'invalid_event' })
        }),
        { numRuns: RUNS },
      )
      expect(await server.eventCount()).toBe(0)
    })

    it('should refuse oversized text with the limit in the message', async () => {
      const event = validEvent()
      const huge = { ...event, payload: { ...event.payload, description: 'x'.repeat(10_001) } }
      const { results } = await server.push(people.grace, [huge])
      expect(results[0]).toMatchObject({ status: 'refused', code: 'invalid_event', reason: 'payload.description: Description is too long (at most 10000 characters).' })
      const unknownField = { ...event, payload: { ...event.payload, attachment: 'x'.repeat(1_000_000) } }
      expect((await server.push(people.grace, [unknownField])).results[0]).toMatchObject({ status: 'refused', code: 'invalid_event' })
      expect(await server.eventCount()).toBe(0)
    })

    it('should refuse deeply nested payloads and 10,000-element arrays inside an event', async () => {
      const event = validEvent()
      // Written as text: the test client's own JSON.stringify would overflow on this depth.
      const deep = `${'{"deeper":'.repeat(20_000)}"bottom"${'}'.repeat(20_000)}`
      const nested = JSON.stringify({ ...event, payload: { ...event.payload, caller: '<deep>' } }).replace('"<deep>"', deep)
      const wide = { ...event, payload: { ...event.payload, caller: { name: 'Ben', contact: Array.from({ length: 10_000 }, (_, index) => index) } } }
      const response = await rawPush(server, `{"deviceId":"desk-1","events":[${nested},${JSON.stringify(wide)}]}`)
      expect(response.statusCode).toBe(200)
      const { results } = response.json<PushResponse>()
      expect(results.map((result) => result.status === 'refused' && result.code)).toEqual(['invalid_event', 'invalid_event'])
      expect(await server.eventCount()).toBe(0)
    })

    it('should return 400 for a body nested 100,000 levels deep', async () => {
      const body = `{"deviceId":"d","events":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`
      const response = await rawPush(server, body)
      // Parsed (V8's JSON parser does not recurse), then the one event is refused as malformed.
      expect(response.statusCode).toBe(200)
      expect(response.json<PushResponse>().results[0]).toMatchObject({ status: 'refused', code: 'invalid_event' })
      const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`
      expectApiError(await rawPush(server, deepObject), 'deep object')
      await expectStillServing(server)
    })

    it('should return 400 for 10,000 events in one push', async () => {
      const response = await rawPush(server, JSON.stringify({ deviceId: 'd', events: Array.from({ length: 10_000 }, (_, index) => ({ index })) }))
      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({ message: `body/events must NOT have more than ${SYNC_LIMITS.maxEventsPerPush} items`, code: 'invalid_body' })
      expect(await server.eventCount()).toBe(0)
    })

    it('should return 413 for a body over the limit, before parsing it', async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 64 * 1024 }), async (extra) => {
          const response = await rawPush(server, `{"deviceId":"d","events":["${'x'.repeat(SYNC_LIMITS.maxBodyBytes + extra)}"]}`)
          expect(response.statusCode).toBe(413)
          expect(response.json()).toEqual({ statusCode: 413, error: 'Payload Too Large', message: 'Request body is too large', code: 'body_too_large' })
        }),
        { numRuns: 3 },
      )
      await expectStillServing(server)
    })

    it('should answer bodies in other content types, or not JSON at all, with a 4xx', async () => {
      const contentTypes = ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/json']
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...contentTypes), fc.string({ minLength: 1, maxLength: 200 }), async (contentType, body) => {
          const response = await rawPush(server, body, contentType)
          if (response.statusCode === 200) expect(contentType).toBe('application/json')
          else expectApiError(response, `${contentType} ${body}`)
        }),
        { numRuns: RUNS },
      )
      const unsupported = await rawPush(server, '<push/>', 'application/xml')
      expect(unsupported.json()).toEqual({ statusCode: 415, error: 'Unsupported Media Type', message: 'Unsupported Media Type', code: 'unsupported_media_type' })
      const poisoned = await rawPush(server, '{"deviceId": "d", "events": [{"__proto__": {"isAdmin": true}}]}')
      expect(poisoned.json()).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'The body holds a __proto__ or constructor.prototype key, which is refused.',
        code: 'forbidden_key',
      })
      const broken = await rawPush(server, '{"deviceId": "d", "events": [')
      expect(broken.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: "Body is not valid JSON but content-type is set to 'application/json'", code: 'invalid_json' })
      expect(await server.eventCount()).toBe(0)
      await expectStillServing(server)
    })

    it('should refuse text the database cannot store (NUL, lone surrogates) anywhere in an event', async () => {
      const event = validEvent()
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('\u0000', '\ud800', '\udfff', 'a\ud83d'), fc.constantFrom('shortDescription', 'description', 'location'), async (bad, field) => {
          const { results } = await server.push(people.grace, [{ ...event, payload: { ...event.payload, [field]: `text ${bad} here` } }])
          expect(results[0]).toMatchObject({ status: 'refused', code: 'invalid_event' })
        }),
        { numRuns: 12 },
      )
      expect(await server.eventCount()).toBe(0)
      await expectStillServing(server)
    })
  })

  describe('the other routes', () => {
    it('should answer random sign-in bodies with a 4xx JSON error', async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (value) => {
          const response = await server.request({ method: 'POST', url: '/api/v1/auth/login', payload: JSON.stringify(value), headers: { 'content-type': 'application/json' } })
          expectApiError(response, JSON.stringify(value).slice(0, 200))
        }),
        { numRuns: RUNS },
      )
    })

    it('should answer random account bodies from an admin with a 4xx JSON error and create nobody', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.record({ username: fc.string(), displayName: fc.string(), role: fc.string() })), async (value) => {
          const response = await server.request({ method: 'POST', url: '/api/v1/admin/users', as: people.alex, payload: JSON.stringify(value), headers: { 'content-type': 'application/json' } })
          expectApiError(response, JSON.stringify(value).slice(0, 200))
        }),
        { numRuns: RUNS },
      )
      const users = await server.database.query('SELECT id FROM users')
      expect(users).toHaveLength(7)
    })

    it('should answer random query strings on pull and snapshot with 200 or a 4xx JSON error', async () => {
      const value = fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constant('99999999999999999999'))
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('pull', 'snapshot'), fc.dictionary(fc.constantFrom('after', 'limit', 'cursor', ''), value, { maxKeys: 3 }), async (route, query) => {
          const response = await server.request({ method: 'GET', url: `/api/v1/sync/${route}?${new URLSearchParams(query)}`, as: people.grace })
          if (response.statusCode !== 200) expectApiError(response, `${route} ${JSON.stringify(query)}`)
        }),
        { numRuns: RUNS },
      )
      await expectStillServing(server)
    })
  })
})
