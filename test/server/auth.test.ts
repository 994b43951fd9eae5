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

    it('should return 429 with Retry-After after 5 failed sign-ins for one username, even with the right password', async () => {
      for (let attempt = 0; attempt < 5; attempt++) expect((await login(server, 'grace', `guess ${attempt}`)).statusCode).toBe(401)
      const limited = await login(server, 'grace', TEST_PASSWORD)
      expect(limited.statusCode).toBe(429)
      expect(limited.headers['retry-after']).toBe(String(15 * 60))
      expect(limited.json()).toEqual({
        statusCode: 429,
        error: 'Too Many Requests',
        message: 'Too many failed sign-ins; try again in 15 minutes.',
        code: 'rate_limited',
      })
      // Another account from another address is not affected.
      expect((await login(server, 'dmitri', TEST_PASSWORD, '10.0.0.8')).statusCode).toBe(200)
    })

    it('should let the username sign in again once the window has passed', async () => {
      for (let attempt = 0; attempt < 5; attempt++) await login(server, 'grace', `guess ${attempt}`)
      server.clock.advance(10 * 60 * 1000)
      const stillLimited = await login(server, 'grace', TEST_PASSWORD)
      expect(stillLimited.headers['retry-after']).toBe(String(5 * 60))
      server.clock.advance(5 * 60 * 1000 + 1)
      expect((await login(server, 'grace', TEST_PASSWORD)).statusCode).toBe(200)
    })

    it('should forget the failures of a username after a successful sign-in', async () => {
      for (let attempt = 0; attempt < 4; attempt++) await login(server, 'grace', `guess ${attempt}`)
      expect((await login(server, 'grace', TEST_PASSWORD)).statusCode).toBe(200)
      for (let attempt = 0; attempt < 4; attempt++) expect((await login(server, 'grace', `guess ${attempt}`)).statusCode).toBe(401)
    })

    it('should return 429 after 20 failures from one address, whatever the usernames', async () => {
      for (let attempt = 0; attempt < 20; attempt++) await login(server, `user${attempt}`, 'guess', '192.0.2.1')
      expect((await login(server, 'grace', TEST_PASSWORD, '192.0.2.1')).statusCode).toBe(429)
      expect((await login(server, 'grace', TEST_PASSWORD, '192.0.2.2')).statusCode).toBe(200)
    })

    it('should hold the limit across server instances, because it lives in the database', async () => {
      const other = server.secondInstance()
      for (let attempt = 0; attempt < 3; attempt++) await login(server, 'grace', `guess ${attempt}`)
      for (let attempt = 0; attempt < 2; attempt++) {
        await other.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'grace', password: 'guess' }, remoteAddress: '10.0.0.9' })
      }
      expect((await login(server, 'grace', TEST_PASSWORD)).statusCode).toBe(429)
    })

    it('should not let a burst of concurrent guesses slip past the limit', async () => {
      const responses = await Promise.all(Array.from({ length: 12 }, (_, attempt) => login(server, 'grace', `guess ${attempt}`)))
      const failures = responses.filter((response) => response.statusCode === 401).length
      expect(failures).toBeLessThanOrEqual(5)
      expect(responses.filter((response) => response.statusCode === 429).length).toBe(12 - failures)
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
