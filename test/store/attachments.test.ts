import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ATTACHMENT_LIMITS, checkAttachmentLimits, readAttachment, storeAttachment, storeAttachments } from '../../src-renderer/attachments/attachmentStore'
import { freshDatabase, outlookIncident, storeFor } from './storeHarness'

const MB = 1024 * 1024

function photo(name = 'printer-jam.jpg', bytes: string = 'fake jpeg bytes of a jammed printer', type = 'image/jpeg'): File {
  return new File([bytes], name, { type })
}

/** A file that claims `size` bytes without allocating them: only limits are under test. */
function sized(name: string, size: number): File {
  const file = new File(['x'], name, { type: 'application/pdf' })
  Object.defineProperty(file, 'size', { value: size })
  return file
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

describe('storing attachment bytes by hash', () => {
  it('stores a file under its SHA-256 and reads the same bytes back', async () => {
    const db = freshDatabase()
    const result = await storeAttachment(db, photo())
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.attachment).toMatchObject({
      name: 'printer-jam.jpg',
      mediaType: 'image/jpeg',
      size: 35,
      sha256: sha256('fake jpeg bytes of a jammed printer'),
    })
    expect(result.attachment.attachmentId).toMatch(/^[0-9a-f-]{36}$/)
    const blob = await readAttachment(db, result.attachment.sha256)
    expect(await blob?.text()).toBe('fake jpeg bytes of a jammed printer')
  })

  it('keeps one copy of the same bytes attached twice, under different names', async () => {
    const db = freshDatabase()
    const first = await storeAttachment(db, photo('IMG_0001.jpg'))
    const second = await storeAttachments(db, [photo('jam-again.jpg'), photo('IMG_0001 copy.jpg')])
    expect(first.ok && second.ok).toBe(true)
    if (!first.ok || !second.ok) return
    expect(second.attachments.map((entry) => entry.sha256)).toEqual([first.attachment.sha256, first.attachment.sha256])
    expect(second.attachments.map((entry) => entry.name)).toEqual(['jam-again.jpg', 'IMG_0001 copy.jpg'])
    // Each reference is its own attachment on the incident, the bytes are one row.
    expect(new Set([first.attachment.attachmentId, ...second.attachments.map((entry) => entry.attachmentId)]).size).toBe(3)
    expect(await db.attachments.count()).toBe(1)
    expect((await db.attachments.get(first.attachment.sha256))?.name).toBe('IMG_0001.jpg')
  })

  it('answers undefined for bytes this desk does not hold', async () => {
    expect(await readAttachment(freshDatabase(), sha256('never stored'))).toBeUndefined()
  })

  it('gives a file without a type a generic one, and shortens a very long name keeping its extension', async () => {
    const db = freshDatabase()
    const result = await storeAttachment(db, photo(`${'very-long-name-'.repeat(20)}.pdf`, 'pdf', ''))
    if (!result.ok) throw new Error(result.errors.join(' '))
    expect(result.attachment.mediaType).toBe('application/octet-stream')
    expect(result.attachment.name).toHaveLength(200)
    expect(result.attachment.name.endsWith('.pdf')).toBe(true)
  })
})

describe('attachment limits', () => {
  it('refuses a file over 10 MB with a message naming it, and stores nothing of the batch', async () => {
    const db = freshDatabase()
    const result = await storeAttachments(db, [photo('small.jpg'), sized('scan.pdf', 12 * MB)])
    expect(result).toEqual({ ok: false, errors: ['scan.pdf is too big (12 MB): a file can be at most 10 MB.'] })
    expect(await db.attachments.count()).toBe(0)
  })

  it('refuses files that would take an incident over 25 MB in all', async () => {
    const db = freshDatabase()
    const existing = [{ name: 'a.pdf', size: 9 * MB }, { name: 'b.pdf', size: 9 * MB }]
    const result = await storeAttachments(db, [sized('c.pdf', 8 * MB)], existing)
    expect(result).toEqual({ ok: false, errors: ['c.pdf was not added: the files on one incident can total at most 25 MB (18 MB already).'] })
    expect(await db.attachments.count()).toBe(0)
  })

  it('refuses more files than an incident may hold', () => {
    const existing = Array.from({ length: ATTACHMENT_LIMITS.filesPerIncident }, (_, index) => ({ name: `${index}.txt`, size: 10 }))
    expect(checkAttachmentLimits(existing, [{ name: 'one-more.txt', size: 10 }]).errors).toEqual([
      `one-more.txt was not added: an incident holds at most ${ATTACHMENT_LIMITS.filesPerIncident} files.`,
    ])
  })

  it('keeps the files that fit when one is refused, and the refused one takes no room', () => {
    const { accepted, errors } = checkAttachmentLimits([], [sized('huge.iso', 40 * MB), sized('log.txt', 9 * MB), sized('photo.jpg', 9 * MB)])
    expect(accepted.map((file) => file.name)).toEqual(['log.txt', 'photo.jpg'])
    expect(errors).toEqual(['huge.iso is too big (40 MB): a file can be at most 10 MB.'])
  })
})

describe('attaching stored files to an incident', () => {
  it('records one AttachmentAdded per file with the descriptor, and the incident lists them', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const logged = await store.logIncident(outlookIncident())
    if (!logged.ok) throw new Error(logged.refusal.message)
    const stored = await storeAttachments(db, [photo('screen.png', 'png bytes', 'image/png'), photo('outlook.log', 'log lines', 'text/plain')])
    if (!stored.ok) throw new Error(stored.errors.join(' '))
    for (const attachment of stored.attachments) {
      const result = await store.execute({ action: 'attach', incidentId: logged.incident.id, attachment })
      expect(result.ok).toBe(true)
    }
    const incident = await store.get(logged.incident.id)
    expect(incident?.attachments.map((entry) => [entry.name, entry.sha256])).toEqual([
      ['screen.png', sha256('png bytes')],
      ['outlook.log', sha256('log lines')],
    ])
    expect(await (await readAttachment(db, incident!.attachments[1]!.sha256))?.text()).toBe('log lines')
  })
})
