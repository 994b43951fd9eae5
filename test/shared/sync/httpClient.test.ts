/**
 * The sync protocol's HTTP client: the right requests, the token only where it belongs, every
 * failure turned into one of five kinds, and a server answer that does not fit the protocol
 * reported as a server error instead of reaching the sync engine.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  createAbortDeadlines,
  createSyncHttpClient,
  normalizeServerUrl,
  SyncHttpError,
  type DeadlineFactory,
  type FetchLike,
  type FetchRequestInit,
  type FetchResponseLike,
} from '../../../src-shared/sync/httpClient'
import type { PullResponse, PushResponse, SessionInfo } from '../../../src-shared/sync/protocol'

const SERVER = 'https://desk.example.com'
const TOKEN = 'tok_5f2c9a61d7e84b0f'

interface FakeSignal {
  aborted: boolean
}

interface Recorded {
  url: string
  init: FetchRequestInit<FakeSignal>
}

function response(status: number, body?: unknown, raw?: string): FetchResponseLike {
  const text = raw ?? (body === undefined ? '' : JSON.stringify(body))
  return {
    status,
    headers: { get: (name) => (name.toLowerCase() === 'content-type' && text ? 'application/json' : null) },
    json: async () => JSON.parse(text) as unknown,
    text: async () => text,
  }
}

/** A fetch that answers from a queue and records what it was sent. */
function fakeFetch(...answers: (FetchResponseLike | Error)[]) {
  const requests: Recorded[] = []
  const fetch: FetchLike<FakeSignal> = async (url, init) => {
    requests.push({ url, init })
    const answer = answers.shift()
    if (!answer) throw new Error('no answer queued')
    if (answer instanceof Error) throw answer
    return answer
  }
  return { fetch, requests }
}

/** Deadlines that never expire unless the test says so. */
function manualDeadlines() {
  const issued: { ms: number; cancelled: boolean; expired: boolean }[] = []
  const deadline: DeadlineFactory<FakeSignal> = (ms) => {
    const entry = { ms, cancelled: false, expired: false }
    issued.push(entry)
    return { signal: { aborted: false }, hasExpired: () => entry.expired, cancel: () => void (entry.cancelled = true) }
  }
  return { deadline, issued }
}

function client(fetch: FetchLike<FakeSignal>, options: { token?: string | null; deadline?: DeadlineFactory<FakeSignal> } = {}) {
  return createSyncHttpClient({
    baseUrl: `${SERVER}/`,
    fetch,
    getToken: () => (options.token === undefined ? TOKEN : options.token),
    deadline: options.deadline ?? manualDeadlines().deadline,
  })
}

async function failure(promise: Promise<unknown>): Promise<SyncHttpError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof SyncHttpError) return error
    throw error
  }
  throw new Error('expected the call to fail')
}

const ACCOUNT = { userId: 'u-grace', username: 'grace', displayName: 'Grace Hopper', role: 'l2_specialist', groupIds: ['g-network'] }
const SESSION: SessionInfo = { token: TOKEN, expiresAt: '2025-03-10T09:00:00.000Z', user: ACCOUNT as SessionInfo['user'] }
const EVENT = { id: '0195f0c2-7b1a-7000-8000-000000000001', incidentId: 'inc-1', type: 'IncidentLogged', payload: {} }

describe('normalizeServerUrl', () => {
  it.each([
    ['https://desk.example.com', 'https://desk.example.com'],
    ['  HTTPS://desk.example.com/// ', 'https://desk.example.com'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['https://example.com/incidents/', 'https://example.com/incidents'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeServerUrl(input)).toEqual({ ok: true, value: expected })
  })

  it.each(['', 'desk.example.com', 'ftp://desk.example.com', 'https://desk.example.com/?x=1', 'https://desk.example.com/#top', 'https://grace:pw@desk.example.com', 'javascript:alert(1)'])(
    'refuses %j with a message for people',
    (input) => {
      const result = normalizeServerUrl(input)
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error).toMatch(/server address/i)
    },
  )
})

