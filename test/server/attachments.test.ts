/**
 * Attachment bytes on the server (DESIGN §2: the log carries the descriptor; the bytes travel
 * beside it, by content hash): a photo taken offline reaches the other desks, and a security
 * incident's files stay with the security group.
 */
import { createHash } from 'node:crypto'
import { expect, it } from 'vitest'
import type { Actor } from '../../src-shared/incident/roles'
import { createDesk, incidentIn, people, reports, type Report } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

const photo = new TextEncoder().encode('\u0089PNG fake image bytes of a jammed tray')
const hashOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

function upload(server: ServerHarness, as: Actor, sha256: string, bytes: Uint8Array) {
  return server.request({ method: 'PUT', url: `/api/v1/attachments/${sha256}`, as, headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from(bytes) })
}

async function attachedTo(server: ServerHarness, report: Report = reports.printerJams, by: Actor = people.grace) {
  const desk = createDesk()
  const { incident } = incidentIn('in_progress', { desk, report, loggedBy: by, assignee: by })
  const sha256 = hashOf(photo)
  desk.run(
    { action: 'attach', incidentId: incident.id, attachment: { attachmentId: '019a0f3e-7c41-7b2a-9d1e-5f6a7b8c9d0e', name: 'tray.png', mediaType: 'image/png', size: photo.byteLength, sha256 } },
    by,
  )
  await server.pushAll(desk.events)
  return sha256
}

describeServer('PUT and GET /api/v1/attachments/:sha256', (server) => {
  it('should store the bytes once under their hash and give them to another desk that can see the incident', async () => {
    const sha256 = await attachedTo(server)
    const first = await upload(server, people.grace, sha256, photo)
    expect(first.statusCode).toBe(200)
    expect(first.json()).toEqual({ stored: true })
    expect((await upload(server, people.grace, sha256, photo)).json()).toEqual({ stored: false })

    const download = await server.request({ method: 'GET', url: `/api/v1/attachments/${sha256}`, as: people.dmitri })
    expect(download.statusCode).toBe(200)
    expect(download.headers['content-type']).toBe('application/octet-stream')
    expect(new Uint8Array(download.rawPayload)).toEqual(photo)
  })

  it('should refuse bytes that do not match the hash, and store nothing', async () => {
    const sha256 = await attachedTo(server)
    const cut = await upload(server, people.grace, sha256, photo.slice(0, 10))
    expect(cut.statusCode).toBe(400)
    expect(cut.json()).toMatchObject({ code: 'hash_mismatch' })
    expect((await server.request({ method: 'GET', url: `/api/v1/attachments/${sha256}`, as: people.grace })).statusCode).toBe(404)
  })

  it('should keep a security incident’s files to the security group', async () => {
    const sha256 = await attachedTo(server, reports.phishingClick, people.priya)
    expect((await upload(server, people.priya, sha256, photo)).statusCode).toBe(200)
    expect((await server.request({ method: 'GET', url: `/api/v1/attachments/${sha256}`, as: people.priya })).statusCode).toBe(200)
    const outsider = await server.request({ method: 'GET', url: `/api/v1/attachments/${sha256}`, as: people.grace })
    expect(outsider.statusCode).toBe(404)
  })

  it('should refuse a bad address, a file over the limit, JSON instead of bytes, and anonymous callers', async () => {
    expect((await upload(server, people.grace, 'not-a-hash', photo)).statusCode).toBe(400)
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    const tooBig = await upload(server, people.grace, hashOf(big), big)
    expect(tooBig.statusCode).toBe(413)
    const json = await server.request({ method: 'PUT', url: `/api/v1/attachments/${hashOf(photo)}`, as: people.grace, payload: { bytes: 'abc' } })
    expect(json.statusCode).toBe(400)
    expect((await server.request({ method: 'GET', url: `/api/v1/attachments/${hashOf(photo)}`, as: null })).statusCode).toBe(401)
  })
})
