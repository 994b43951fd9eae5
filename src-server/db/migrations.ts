import type { Database, Queryable } from './database'
import { toNumber } from './database'
import { LOCKS } from './locks'

/**
 * Versioned schema changes, applied in order at start and recorded in `schema_migrations`.
 * A migration is frozen once released: change the schema by appending a new one. Each is a
 * list of single statements because PGlite's parameterised query runs one statement at a time.
 */
export interface Migration {
  version: number
  name: string
  statements: readonly string[]
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, sessions and the event log',
    statements: [
      `CREATE TABLE users (
        id text PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('field_technician', 'l1_agent', 'l2_specialist', 'incident_manager', 'security_analyst', 'admin')),
        disabled boolean NOT NULL DEFAULT false,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE TABLE assignment_groups (
        id text PRIMARY KEY,
        name text NOT NULL UNIQUE,
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
        security boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL
      )`,
      `CREATE TABLE group_members (
        group_id text NOT NULL REFERENCES assignment_groups (id) ON DELETE CASCADE,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (group_id, user_id)
      )`,
      `CREATE INDEX group_members_user ON group_members (user_id)`,
      // Only the token's SHA-256 is kept: a leaked table does not let anyone sign in.
      `CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`,
      `CREATE INDEX sessions_user ON sessions (user_id)`,
      `CREATE INDEX sessions_expires ON sessions (expires_at)`,
      // Sign-in attempts by key (user:<name>, ip:<address>): the rate limit lives here, not in
      // memory, so it holds across server instances.
      `CREATE TABLE login_attempts (
        id bigserial PRIMARY KEY,
        key text NOT NULL,
        attempted_at timestamptz NOT NULL
      )`,
      `CREATE INDEX login_attempts_key ON login_attempts (key, attempted_at)`,
      `CREATE INDEX login_attempts_time ON login_attempts (attempted_at)`,
      `CREATE TABLE events (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        incident_id uuid NOT NULL,
        type text NOT NULL,
        body jsonb NOT NULL,
        actor_id text NOT NULL,
        received_at timestamptz NOT NULL
      )`,
      `CREATE INDEX events_incident ON events (incident_id, seq)`,
      // The server's projection: the fold of each incident's events in seq order.
      // security_since_seq: the seq of the event that made a visible incident a security one,
      // so a pull can tell desks that saw it before to delete it.
      `CREATE TABLE incidents (
        id uuid PRIMARY KEY,
        number text NOT NULL,
        is_security boolean NOT NULL,
        security_since_seq bigint,
        first_seq bigint NOT NULL,
        last_seq bigint NOT NULL,
        body jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX incidents_security_since ON incidents (security_since_seq) WHERE security_since_seq IS NOT NULL`,
      `CREATE INDEX incidents_number ON incidents (number)`,
      // Human numbers. A rolled-back push burns the numbers it drew; a gap in INC numbers is
      // harmless, two incidents with one number would not be.
      `CREATE SEQUENCE incident_number_seq`,
    ],
  },
  {
    version: 2,
    name: 'attachment bytes by content hash',
    statements: [
      // The log carries only an attachment's descriptor (name, type, size, hash); the bytes live
      // here once, however many incidents reference them (DESIGN §2).
      `CREATE TABLE attachments (
        sha256 text PRIMARY KEY,
        size integer NOT NULL,
        bytes bytea NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    name: 'known sign-in places, attachment uploaders and references',
    statements: [
      // Where each account signed in successfully: the address and username throttles spare it there.
      `CREATE TABLE login_places (
        username text NOT NULL,
        address text NOT NULL,
        last_success_at timestamptz NOT NULL,
        PRIMARY KEY (username, address)
      )`,
      // Everyone who proved they hold a file's bytes by uploading them (the first upload stores them).
      `CREATE TABLE attachment_uploads (
        sha256 text NOT NULL,
        user_id text NOT NULL,
        uploaded_at timestamptz NOT NULL,
        PRIMARY KEY (sha256, user_id)
      )`,
      `INSERT INTO attachment_uploads (sha256, user_id, uploaded_at) SELECT sha256, uploaded_by, uploaded_at FROM attachments`,
      // Each AttachmentAdded the log accepted. A reference opens the bytes to whoever may see its
      // incident only if its author uploaded them, or could already read them when it was pushed
      // (vouched): a hash seen somewhere is not a key to the file.
      `CREATE TABLE attachment_references (
        event_id uuid PRIMARY KEY,
        sha256 text NOT NULL,
        incident_id uuid NOT NULL,
        added_by text NOT NULL,
        vouched boolean NOT NULL
      )`,
      `CREATE INDEX attachment_references_sha256 ON attachment_references (sha256)`,
      `INSERT INTO attachment_references (event_id, sha256, incident_id, added_by, vouched)
       SELECT id, body->'payload'->>'sha256', incident_id, actor_id, false FROM events WHERE type = 'AttachmentAdded'`,
    ],
  },
  {
    version: 4,
    name: 'the organization configuration log and group managers',
    statements: [
      // One row per accepted change of one configuration section, in server order (seq), kept
      // forever: what was in force at any past instant is the changes made up to it.
      `CREATE TABLE config_changes (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        section text NOT NULL,
        value jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_by_name text NOT NULL,
        changed_at timestamptz NOT NULL
      )`,
      `ALTER TABLE assignment_groups ADD COLUMN manager_id text REFERENCES users (id) ON DELETE SET NULL`,
    ],
  },
  {
    version: 5,
    name: 'monitoring alert intake',
    statements: [
      // A monitoring source: its URL segment (id), its rules, and the hash of its one live
      // integration key (null once revoked). The key itself is shown once, at issue, and never kept.
      `CREATE TABLE intake_sources (
        id text PRIMARY KEY,
        name text NOT NULL,
        rules jsonb NOT NULL,
        key_hash text,
        key_hint text,
        key_issued_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE UNIQUE INDEX intake_sources_key_hash ON intake_sources (key_hash) WHERE key_hash IS NOT NULL`,
      // The incident each alert key last opened: a trigger while it is open adds an occurrence.
      `CREATE TABLE alert_keys (
        source_id text NOT NULL,
        dedup_key text NOT NULL,
        incident_id uuid NOT NULL,
        PRIMARY KEY (source_id, dedup_key)
      )`,
      // Deliveries that named an id of their own (a generic event's eventId): a retry is answered, not counted again.
      `CREATE TABLE alert_deliveries (
        source_id text NOT NULL,
        delivery_id text NOT NULL,
        incident_id uuid,
        received_at timestamptz NOT NULL,
        PRIMARY KEY (source_id, delivery_id)
      )`,
      `CREATE INDEX alert_deliveries_received_at ON alert_deliveries (received_at)`,
      // The correlation window open on each service of each source: its first incident, its alert count.
      `CREATE TABLE alert_windows (
        source_id text NOT NULL,
        service text NOT NULL,
        parent_incident_id uuid NOT NULL,
        opened_at timestamptz NOT NULL,
        alerts integer NOT NULL,
        storm_proposed boolean NOT NULL,
        PRIMARY KEY (source_id, service)
      )`,
    ],
  },
  {
    version: 6,
    name: 'webhooks and their deliveries',
    statements: [
      // A receiver of the log's events of some types. Its secret signs every delivery (HMAC), so
      // it is kept as it is; it is shown to the admin once, when the webhook is registered.
      `CREATE TABLE webhooks (
        id uuid PRIMARY KEY,
        url text NOT NULL,
        description text NOT NULL,
        event_types text[] NOT NULL,
        include_security boolean NOT NULL,
        secret text NOT NULL,
        active boolean NOT NULL,
        from_seq bigint NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL
      )`,
      // How far the fan-out has read the log: every event up to here has its deliveries queued.
      `CREATE TABLE outbound_cursor (name text PRIMARY KEY, seq bigint NOT NULL)`,
      // One delivery per webhook and event, whatever happens (the unique key is what makes
      // "never sent twice for the same event" hold across retries, restarts and instances).
      `CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY,
        webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_seq bigint NOT NULL,
        incident_id uuid NOT NULL,
        event_type text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        last_status integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (webhook_id, event_id)
      )`,
      `CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`,
      `CREATE INDEX webhook_deliveries_incident ON webhook_deliveries (incident_id)`,
      // Every attempt of every delivery: the delivery log an admin reads when a receiver complains.
      `CREATE TABLE webhook_attempts (
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        attempted_at timestamptz NOT NULL,
        status integer,
        error text,
        duration_ms integer NOT NULL,
        PRIMARY KEY (delivery_id, attempt)
      )`,
    ],
  },
  {
    version: 7,
    name: 'API tokens',
    statements: [
      // A token for the public API acts as one account, with that account's role, within its
      // scopes; only its SHA-256 is kept.
      `CREATE TABLE api_tokens (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        scopes text[] NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz
      )`,
    ],
  },
  {
    version: 8,
    name: 'mail in and out',
    statements: [
      // Every Message-ID the desk knows, sent or received, with its incident: how a reply finds its thread.
      `CREATE TABLE mail_messages (
        message_id text PRIMARY KEY,
        incident_id uuid NOT NULL,
        direction text NOT NULL,
        at timestamptz NOT NULL
      )`,
      // The outgoing queue: one row per notification of one event (never two: the unique key),
      // rendered when queued, so a retry sends the very same message under the same Message-ID.
      `CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY,
        event_id uuid NOT NULL,
        template text NOT NULL,
        incident_id uuid NOT NULL,
        recipients text[] NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        message_id text NOT NULL,
        in_reply_to text,
        status text NOT NULL,
        attempts integer NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        sent_at timestamptz,
        created_at timestamptz NOT NULL,
        UNIQUE (event_id, template)
      )`,
      `CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'pending'`,
      // Templates an admin changed (the rest are the defaults, src-server/mail/templates.ts).
      `CREATE TABLE mail_templates (id text PRIMARY KEY, subject text NOT NULL, body text NOT NULL, updated_by text NOT NULL, updated_at timestamptz NOT NULL)`,
      // Who a major incident's stakeholder updates go to, by the audience the update names.
      `CREATE TABLE mail_lists (audience text PRIMARY KEY, addresses text[] NOT NULL, updated_at timestamptz NOT NULL)`,
      // People who wrote in and are not accounts: a caller by address, named as they first signed.
      `CREATE TABLE mail_contacts (address text PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL)`,
    ],
  },
]

export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError'
}

/**
 * Brings the schema up to date. Safe when several instances start at once: the first takes the
 * advisory lock and migrates; the others wait on it, then find nothing left to do.
 */
export async function migrate(database: Database, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return database.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.migrations])
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    )
    const applied = new Set((await tx.query<{ version: unknown }>('SELECT version FROM schema_migrations')).map((row) => toNumber(row.version)))
    const known = new Set(migrations.map((migration) => migration.version))
    const unknown = [...applied].filter((version) => !known.has(version))
    if (unknown.length > 0) {
      // A newer server migrated this database; running older code on it could corrupt it.
      throw new SchemaTooNewError(`The database has schema version ${Math.max(...unknown)}, newer than this server knows; upgrade the server.`)
    }
    const done: number[] = []
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue
      await runStatements(tx, migration.statements)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name])
      done.push(migration.version)
    }
    return done
  })
}

async function runStatements(tx: Queryable, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await tx.query(statement)
}
