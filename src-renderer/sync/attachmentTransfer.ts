import type { IncidentDeskDatabase } from '../store/database'

/** The server side of attachment bytes, as the platform seam offers it. */
export interface AttachmentTransport {
  upload(sha256: string, bytes: Uint8Array<ArrayBuffer>): Promise<void>
  download(sha256: string): Promise<Uint8Array<ArrayBuffer>>
}

export interface UploadOutcome {
  uploaded: number
  /** The first failure's message; the rest wait for the next round. */
  failure: string | null
}

/**
 * Sends the bytes of files attached on this desk that the server does not have yet, at the start
 * of a round, before the events naming them are pushed (the server accepts a reference only to
 * bytes its author uploaded): a photo taken offline reaches the other desks with the next sync. One at a time (each is up to 10 MB); a failure stops the batch and the next
 * round starts over from what is still unsent, so nothing is skipped.
 */
export async function uploadPendingAttachments(db: IncidentDeskDatabase, transport: AttachmentTransport, now: () => Date = () => new Date()): Promise<UploadOutcome> {
  const pending = await db.attachments.where('pendingUpload').equals(1).primaryKeys()
  let uploaded = 0
  for (const sha256 of pending) {
    const stored = await db.attachments.get(sha256)
    if (!stored || !stored.pendingUpload) continue
    try {
      await transport.upload(sha256, new Uint8Array(await stored.blob.arrayBuffer()))
    } catch (error) {
      return { uploaded, failure: error instanceof Error ? error.message : String(error) }
    }
    // Undefined removes the key, and with it the row from the pending index.
    await db.attachments.update(sha256, { uploadedAt: now().toISOString(), pendingUpload: undefined })
    uploaded += 1
  }
  return { uploaded, failure: null }
}

/**
 * Fetches a file attached on another desk, when a person opens it, and keeps it here (already
 * uploaded, by definition). The server answers only for incidents the person may see.
 */
export async function downloadAttachment(
  db: IncidentDeskDatabase,
  transport: AttachmentTransport,
  descriptor: { sha256: string; name: string; mediaType: string },
  now: () => Date = () => new Date(),
): Promise<Blob> {
  const bytes = await transport.download(descriptor.sha256)
  const blob = new Blob([bytes], { type: descriptor.mediaType })
  const storedAt = now().toISOString()
  await db.attachments.put({ sha256: descriptor.sha256, blob, name: descriptor.name, mediaType: descriptor.mediaType, size: bytes.byteLength, storedAt, uploadedAt: storedAt })
  return blob
}
