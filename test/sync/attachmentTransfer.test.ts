/**
 * Attachment bytes travel beside the log (DESIGN §2): what this desk attached goes up after a
 * round, what another desk attached comes down when opened, and a failure loses nothing.
 */
import { describe, expect, it } from 'vitest'
import { downloadAttachment, uploadPendingAttachments, type AttachmentTransport } from '../../src-renderer/sync/attachmentTransfer'
import { freshDatabase } from '../store/storeHarness'

function fakeServer(options: { failOn?: string } = {}) {
  const stored = new Map<string, Uint8Array>()
  const transport: AttachmentTransport = {
    async upload(sha256, bytes) {
      if (sha256 === options.failOn) throw new Error('Could not reach the sync server.')
      stored.set(sha256, bytes)
    },
    async download(sha256) {
      const bytes = stored.get(sha256)
      if (!bytes) throw new Error('not found')
      return new Uint8Array(bytes)
    },
  }
  return { transport, stored }
}

const at = () => new Date('2026-03-02T09:00:00Z')

async function keep(db: ReturnType<typeof freshDatabase>, sha256: string, text: string) {
  await db.attachments.put({ sha256, blob: new Blob([text], { type: 'text/plain' }), name: `${text}.txt`, mediaType: 'text/plain', size: text.length, storedAt: at().toISOString(), pendingUpload: 1 })
}

describe('uploading what this desk attached', () => {
  it('sends each file not yet on the server once, and marks it sent', async () => {
    const db = freshDatabase()
    await keep(db, 'a'.repeat(64), 'router-photo')
    await keep(db, 'b'.repeat(64), 'error-log')
    const server = fakeServer()
    expect(await uploadPendingAttachments(db, server.transport, at)).toEqual({ uploaded: 2, failure: null })
    expect(new TextDecoder().decode(server.stored.get('a'.repeat(64)))).toBe('router-photo')
    expect(await uploadPendingAttachments(db, server.transport, at)).toEqual({ uploaded: 0, failure: null })
  })

  it('stops at a failure and sends the rest, and the failed one, on the next round', async () => {
    const db = freshDatabase()
    await keep(db, 'a'.repeat(64), 'first')
    await keep(db, 'b'.repeat(64), 'second')
    const flaky = fakeServer({ failOn: 'a'.repeat(64) })
    const outcome = await uploadPendingAttachments(db, flaky.transport, at)
    expect(outcome).toEqual({ uploaded: 0, failure: 'Could not reach the sync server.' })
    const healthy = fakeServer()
    expect(await uploadPendingAttachments(db, healthy.transport, at)).toEqual({ uploaded: 2, failure: null })
  })
})

describe('downloading a file attached elsewhere', () => {
  it('keeps the bytes on this desk, already counted as on the server', async () => {
    const db = freshDatabase()
    const server = fakeServer()
    server.stored.set('c'.repeat(64), new TextEncoder().encode('switch-config'))
    const blob = await downloadAttachment(db, server.transport, { sha256: 'c'.repeat(64), name: 'switch.cfg', mediaType: 'text/plain' }, at)
    expect(await blob.text()).toBe('switch-config')
    const stored = await db.attachments.get('c'.repeat(64))
    expect(stored).toMatchObject({ name: 'switch.cfg', size: 13, uploadedAt: at().toISOString() })
    expect(await uploadPendingAttachments(db, server.transport, at)).toEqual({ uploaded: 0, failure: null })
  })
})
