import { describe, expect, it, vi } from 'vitest'
import { createHttpTransport } from '../../src-renderer/sync/httpTransport'
import { SyncTransportError } from '../../src-renderer/sync/transport'

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

function transportAnswering(answer: (url: string, init: RequestInit) => Promise<Response>, token: string | null = 'token-1') {
  const fetch = vi.fn(answer)
  return { fetch, transport: createHttpTransport({ baseUrl: 'https://desk.example.com/', getToken: () => token, fetch, timeoutMs: 50 }) }
}

async function failureOf(call: Promise<unknown>): Promise<SyncTransportError> {
  const error = await call.then(
    () => null,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(SyncTransportError)
  return error as SyncTransportError
}

describe('the HTTP transport', () => {
  it('calls the protocol route with the bearer token and returns the answer', async () => {
    const page = { events: [], cursor: '42', hasMore: false, revoked: [] }
    const { fetch, transport } = transportAnswering(async () => json(200, page))
    expect(await transport.pull('41', 500)).toEqual(page)
    const [url, init] = fetch.mock.calls[0]!
    expect(url).toBe('https://desk.example.com/api/v1/sync/pull?after=41&limit=500')
    expect(init.headers).toMatchObject({ authorization: 'Bearer token-1' })
    expect(init.signal).toBeInstanceOf(AbortSignal)
  })

  it.each([
    [401, { statusCode: 401, error: 'Unauthorized', message: 'The session has expired.' }, 'unauthorized', 'The session has expired.'],
    [413, { statusCode: 413, error: 'Payload Too Large', message: 'Request body is too large.' }, 'rejected', 'Request body is too large.'],
    [503, { statusCode: 503, error: 'Service Unavailable', message: 'Internal Server Error' }, 'server', 'HTTP 503'],
  ] as const)('turns HTTP %i into a %s error the person can read', async (status, body, kind, message) => {
    const { transport } = transportAnswering(async () => json(status, body))
    const error = await failureOf(transport.push({ deviceId: 'desk-1', events: [{}] }))
    expect(error).toMatchObject({ kind, status })
    expect(error.message).toContain(message)
  })

  it('says the server could not be reached when the network fails, and when it does not answer in time', async () => {
    const refused = transportAnswering(async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:8787') })
    })
    const offline = await failureOf(refused.transport.snapshot(null, 2000))
    expect(offline).toMatchObject({ kind: 'offline' })
    expect(offline.message).toContain('ECONNREFUSED')

    const silent = transportAnswering(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
        }),
    )
    const late = await failureOf(silent.transport.incidentEvents('01950000-0000-7000-8000-000000000000'))
    expect(late).toMatchObject({ kind: 'offline' })
    expect(late.message).toMatch(/did not answer within/)
  })

  it('does not call the server without a session', async () => {
    const { fetch, transport } = transportAnswering(async () => json(200, {}), null)
    expect(await failureOf(transport.pull('0', 10))).toMatchObject({ kind: 'unauthorized' })
    expect(fetch).not.toHaveBeenCalled()
  })

  it('refuses an answer that does not follow the protocol', async () => {
    const { transport } = transportAnswering(async () => json(200, { events: 'none' }))
    expect(await failureOf(transport.pull('0', 10))).toMatchObject({ kind: 'server', message: expect.stringContaining('not understood') })
  })

  it('refuses an address that is not http(s) at once', () => {
    expect(() => createHttpTransport({ baseUrl: 'ftp://desk.example.com', getToken: () => null })).toThrow(TypeError)
  })
})
