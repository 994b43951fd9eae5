import { newId } from '../../src-shared/events/ids'
import { LIMITS } from '../../src-shared/events/limits'
import type { AttachmentDescriptor } from '../../src-shared/incident/incident'
import type { IncidentDeskDatabase } from '../store/database'
import type { AttachmentBlob } from '../store/records'
import { t } from '../i18n/activeLanguage'

/**
 * Attachment bytes, kept on this desk by content hash (DESIGN §2: attachments travel beside the
 * log). The incident's `AttachmentAdded` event carries only the name, type, size and hash; the
 * bytes live here, so the same photo attached twice is stored once, and a photo taken offline
 * is uploaded by hash later. The name kept with the bytes is the first one they were stored
 * under; each incident's event keeps its own.
 */
export type StoredAttachment = AttachmentBlob

/**
 * What one incident may carry. The per-file limit is the event schema's (the server refuses a
 * larger one); the total keeps a desk that syncs fifty incidents a day from filling its disk.
 */
export const ATTACHMENT_LIMITS = {
  bytesPerFile: LIMITS.attachmentBytes,
  bytesPerIncident: 25 * 1024 * 1024,
  filesPerIncident: LIMITS.attachmentsPerIncident,
} as const

/** What the file pickers accept: photos and the documents people send a desk. */
export const ACCEPTED_FILE_TYPES =
  'image/*,.pdf,.txt,.log,.csv,.json,.xml,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.eml,.msg,.zip'

function attachmentsTable(db: IncidentDeskDatabase) {
  return db.attachments
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return t('bytes.b', { size: bytes })
  if (bytes < 1024 * 1024) return t('bytes.kb', { size: Math.round(bytes / 1024) })
  const megabytes = bytes / 1024 / 1024
  return t('bytes.mb', { size: megabytes < 10 ? Math.round(megabytes * 10) / 10 : Math.round(megabytes) })
}

/** The size and name of a file chosen or already attached: all the limits look at. */
export interface SizedFile {
  name: string
  size: number
}

/**
 * Which of `added` fit beside `existing` on one incident, in order; each one refused gets a
 * sentence saying which limit and by how much. A refused file takes no room from the ones after it.
 */
export function checkAttachmentLimits<T extends SizedFile>(existing: readonly SizedFile[], added: readonly T[]): { accepted: T[]; errors: string[] } {
  const accepted: T[] = []
  const errors: string[] = []
  let count = existing.length
  let total = existing.reduce((sum, file) => sum + file.size, 0)
  for (const file of added) {
    if (file.size > ATTACHMENT_LIMITS.bytesPerFile) {
      errors.push(t('attachments.tooBig', { name: file.name, size: formatBytes(file.size), max: formatBytes(ATTACHMENT_LIMITS.bytesPerFile) }))
    } else if (count + 1 > ATTACHMENT_LIMITS.filesPerIncident) {
      errors.push(t('attachments.tooMany', { name: file.name, max: ATTACHMENT_LIMITS.filesPerIncident }))
    } else if (total + file.size > ATTACHMENT_LIMITS.bytesPerIncident) {
      errors.push(t('attachments.totalTooBig', { name: file.name, max: formatBytes(ATTACHMENT_LIMITS.bytesPerIncident), total: formatBytes(total) }))
    } else {
      accepted.push(file)
      count += 1
      total += file.size
    }
  }
  return { accepted, errors }
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')
}

/** A name the event schema accepts: long names keep their extension, so the file still opens. */
function fitName(name: string): string {
  const trimmed = name.trim() || 'file'
  if (trimmed.length <= LIMITS.name) return trimmed
  const dot = trimmed.lastIndexOf('.')
  const extension = dot > 0 && trimmed.length - dot <= 16 ? trimmed.slice(dot) : ''
  return trimmed.slice(0, LIMITS.name - extension.length) + extension
}

function fitMediaType(type: string): string {
  return type && type.length <= LIMITS.label ? type : 'application/octet-stream'
}

export type StoreAttachmentsResult = { ok: true; attachments: AttachmentDescriptor[] } | { ok: false; errors: string[] }

/**
 * Stores the bytes of `files` for one incident (which already holds `existing`), all or none:
 * a file over a limit refuses the whole batch and nothing is written. Returns one descriptor per
 * file, for the `attach` commands. Bytes already on the desk (the same photo twice) are not
 * written again.
 */
export async function storeAttachments(
  db: IncidentDeskDatabase,
  files: readonly File[],
  existing: readonly SizedFile[] = [],
  now: () => Date = () => new Date(),
): Promise<StoreAttachmentsResult> {
  const { errors } = checkAttachmentLimits(existing, files)
  if (errors.length > 0) return { ok: false, errors }
  // Hash outside the transaction: IndexedDB commits a transaction that waits on anything but itself.
  const hashed = await Promise.all(
    files.map(async (file) => ({ file, sha256: await sha256Hex(await file.arrayBuffer()), name: fitName(file.name), mediaType: fitMediaType(file.type) })),
  )
  const storedAt = now().toISOString()
  try {
    await db.transaction('rw', attachmentsTable(db), async () => {
      const present = await attachmentsTable(db).bulkGet(hashed.map((entry) => entry.sha256))
      const missing = new Map<string, StoredAttachment>()
      hashed.forEach((entry, index) => {
        if (present[index] || missing.has(entry.sha256)) return
        missing.set(entry.sha256, { sha256: entry.sha256, blob: entry.file, name: entry.name, mediaType: entry.mediaType, size: entry.file.size, storedAt, pendingUpload: 1 })
      })
      if (missing.size > 0) await attachmentsTable(db).bulkAdd([...missing.values()])
    })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { ok: false, errors: [t('log.storeFailed', { reason })] }
  }
  return {
    ok: true,
    attachments: hashed.map((entry) => ({
      attachmentId: newId(),
      name: entry.name,
      mediaType: entry.mediaType,
      size: entry.file.size,
      sha256: entry.sha256,
    })),
  }
}

/** Stores one file; see storeAttachments. */
export async function storeAttachment(
  db: IncidentDeskDatabase,
  file: File,
  existing: readonly SizedFile[] = [],
): Promise<{ ok: true; attachment: AttachmentDescriptor } | { ok: false; errors: string[] }> {
  const result = await storeAttachments(db, [file], existing)
  return result.ok ? { ok: true, attachment: result.attachments[0]! } : result
}

/** The bytes stored under `sha256`, or undefined when this desk does not hold them (yet). */
export async function readAttachment(db: IncidentDeskDatabase, sha256: string): Promise<Blob | undefined> {
  return (await attachmentsTable(db).get(sha256))?.blob
}
