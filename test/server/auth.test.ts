import { describe, expect, it } from 'vitest'
import type { SessionInfo } from '../../src-shared/sync/protocol'
import { TEST_PASSWORD } from '../../src-server/testing'
import { people } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

const HOUR = 60 * 60 * 1000

function login(server: ServerHarness, username: string, password: string, address = '10.0.0.7') {
  return server.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: address })
}

function me(server: ServerHarness, token: string) {
  return server.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })
}

describeServer('auth routes', (server) => {
  describe('POST /api/v1/auth/login', () => {
    it('should return a session with a bearer token and the account', async () => {
      const response = await login(server, 'grace', TEST_PASSWORD)
      expect(response.statusCode).toBe(200)
      const session = response.json<SessionInfo>()
      expect(session).toEqual({
        token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        expiresAt: new Date(server.clock.now.getTime() + 12 * HOUR).toISOString(),
        user: { userId: 'u-grace', username: 'grace', displayName: 'Grace Okafor', role: 'l1_agent', groupIds: [] },
      })
      expect((await me(server, session.token)).statusCode).toBe(200)
    })

    it('should take the username in any case', async () => {
      expect((await login(server, 'Grace', TEST_PASSWORD)).statusCode).toBe(200)
    })

    it('should store only a hash of the token', async () => {
      const { token } = (await login(server, 'grace', TEST_PASSWORD)).json<SessionInfo>()
      const stored = await server.database.query<{ token_hash: string }>('SELECT token_hash FROM sessions')
      expect(stored.some((row) => row.token_hash === token)).toBe(false)
      expect(stored.every((row) => /^[0-9a-f]{64}$/.test(row.token_hash))).toBe(true)
    })

    it('should return 401 with the same message for a wrong password and an unknown username', async () => {
      const wrong = await login(server, 'grace', 'not the password')
      const unknown = await login(server, 'nobody', 'not the password')
      const expected = { statusCode: 401, error: 'Unauthorized', message: 'Wrong username or password.', code: 'invalid_credentials' }
      expect(wrong.statusCode).toBe(401)
      expect(wrong.json()).toEqual(expected)
      expect(unknown.json()).toEqual(expected)
    })

    it('should return 400 if the username is missing', async () => {
      const response = await server.request({ method: 'POST', url: '/api/v1/auth/login', payload: { password: 'x' } })
      expect(response.statusCode).toBe(400)
      expect(response.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: "body must have required property 'username'", code: 'invalid_body' })
    })

    it('should return 400 if the password is longer than 200 characters', async () => {
      const response = await login(server, 'grace', 'x'.repeat(201))
      expect(response.json()).toMatchObject({ statusCode: 400, message: 'body/password must NOT have more than 200 characters' })
    })

    it('should return 403 for a disabled account, but only to someone who knows its password', async () => {
      await server.database.query(`UPDATE users SET disabled = true WHERE id = 'u-grace'`)
      expect((await login(server, 'grace', 'wrong password')).statusCode).toBe(401)
      const response = await login(server, 'grace', TEST_PASSWORD)
      expect(response.statusCode).toBe(403)
      expect(response.json()).toMatchObject({ message: 'This account is disabled; ask an admin.', code: 'account_disabled' })
    })

    it('should make a guesser wait after 5 failures from one address for one username, even with the right password, and say how long', async () => {
      for (let attempt = 0; attempt < 5; attempt++) expect((await login(server, 'grace', `guess ${attempt}`)).statusCode).toBe(401)
      const limited = await login(server, 'grace', TEST_PASSWORD)
      expect(limited.statusCode).toBe(429)
      expect(limited.headers['retry-after']).toBe('60')
      expect(limited.json()).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Too many failed sign-ins; try again in 1 minute.',
        code: 'rate_limited',
      })
      // The same person from another address, and another account, are not slowed by it.
      expect((await login(server, 'grace', TEST_PASSWORD, '10.0.0.8')).statusCode).toBe(200)
      expect((await login(server, 'dmitri', TEST_PASSWORD)).statusCode).toBe(200)
    })

    it('should grow the wait with each further failure: 1, 2, 4, 8 minutes, then 15 at most', async () => {
      for (let attempt = 0; attempt < 5; attempt++) await login(server, 'grace', `guess ${attempt}`)
      const waits: string[] = []
      for (let attempt = 0; attempt < 6; attempt++) {
        const refused = await login(server, 'grace', 'guess again')
        expect(refused.statusCode).toBe(429)
        waits.push(refused.headers['retry-after'] as string)
        server.clock.advance(Number(refused.headers['retry-after']) * 1000)
        expect((await login(server, 'grace', 'still guessing')).statusCode).toBe(401)
      }
      expect(waits).toEqual(['60', '120', '240', '480', '900', '900'])
    })

    it('should let the right password in once the wait is over, and forget the failures after it', async () => {
      for (let attempt = 0; attempt < 5; attempt++) await login(server, 'grace', `guess ${attempt}`)
      server.clock.advance(30 * 1000)
      expect((await login(server, 'grace', TEST_PASSWORD)).headers['retry-after']).toBe('30')
      server.clock.advance(30 * 1000)
      expect((await login(server, 'grace', TEST_PASSWORD)).statusCode).toBe(200)
      for (let attempt = 0; attempt < 5; attempt++) expect((await login(server, 'grace', `guess ${attempt}`)).statusCode).toBe(401)
    })

    it('should never let a stranger lock a person out: ninety failures elsewhere leave their sign-in from their usual address alone', async () => {
      expect((await login(server, 'grace', TEST_PASSWORD, '10.0.0.7')).statusCode).toBe(200)
      // A botnet guessing Grace's password from many addresses, and a sprayer at Grace's own office address.
      for (let attempt = 0; attempt < 60; attempt++) await login(server, 'grace', `guess ${attempt}`, `198.51.100.${attempt}`)
      for (let attempt = 0; attempt < 30; attempt++) await login(server, `user${attempt}`, 'guess', '10.0.0.7')
      expect((await login(server, 'grace', TEST_PASSWORD, '10.0.0.7')).statusCode).toBe(200)
    })

    it('should slow, not shut, an address that sprays many usernames: seconds that grow to a minute at most', async () => {
      for (let attempt = 0; attempt < 20; attempt++) await login(server, `user${attempt}`, 'guess', '192.0.2.1')
      const waits: number[] = []
      for (let attempt = 0; attempt < 9; attempt++) {
        const refused = await login(server, `other${attempt}`, 'guess', '192.0.2.1')
        expect(refused.statusCode).toBe(429)
        waits.push(Number(refused.headers['retry-after']))
        server.clock.advance(waits[waits.length - 1]! * 1000)
        expect((await login(server, `other${attempt}`, 'guess', '192.0.2.1')).statusCode).toBe(401)
      }
      expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60])
      // Another address is untouched; at this one, a person with the password gets in once the minute is over.
      expect((await login(server, 'grace', TEST_PASSWORD, '192.0.2.2')).statusCode).toBe(200)
      server.clock.advance(60 * 1000)
      expect((await login(server, 'dmitri', TEST_PASSWORD, '192.0.2.1')).statusCode).toBe(200)
    })

    it('should slow guesses at one username from many addresses it never signed in from', async () => {
      for (let attempt = 0; attempt < 20; attempt++) await login(server, 'grace', `guess ${attempt}`, `198.51.100.${attempt}`)
      expect((await login(server, 'grace', TEST_PASSWORD, '203.0.113.9')).statusCode).toBe(429)
      server.clock.advance(1000)
      expect((await login(server, 'grace', TEST_PASSWORD, '203.0.113.9')).statusCode).toBe(200)
    })

    it('should hold the limit across server instances, because it lives in the database', async () => {
      const other = server.secondInstance()
      for (let attempt = 0; attempt < 3; attempt++) await login(server, 'grace', `guess ${attempt}`)
      for (let attempt = 0; attempt < 2; attempt++) {
        await other.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'grace', password: 'guess' }, remoteAddress: '10.0.0.7' })
      }
      expect((await login(server, 'grace', TEST_PASSWORD)).statusCode).toBe(429)
    })

    it('should not let a burst of concurrent guesses slip past the limit', async () => {
      const responses = await Promise.all(Array.from({ length: 12 }, (_, attempt) => login(server, 'grace', `guess ${attempt}`)))
      const failures = responses.filter((response) => response.statusCode === 401).length
      expect(failures).toBeLessThanOrEqual(5)
      expect(responses.filter((response) => response.statusCode === 429).length).toBe(12 - failures)
    })

    it('should refuse a body over 4 KB before reading it, and check the schema before any walk over the text', async () => {
      const huge = await server.request({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'grace', password: 'x'.repeat(4 * 1024 * 1024) } })
      expect(huge.statusCode).toBe(413)
      expect(huge.json()).toMatchObject({ code: 'body_too_large' })
      // Deeply nested JSON within the limit: refused by the schema (unknown key), not walked.
      const nested = `{"username":"grace","password":"x","extra":${'['.repeat(1500)}${']'.repeat(1500)}}`
      const refused = await server.request({ method: 'POST', url: '/api/v1/auth/login', payload: nested, headers: { 'content-type': 'application/json' } })
      expect(refused.statusCode).toBe(400)
      expect(refused.json()).toMatchObject({ code: 'invalid_body' })
    })

    it('should answer /health at once while a stranger sends 4 MB sign-in bodies', async () => {
      const body = `{"username":"grace","password":"x","extra":${'['.repeat(500_000)}${']'.repeat(500_000)}}`
      const started = performance.now()
      const floods = Array.from({ length: 4 }, () => server.request({ method: 'POST', url: '/api/v1/auth/login', payload: body, headers: { 'content-type': 'application/json' } }))
      const health = await server.request({ method: 'GET', url: '/api/v1/health' })
      expect(health.statusCode).toBe(200)
      for (const flood of await Promise.all(floods)) expect(flood.statusCode).toBe(413)
      // Refusing 4 MB four times is a read and a count, not a parse: well under a second here (it took 8–11 s each).
      expect(performance.now() - started).toBeLessThan(2_000)
    })
  })

  describe('sessions: GET /api/v1/auth/me, POST /api/v1/auth/logout', () => {
    it('should return the signed-in account and when the session ends', async () => {
      const response = await me(server, server.tokens[people.priya.userId]!)
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual({
        user: { userId: 'u-priya', username: 'priya', displayName: 'Priya Raman', role: 'security_analyst', groupIds: [] },
        expiresAt: new Date(server.clock.now.getTime() + 12 * HOUR).toISOString(),
      })
    })

    it('should return 401 without a token', async () => {
      const response = await server.request({ method: 'GET', url: '/api/v1/auth/me' })
      expect(response.statusCode).toBe(401)
      expect(response.json()).toMatchObject({ message: 'Sign in first: this route needs a bearer token.', code: 'unauthorized' })
    })

    it('should return 401 for a token the server never issued or a malformed header', async () => {
      for (const header of [`Bearer ${'x'.repeat(43)}`, 'Bearer', 'Basic Z3JhY2U6cGFzcw==', `Bearer ${'é'.repeat(30)}`]) {
        const response = await server.request({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: header } })
        expect(response.statusCode).toBe(401)
        expect(response.json()).toMatchObject({ message: 'Your session has expired or was revoked; sign in again.', code: 'invalid_token' })
      }
    })

    it('should expire a session after 12 hours', async () => {
      const { token } = (await login(server, 'grace', TEST_PASSWORD)).json<SessionInfo>()
      server.clock.advance(12 * HOUR - 1)
      expect((await me(server, token)).statusCode).toBe(200)
      server.clock.advance(1)
      expect((await me(server, token)).statusCode).toBe(401)
    })

    it('should revoke the session on logout, and only that one', async () => {
      const first = (await login(server, 'grace', TEST_PASSWORD)).json<SessionInfo>().token
      const second = (await login(server, 'grace', TEST_PASSWORD)).json<SessionInfo>().token
      const response = await server.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${first}` } })
      expect(response.statusCode).toBe(204)
      expect((await me(server, first)).statusCode).toBe(401)
      expect((await me(server, second)).statusCode).toBe(200)
    })

    it('should refuse a disabled account on its existing sessions at once', async () => {
      await server.database.query(`UPDATE users SET disabled = true WHERE id = 'u-grace'`)
      expect((await me(server, server.tokens[people.grace.userId]!)).statusCode).toBe(401)
    })
  })

  describe('session length', () => {
    it('should let the operator configure how long a session lasts', async () => {
      const shortDays = server.secondInstance({ tokenTtlMs: 2 * HOUR })
      const response = await shortDays.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'grace', password: TEST_PASSWORD } })
      expect(response.json<SessionInfo>().expiresAt).toBe(new Date(server.clock.now.getTime() + 2 * HOUR).toISOString())
    })
  })
})