describe('requests', () => {
  it('signs in without a token, posting the credentials as JSON', async () => {
    const { fetch, requests } = fakeFetch(response(200, SESSION))
    await expect(client(fetch, { token: null }).signIn('grace', 'correct horse')).resolves.toEqual(SESSION)
    expect(requests[0]?.url).toBe(`${SERVER}/api/v1/auth/login`)
    expect(requests[0]?.init.method).toBe('POST')
    expect(requests[0]?.init.headers['authorization']).toBeUndefined()
    expect(requests[0]?.init.headers['content-type']).toBe('application/json')
    expect(JSON.parse(String(requests[0]?.init.body ?? ''))).toEqual({ username: 'grace', password: 'correct horse' })
  })

  it('sends the bearer token on every other call', async () => {
    const pull: PullResponse = { events: [{ seq: 7, event: EVENT as never }], cursor: '7', hasMore: false, revoked: [] }
    const { fetch, requests } = fakeFetch(response(200, pull))
    await expect(client(fetch).pull('0', 500)).resolves.toEqual(pull)
    expect(requests[0]?.url).toBe(`${SERVER}/api/v1/sync/pull?after=0&limit=500`)
    expect(requests[0]?.init.headers['authorization']).toBe(`Bearer ${TOKEN}`)
  })

  it('reads the token at each call, so a sign-out takes effect at once', async () => {
    let token: string | null = TOKEN
    const { fetch, requests } = fakeFetch(response(204))
    const api = createSyncHttpClient({ baseUrl: SERVER, fetch, getToken: () => token, deadline: manualDeadlines().deadline })
    await api.signOut()
    token = null
    const error = await failure(api.pull('0', 10))
    expect(error.kind).toBe('unauthorized')
    expect(requests).toHaveLength(1)
  })

  it('asks for the first snapshot page without `after`, and later pages with it', async () => {
    const page = { incidents: [{ id: 'inc-1' }], cursor: '42', nextAfter: 'inc-1' }
    const { fetch, requests } = fakeFetch(response(200, page), response(200, { ...page, incidents: [], nextAfter: null }))
    const api = client(fetch)
    await api.snapshot(null, 2000)
    await api.snapshot('inc-1', 2000)
    expect(requests.map((request) => request.url)).toEqual([
      `${SERVER}/api/v1/sync/snapshot?limit=2000`,
      `${SERVER}/api/v1/sync/snapshot?after=inc-1&limit=2000`,
    ])
  })

  it('escapes ids placed in the path, so an id cannot change the route', async () => {
    const { fetch, requests } = fakeFetch(response(200, { incidentId: '../admin/users', events: [] }))
    await client(fetch).incidentEvents('../admin/users')
    expect(requests[0]?.url).toBe(`${SERVER}/api/v1/sync/incidents/..%2Fadmin%2Fusers/events`)
  })

  it('pushes the request as it is and returns the per-event results', async () => {
    const answer: PushResponse = {
      results: [
        { index: 0, eventId: EVENT.id, status: 'accepted', seq: 8 },
        { index: 1, eventId: null, status: 'refused', code: 'invalid_event', reason: 'Caller is required.' },
      ],
    }
    const { fetch, requests } = fakeFetch(response(200, answer))
    const request = { deviceId: 'desk-7', events: [EVENT, { broken: true }] }
    await expect(client(fetch).push(request)).resolves.toEqual(answer)
    expect(JSON.parse(String(requests[0]?.init.body ?? ''))).toEqual(request)
  })

  it('takes `auth/me` as the server sends it, wrapped with the session expiry', async () => {
    const { fetch } = fakeFetch(response(200, { user: ACCOUNT, expiresAt: SESSION.expiresAt }), response(200, ACCOUNT))
    const api = client(fetch)
    await expect(api.me()).resolves.toEqual(ACCOUNT)
    await expect(api.me()).resolves.toEqual(ACCOUNT)
  })

  it('routes the admin calls', async () => {
    const stamps = { createdAt: '2025-03-01T08:00:00.000Z', updatedAt: '2025-03-01T08:00:00.000Z' }
    const user = { ...ACCOUNT, disabled: false, ...stamps }
    const group = { id: 'g-network', name: 'Network', level: 2, security: false, memberIds: ['u-grace'], createdAt: stamps.createdAt }
    const { fetch, requests } = fakeFetch(
      response(200, { users: [user] }),
      response(201, { user, generatedPassword: 'plover-granite-77' }),
      response(200, user),
      response(200, { generatedPassword: null, revokedSessions: 2 }),
      response(200, { generatedPassword: 'quartz-meadow-41', revokedSessions: 0 }),
      response(200, { revokedSessions: 1 }),
      response(200, { groups: [group] }),
      response(201, group),
    )
    const api = client(fetch)
    await expect(api.listUsers()).resolves.toEqual([user])
    await expect(api.createUser({ username: 'grace', displayName: 'Grace Hopper', role: 'l2_specialist' })).resolves.toEqual({
      user,
      generatedPassword: 'plover-granite-77',
    })
    await expect(api.updateUser('u-grace', { disabled: true })).resolves.toEqual(user)
    await expect(api.resetPassword('u-grace', 'another long passphrase')).resolves.toEqual({ generatedPassword: null, revokedSessions: 2 })
    await expect(api.resetPassword('u-grace')).resolves.toEqual({ generatedPassword: 'quartz-meadow-41', revokedSessions: 0 })
    await expect(api.revokeSessions('u-grace')).resolves.toEqual({ revokedSessions: 1 })
    await expect(api.listGroups()).resolves.toEqual([group])
    await expect(api.createGroup({ name: 'Network', level: 2 })).resolves.toEqual(group)
    expect(requests.map((request) => request.init.body)).toEqual([
      undefined,
      JSON.stringify({ username: 'grace', displayName: 'Grace Hopper', role: 'l2_specialist' }),
      JSON.stringify({ disabled: true }),
      JSON.stringify({ password: 'another long passphrase' }),
      '{}',
      undefined,
      undefined,
      JSON.stringify({ name: 'Network', level: 2 }),
    ])
    expect(requests.map((request) => `${request.init.method} ${request.url.slice(SERVER.length)}`)).toEqual([
      'GET /api/v1/admin/users',
      'POST /api/v1/admin/users',
      'PATCH /api/v1/admin/users/u-grace',
      'POST /api/v1/admin/users/u-grace/password',
      'POST /api/v1/admin/users/u-grace/password',
      'POST /api/v1/admin/users/u-grace/revoke-sessions',
      'GET /api/v1/admin/groups',
      'POST /api/v1/admin/groups',
    ])
  })

  it('refuses a limit that is not a positive integer before sending anything', async () => {
    const { fetch, requests } = fakeFetch()
    await expect(client(fetch).pull('0', 0)).rejects.toThrow(TypeError)
    await expect(client(fetch).pull('0', 1.5)).rejects.toThrow(TypeError)
    await expect(client(fetch).incidentEvents('')).rejects.toThrow(TypeError)
    expect(requests).toHaveLength(0)
  })
})

