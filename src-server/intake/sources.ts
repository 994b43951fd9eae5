import { timingSafeEqual } from 'node:crypto'
import { DEFAULT_ALERT_SOURCE_RULES, validateAlertSourceRules, type AlertSourceRules } from '../../src-shared/intake/alertRules'
import type { Actor } from '../../src-shared/incident/roles'
import { hashToken, newSecret } from '../auth/sessions'
import type { MonitoringSource } from '../../src-shared/intake/monitoringSources'
import { isDatabaseError, PG_UNIQUE_VIOLATION, toIso, type Queryable } from '../db/database'
import { badRequest, conflict, notFound } from '../http/errors'

/**
 * Monitoring sources and their integration keys. A key opens one door: posting alerts for its
 * own source (intake/routes.ts). It is not a session: every other route looks keys up in the
 * sessions table, where an integration key never is, so it can do nothing else. Only its
 * SHA-256 is stored; the key itself is shown once, when issued.
 */
export type IntakeSource = MonitoringSource

interface SourceRow {
  id: string
  name: string
  rules: AlertSourceRules
  key_hash: string | null
  key_hint: string | null
  key_issued_at: unknown
  created_at: unknown
}

const COLUMNS = 'id, name, rules, key_hash, key_hint, key_issued_at, created_at'

function toSource(row: SourceRow): IntakeSource {
  return {
    id: row.id,
    name: row.name,
    // Rules saved by an older release lack fields added since: the defaults fill them.
    rules: { ...DEFAULT_ALERT_SOURCE_RULES, ...row.rules },
    hasKey: row.key_hash !== null,
    keyHint: row.key_hint,
    keyIssuedAt: row.key_issued_at === null ? null : toIso(row.key_issued_at),
    createdAt: toIso(row.created_at),
  }
}

/** The actor a source's alerts are written as: the source by name, with the rights of the server's own rules. */
export function sourceActor(source: Pick<IntakeSource, 'id' | 'name'>): Actor {
  return { userId: `integration:${source.id}`, displayName: source.name, role: 'admin' }
}

/** `idk_` and 43 base64url characters: 256 random bits, recognisable in a leaked config file. */
function newKey(): string {
  return newSecret('idk_')
}

/** What is stored of a key, and what a request's key is compared by: the sessions' hash. */
export const keyHash = hashToken

/** Whether a request's key (by its hash) is the source's live key, compared in constant time. */
export function keyOpens(storedHash: string | null, givenHash: string): boolean {
  if (storedHash === null) return false
  const given = Buffer.from(givenHash, 'hex')
  const stored = Buffer.from(storedHash, 'hex')
  return given.length === stored.length && timingSafeEqual(given, stored)
}

/** A source with the hash of its live key, for the intake's check inside its transaction. */
export interface KeyedSource {
  source: IntakeSource
  keyHash: string | null
}

/**
 * The sources whose ids are in the text[] parameter `param`, with their key hashes, as one JSON
 * value an SQL statement can carry beside other reads (the intake reads them with its keys and
 * the configuration's last seq in one round trip); {@link keyedSources} reads it back.
 */
export function keyedSourcesJsonSql(param: string): string {
  return `(SELECT coalesce(json_agg(s), '[]'::json) FROM (SELECT ${COLUMNS} FROM intake_sources WHERE id = ANY(${param}::text[])) AS s)`
}

export function keyedSources(json: unknown): Map<string, KeyedSource> {
  return new Map((json as SourceRow[]).map((row) => [row.id, { source: toSource(row), keyHash: row.key_hash }]))
}

export async function listSources(db: Queryable): Promise<IntakeSource[]> {
  return (await db.query<SourceRow>(`SELECT ${COLUMNS} FROM intake_sources ORDER BY id`)).map(toSource)
}

export async function findSource(db: Queryable, id: string): Promise<IntakeSource> {
  const [row] = await db.query<SourceRow>(`SELECT ${COLUMNS} FROM intake_sources WHERE id = $1`, [id])
  if (!row) throw notFound('not_found', `No monitoring source has the id "${id}".`)
  return toSource(row)
}

function checkedRules(input: unknown): AlertSourceRules {
  const checked = validateAlertSourceRules(input)
  if (!checked.ok) throw badRequest('invalid_rules', checked.error)
  return checked.value
}

/** A new source with its first key, which the answer carries this once. */
export async function createSource(
  db: Queryable,
  input: { id: string; name: string; rules?: unknown },
  actor: Actor,
  now: Date,
): Promise<{ source: IntakeSource; key: string }> {
  const rules = input.rules === undefined ? DEFAULT_ALERT_SOURCE_RULES : checkedRules(input.rules)
  const key = newKey()
  try {
    const [row] = await db.query<SourceRow>(
      `INSERT INTO intake_sources (id, name, rules, key_hash, key_hint, key_issued_at, created_by, created_at, updated_at)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $6, $6) RETURNING ${COLUMNS}`,
      [input.id, input.name.trim(), JSON.stringify(rules), keyHash(key), key.slice(-4), now.toISOString(), actor.userId],
    )
    return { source: toSource(row!), key }
  } catch (error) {
    if (isDatabaseError(error, PG_UNIQUE_VIOLATION)) throw conflict('source_exists', `A monitoring source with the id "${input.id}" already exists.`)
    throw error
  }
}

export async function updateSource(db: Queryable, id: string, input: { name?: string; rules?: unknown }, now: Date): Promise<IntakeSource> {
  const rules = input.rules === undefined ? null : JSON.stringify(checkedRules(input.rules))
  const [row] = await db.query<SourceRow>(
    `UPDATE intake_sources SET name = coalesce($2, name), rules = coalesce($3::jsonb, rules), updated_at = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, input.name?.trim() ?? null, rules, now.toISOString()],
  )
  if (!row) throw notFound('not_found', `No monitoring source has the id "${id}".`)
  return toSource(row)
}

/** A fresh key for the source; the one before stops working at once. */
export async function issueKey(db: Queryable, id: string, now: Date): Promise<{ source: IntakeSource; key: string }> {
  const key = newKey()
  const [row] = await db.query<SourceRow>(
    `UPDATE intake_sources SET key_hash = $2, key_hint = $3, key_issued_at = $4, updated_at = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, keyHash(key), key.slice(-4), now.toISOString()],
  )
  if (!row) throw notFound('not_found', `No monitoring source has the id "${id}".`)
  return { source: toSource(row), key }
}

/** The source keeps its rules and history; its key stops working at once. */
export async function revokeKey(db: Queryable, id: string, now: Date): Promise<IntakeSource> {
  const [row] = await db.query<SourceRow>(
    `UPDATE intake_sources SET key_hash = NULL, key_hint = NULL, key_issued_at = NULL, updated_at = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, now.toISOString()],
  )
  if (!row) throw notFound('not_found', `No monitoring source has the id "${id}".`)
  return toSource(row)
}

/**
 * The source `id` when `key` is its live key; null otherwise, with one answer whether the source
 * does not exist, has no key or has another, so a caller learns nothing by guessing.
 */
export async function sourceForKey(db: Queryable, id: string, key: string): Promise<IntakeSource | null> {
  const [row] = await db.query<SourceRow>(`SELECT ${COLUMNS} FROM intake_sources WHERE id = $1`, [id])
  return row && keyOpens(row.key_hash, keyHash(key)) ? toSource(row) : null
}
