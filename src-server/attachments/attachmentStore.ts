import { createHash } from 'node:crypto'
import type { Actor } from '../../src-shared/incident/roles'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import type { Queryable } from '../db/database'

/**
 * Attachment bytes, addressed by their SHA-256. Content addressing makes an upload idempotent and
 * harmless: bytes can only be stored under their own hash, so nobody overwrites anything, and the
 * same photo attached to ten incidents is stored once.
 *
 * A hash is not a key. Who may read the bytes:
 * - whoever uploaded them (every upload is recorded, also of bytes already stored: holding the
 *   bytes is the proof);
 * - whoever may see an incident whose AttachmentAdded *opens* them: its author uploaded the
 *   bytes, or could already read them when the event was pushed (vouched). An event naming a
 *   hash seen somewhere else opens nothing, and the push refuses it outright when the bytes are
 *   already on the server (see push.ts).
 */

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Stores the bytes (once) and records the uploader; false when the bytes were already there. */
export async function storeAttachment(db: Queryable, sha256: string, bytes: Uint8Array, uploadedBy: string, at: Date): Promise<boolean> {
  const rows = await db.query<{ sha256: string }>(
    `INSERT INTO attachments (sha256, size, bytes, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
    [sha256, bytes.byteLength, bytes, uploadedBy, at.toISOString()],
  )
  await db.query('INSERT INTO attachment_uploads (sha256, user_id, uploaded_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    sha256,
    uploadedBy,
    at.toISOString(),
  ])
  return rows.length > 0
}

/**
 * Which of `hashes` `actor` may read: the SQL of the rule above, one query for many hashes. The
 * visibility test is the shared one's (canSeeSecurityIncidents), as SQL.
 */
async function readableHashes(db: Queryable, hashes: readonly string[], actor: Pick<Actor, 'userId' | 'role'>): Promise<Set<string>> {
  const rows = await db.query<{ sha256: string }>(
    `SELECT u.sha256 FROM attachment_uploads u WHERE u.sha256 = ANY($1::text[]) AND u.user_id = $2
     UNION
     SELECT r.sha256 FROM attachment_references r JOIN incidents i ON i.id = r.incident_id
      WHERE r.sha256 = ANY($1::text[])
        ${canSeeSecurityIncidents(actor.role) ? '' : 'AND NOT i.is_security'}
        AND (r.vouched OR EXISTS (SELECT 1 FROM attachment_uploads o WHERE o.sha256 = r.sha256 AND o.user_id = r.added_by))`,
    [hashes, actor.userId],
  )
  return new Set(rows.map((row) => row.sha256))
}

/** The bytes, for an actor who may read them (see above); undefined otherwise, or when they were never uploaded. */
export async function readAttachment(db: Queryable, sha256: string, actor: Pick<Actor, 'userId' | 'role'>): Promise<Uint8Array | undefined> {
  if (!(await readableHashes(db, [sha256], actor)).has(sha256)) return undefined
  const rows = await db.query<{ bytes: Uint8Array }>('SELECT bytes FROM attachments WHERE sha256 = $1', [sha256])
  const bytes = rows[0]?.bytes
  return bytes === undefined ? undefined : new Uint8Array(bytes)
}

export interface FileStanding {
  /** The bytes are on the server. */
  stored: boolean
  /** The pushing actor may read them now. */
  readable: boolean
}

/** For each push (by index) that attaches files: where the actor stands with each file's bytes. */
export async function attachmentStandings(
  db: Queryable,
  pushes: ReadonlyArray<{ actor: Actor; candidates: ReadonlyArray<{ event: { type: string; payload: unknown } }> }>,
): Promise<Map<number, Map<string, FileStanding>>> {
  const standings = new Map<number, Map<string, FileStanding>>()
  for (const [index, push] of pushes.entries()) {
    const hashes = [
      ...new Set(push.candidates.filter(({ event }) => event.type === 'AttachmentAdded').map(({ event }) => (event.payload as { sha256: string }).sha256)),
    ]
    if (hashes.length === 0) continue
    const stored = new Set((await db.query<{ sha256: string }>('SELECT sha256 FROM attachments WHERE sha256 = ANY($1::text[])', [hashes])).map((row) => row.sha256))
    const readable = await readableHashes(db, hashes, push.actor)
    standings.set(index, new Map(hashes.map((hash) => [hash, { stored: stored.has(hash), readable: readable.has(hash) }])))
  }
  return standings
}

export interface AttachmentReference {
  eventId: string
  sha256: string
  incidentId: string
  addedBy: string
  vouched: boolean
}

export async function recordReferences(db: Queryable, references: readonly AttachmentReference[]): Promise<void> {
  if (references.length === 0) return
  await db.query(
    `INSERT INTO attachment_references (event_id, sha256, incident_id, added_by, vouched)
     SELECT r.event_id, r.sha256, r.incident_id, r.added_by, r.vouched
       FROM jsonb_to_recordset($1::jsonb) AS r(event_id uuid, sha256 text, incident_id uuid, added_by text, vouched boolean)`,
    [JSON.stringify(references.map((reference) => ({ event_id: reference.eventId, sha256: reference.sha256, incident_id: reference.incidentId, added_by: reference.addedBy, vouched: reference.vouched })))],
  )
}