describe('failures', () => {
  it('is offline when there is no answer at all, naming the cause', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED 10.0.0.5:443') })
    const { fetch } = fakeFetch(refused)
    const error = await failure(client(fetch).pull('0', 10))
    expect(error.kind).toBe('offline')
    expect(error.status).toBeUndefined()
    expect(error.message).toContain('ECONNREFUSED')
  })

  it('is a timeout when the deadline aborted the request', async () => {
    const deadlines = manualDeadlines()
    const fetch: FetchLike<FakeSignal> = async () => {
      const last = deadlines.issued.at(-1)
      if (last) last.expired = true
      throw new Error('This operation was aborted')
    }
    const error = await failure(client(fetch, { deadline: deadlines.deadline }).snapshot(null, 2000))
    expect(error.kind).toBe('timeout')
    expect(deadlines.issued[0]).toMatchObject({ ms: 30_000, cancelled: true })
  })

  it('releases the deadline after every call, answered or not', async () => {
    const deadlines = manualDeadlines()
    const { fetch } = fakeFetch(response(200, { status: 'ok', eventSchemaVersion: 1 }), new Error('down'), response(500))
    const api = client(fetch, { deadline: deadlines.deadline })
    await api.health()
    await failure(api.health())
    await failure(api.health())
    expect(deadlines.issued.map((entry) => entry.cancelled)).toEqual([true, true, true])
  })

  it('is unauthorized on 401, with the server message and code', async () => {
    const { fetch } = fakeFetch(
      response(401, { statusCode: 401, error: 'Unauthorized', message: 'The session has expired.', code: 'session_expired' }),
    )
    const error = await failure(client(fetch).pull('0', 10))
    expect(error.toDetail()).toEqual({ kind: 'unauthorized', status: 401, code: 'session_expired', message: 'The session has expired.' })
  })

  it('says the credentials were wrong at sign-in the way the server put it', async () => {
    const { fetch } = fakeFetch(
      response(401, { statusCode: 401, error: 'Unauthorized', message: 'Wrong username or password.', code: 'invalid_credentials' }),
    )
    const error = await failure(client(fetch, { token: null }).signIn('grace', 'wrong'))
    expect(error).toMatchObject({ kind: 'unauthorized', message: 'Wrong username or password.' })
  })

  it.each([400, 403, 404, 409, 413, 422])('is rejected on %i, with the server message', async (status) => {
    const { fetch } = fakeFetch(response(status, { statusCode: status, error: 'Bad Request', message: 'At most 500 events per push.', code: 'invalid_body' }))
    const error = await failure(client(fetch).push({ deviceId: 'desk-7', events: [EVENT] }))
    expect(error.toDetail()).toEqual({ kind: 'rejected', status, code: 'invalid_body', message: 'At most 500 events per push.' })
  })

  it('is rejected with a plain message when a 4xx has no JSON body', async () => {
    const { fetch } = fakeFetch(response(404, undefined, '<html>Not Found</html>'))
    const error = await failure(client(fetch).incidentEvents('inc-1'))
    expect(error).toMatchObject({ kind: 'rejected', status: 404, message: 'The sync server refused the request (HTTP 404).' })
  })

  it.each([500, 502, 503, 504, 408, 429])('is a server error on %i: try again later', async (status) => {
    const { fetch } = fakeFetch(response(status, undefined, '<html>Bad Gateway</html>'))
    const error = await failure(client(fetch).pull('0', 10))
    expect(error).toMatchObject({ kind: 'server', status })
  })

  it('passes the rate limit message on', async () => {
    const { fetch } = fakeFetch(response(429, { statusCode: 429, error: 'Too Many Requests', message: 'Too many sign-in attempts; wait a minute.', code: 'rate_limited' }))
    const error = await failure(client(fetch, { token: null }).signIn('grace', 'guess'))
    expect(error.toDetail()).toEqual({ kind: 'server', status: 429, code: 'rate_limited', message: 'Too many sign-in attempts; wait a minute.' })
  })

  it('keeps a 5xx message plain and mentions the status', async () => {
    const { fetch } = fakeFetch(response(500, { statusCode: 500, error: 'Internal Server Error', message: 'Internal Server Error' }))
    const error = await failure(client(fetch).pull('0', 10))
    expect(error.message).toBe('The sync server had a problem (HTTP 500: Internal Server Error); it will be tried again shortly.')
  })

  it('does not follow a redirect it was not meant to see', async () => {
    const { fetch } = fakeFetch(response(302))
    expect(await failure(client(fetch).pull('0', 10))).toMatchObject({ kind: 'server', status: 302 })
  })
})

