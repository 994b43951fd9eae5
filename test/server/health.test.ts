import { afterAll, describe, expect, it } from 'vitest'
import { buildServer } from '../../src-server/app'
import { EVENT_SCHEMA_VERSION } from '../../src-shared/events/events'

describe('GET /api/v1/health', () => {
  const app = buildServer()
  afterAll(() => app.close())

  it('should return 200 with the event schema version the server speaks', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok', eventSchemaVersion: EVENT_SCHEMA_VERSION })
  })

  it('should return a JSON 404 for an unknown route', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ statusCode: 404, error: 'Not Found' })
  })
})
