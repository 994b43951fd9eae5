import { createHash } from 'node:crypto'
import type { Role } from '../../src-shared/incident/roles'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import type { Queryable } from '../db/database'

/**
 * Attachment bytes, addressed by their SHA-256. Content addressing makes an upload idempotent and
 * harmless: bytes can only be stored under their own hash, so nobody overwrites anything, and the
 * same photo attached to ten incidents is stored once.
 */

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Stores the bytes; false when they were already there. */
export async function storeAttachment(db: Queryable, sha256: string, bytes: Uint8Array, uploadedBy: string, at: Date): Promise<boolean> {
  const rows = await db.query<{ sha256: string }>(
    `INSERT INTO attachments (sha256, size, bytes, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
    [sha256, bytes.byteLength, bytes, uploadedBy, at.toISOString()],
  )
  return rows.length > 0
}

/**
 * The bytes, for someone who may see an incident that carries them: an attachment of a security
 * incident stays with the security group, as its events do. Undefined when there is no such
 * incident (or the bytes were never uploaded).
 */
export async function readAttachment(db: Queryable, sha256: string, role: Role): Promise<Uint8Array | undefined> {
  const reference = JSON.stringify({ attachments: [{ sha256 }] })
  const rows = await db.query<{ bytes: Uint8Array }>(
    `SELECT a.bytes FROM attachments a
      WHERE a.sha256 = $1
        AND EXISTS (SELECT 1 FROM incidents i WHERE i.body @> $2::jsonb ${canSeeSecurityIncidents(role) ? '' : 'AND NOT i.is_security'})`,
    [sha256, reference],
  )
  const bytes = rows[0]?.bytes
  return bytes === undefined ? undefined : new Uint8Array(bytes)
}