describe('malformed answers are server errors, not crashes later', () => {
  it.each([
    ['a body that is not JSON', response(200, undefined, '<html>captive portal</html>'), /not JSON/],
    ['an empty body', response(200), /not JSON/],
    ['a missing cursor', response(200, { events: [], hasMore: false, revoked: [] }), /cursor/],
    ['events without ids', response(200, { events: [{ seq: 1, event: { type: 'IncidentLogged' } }], cursor: '1', hasMore: false, revoked: [] }), /events\.0\.event\.id/],
    ['hasMore as a string', response(200, { events: [], cursor: '1', hasMore: 'no', revoked: [] }), /hasMore/],
    ['an array', response(200, []), /sync\/pull/],
  ])('pull with %s', async (_what, answer, message) => {
    const { fetch } = fakeFetch(answer)
    const error = await failure(client(fetch).pull('0', 10))
    expect(error.kind).toBe('server')
    expect(error.status).toBeUndefined()
    expect(error.message).toMatch(message)
  })

  it('names only the first few problems of a large bad page', async () => {
    const events = Array.from({ length: 2000 }, (_, seq) => ({ seq, event: {} }))
    const { fetch } = fakeFetch(response(200, { events, cursor: '1', hasMore: false, revoked: [] }))
    const error = await failure(client(fetch).pull('0', 2000))
    expect(error.message.length).toBeLessThan(600)
    expect(error.message).toMatch(/more\)$/)
  })

  it('refuses a push answer that does not account for every event', async () => {
    const { fetch } = fakeFetch(response(200, { results: [{ index: 0, eventId: EVENT.id, status: 'accepted', seq: 1 }] }))
    const error = await failure(client(fetch).push({ deviceId: 'desk-7', events: [EVENT, EVENT] }))
    expect(error).toMatchObject({ kind: 'server', message: expect.stringMatching(/1 results for 2 events/) })
  })

  it('refuses a sign-in answer without a token', async () => {
    const { fetch } = fakeFetch(response(200, { expiresAt: SESSION.expiresAt, user: ACCOUNT }))
    expect(await failure(client(fetch, { token: null }).signIn('grace', 'pw'))).toMatchObject({ kind: 'server' })
  })

  it('refuses an account with a role the desk does not know', async () => {
    const { fetch } = fakeFetch(response(200, { ...SESSION, user: { ...ACCOUNT, role: 'superuser' } }))
    expect(await failure(client(fetch, { token: null }).signIn('grace', 'pw'))).toMatchObject({ kind: 'server' })
  })

  it('refuses the history of another incident than the one asked for', async () => {
    const { fetch } = fakeFetch(response(200, { incidentId: 'inc-2', events: [] }))
    expect(await failure(client(fetch).incidentEvents('inc-1'))).toMatchObject({ kind: 'server' })
  })

  it('keeps fields it does not check, for newer servers', async () => {
    const page = { incidents: [{ id: 'inc-1', state: 'New', extra: { nested: true } }], cursor: '9', nextAfter: null, serverTime: 'x' }
    const { fetch } = fakeFetch(response(200, page))
    await expect(client(fetch).snapshot(null, 10)).resolves.toEqual(page)
  })
})

