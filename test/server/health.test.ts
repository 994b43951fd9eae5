import type { FastifyInstance } from 'fastify'
import { expect, it } from 'vitest'
import { buildServer } from '../../src-server/app'
import type { Database } from '../../src-server/db/database'
import { EVENT_SCHEMA_VERSION } from '../../src-shared/events/events'
import { describeServer } from './harness'

describeServer('GET /api/v1/health', (server) => {
  /** A server started on the test database, which then stops answering every query with `message`. */
  async function serverWhoseDatabaseGoesAway(message: string): Promise<FastifyInstance> {
    let down = false
    const failing = <T>(work: () => Promise<T>) => (down ? Promise.reject(new Error(message)) : work())
    const database: Database = {
      kind: server.database.kind,
      query: (sql, params) => failing(() => server.database.query(sql, params)),
      transaction: (work, options) => failing(() => server.database.transaction(work, options)),
      close: async () => {},
    }
    const app = buildServer({ database })
    await app.ready()
    down = true
    return app
  }

  it('should return 200 with the event schema version the server speaks', async () => {
    const response = await server.request({ method: 'GET', url: '/api/v1/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok', eventSchemaVersion: EVENT_SCHEMA_VERSION })
  })

  it('should return a JSON 404 for an unknown route', async () => {
    const response = await server.request({ method: 'GET', url: '/api/v1/nothing-here?x=1' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'Route GET /api/v1/nothing-here not found', code: 'route_not_found' })
  })

  it('should return 503 when the database stops answering, so a load balancer takes the instance out', async () => {
    const app = await serverWhoseDatabaseGoesAway('connect ECONNREFUSED 127.0.0.1:5432')
    const response = await app.inject({ method: 'GET', url: '/api/v1/health' })
    expect(response.statusCode).toBe(503)
    expect(response.headers['retry-after']).toBe('5')
    expect(response.json()).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable; try again shortly.', code: 'database_unavailable' })
    await app.close()
  })

  it('should answer every route 503 with Retry-After, never 500, while the database is down', async () => {
    const app = await serverWhoseDatabaseGoesAway('Connection terminated unexpectedly')
    const requests = [
      { method: 'POST' as const, url: '/api/v1/auth/login', payload: { username: 'grace', password: 'a password' } },
      { method: 'GET' as const, url: '/api/v1/sync/pull', headers: { authorization: `Bearer ${server.tokens['u-grace']}` } },
      { method: 'POST' as const, url: '/api/v1/sync/push', headers: { authorization: `Bearer ${server.tokens['u-grace']}` }, payload: { deviceId: 'd', events: [] } },
      { method: 'GET' as const, url: '/api/v1/auth/me', headers: { authorization: `Bearer ${server.tokens['u-grace']}` } },
    ]
    for (const request of requests) {
      const response = await app.inject(request)
      expect(response.statusCode, `${request.method} ${request.url}`).toBe(503)
      expect(response.headers['retry-after']).toBe('5')
      expect(response.json()).toMatchObject({ code: 'database_unavailable' })
    }
    await app.close()
  })

  it('should answer 500 "Internal Server Error" without internals when a route fails unexpectedly', async () => {
    let down = false
    const database: Database = {
      kind: server.database.kind,
      // Broken for the route's query only: the database itself still answers.
      query: (sql, params) => (down && sql !== 'SELECT 1' ? Promise.reject(new Error('relation "users" does not exist')) : server.database.query(sql, params)),
      transaction: (work, options) => server.database.transaction(work, options),
      close: async () => {},
    }
    const app = buildServer({ database })
    await app.ready()
    down = true
    const response = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${'a'.repeat(43)}` } })
    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error', code: 'internal' })
    await app.close()
  })
})