describe('createSyncHttpClient', () => {
  it('refuses a base URL that is not a server address', () => {
    const { fetch } = fakeFetch()
    expect(() => createSyncHttpClient({ baseUrl: 'desk', fetch, getToken: () => null, deadline: manualDeadlines().deadline })).toThrow(
      /server address/,
    )
  })
})

describe('createAbortDeadlines', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  const setTimer = (callback: () => void, ms: number) => {
    const handle = setTimeout(callback, ms)
    return () => clearTimeout(handle)
  }

  it('aborts the signal when the time is up and says it expired', () => {
    const deadline = createAbortDeadlines(() => new AbortController(), setTimer)(1_000)
    vi.advanceTimersByTime(999)
    expect(deadline.signal.aborted).toBe(false)
    vi.advanceTimersByTime(1)
    expect(deadline.signal.aborted).toBe(true)
    expect(deadline.hasExpired()).toBe(true)
  })

  it('never aborts once cancelled', () => {
    const deadline = createAbortDeadlines(() => new AbortController(), setTimer)(1_000)
    deadline.cancel()
    vi.advanceTimersByTime(10_000)
    expect(deadline.signal.aborted).toBe(false)
    expect(deadline.hasExpired()).toBe(false)
  })

  it('times out a real fetch-shaped call that hangs', async () => {
    const hanging: FetchLike<AbortSignal> = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))))
    const api = createSyncHttpClient({
      baseUrl: SERVER,
      fetch: hanging,
      getToken: () => TOKEN,
      timeoutMs: 5_000,
      deadline: createAbortDeadlines(() => new AbortController(), setTimer),
    })
    const pending = failure(api.pull('0', 10))
    await vi.advanceTimersByTimeAsync(5_000)
    expect(await pending).toMatchObject({ kind: 'timeout', message: 'The sync server did not answer within 5 s.' })
  })
})

describe('attachment bytes', () => {
  const sha256 = 'ab'.repeat(32)

  it('uploads raw bytes with PUT under the hash and downloads them back', async () => {
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255])
    const binary: FetchResponseLike = { ...response(200), arrayBuffer: async () => bytes.slice().buffer }
    const { fetch, requests } = fakeFetch(response(200, { stored: true }), binary)
    const api = client(fetch)
    await api.uploadAttachment(sha256, bytes)
    expect(requests[0]?.url).toBe(`${SERVER}/api/v1/attachments/${sha256}`)
    expect(requests[0]?.init).toMatchObject({ method: 'PUT', body: bytes })
    expect(requests[0]?.init.headers['content-type']).toBe('application/octet-stream')
    expect(await api.downloadAttachment(sha256)).toEqual(bytes)
  })

  it('refuses an address that is not a SHA-256 before sending anything, and reports a 404 as not found', async () => {
    const { fetch, requests } = fakeFetch(response(404, { statusCode: 404, error: 'Not Found', message: 'No incident you can see carries this file.', code: 'not_found' }))
    const api = client(fetch)
    await expect(api.downloadAttachment('../auth/me')).rejects.toThrow(TypeError)
    expect(requests).toHaveLength(0)
    await expect(api.downloadAttachment(sha256)).rejects.toMatchObject({ kind: 'rejected', status: 404, code: 'not_found' })
  })
})
