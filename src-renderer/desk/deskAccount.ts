import type { StoredEvent } from '../../src-shared/events/events'
import type { Actor } from '../../src-shared/incident/roles'
import type { JoinedServer } from '../../src-shared/data/deskDataContract'
import { actorOf, type AccountInfo } from '../../src-shared/sync/protocol'
import type { IncidentDeskDatabase } from '../store/database'
import { META_KEYS, readMeta, writeMeta } from '../store/meta'
import { readNumberingMode } from '../store/numbering'
import { unpackOutbox } from '../store/outboxPacks'
import { refoldIncidents, storeTables, updateStateCounts } from '../store/refold'
import { readRules } from '../config/orgConfigStore'
import type { DeskSession } from '../store/session'

/**
 * The server a desk joined and the account last signed in there, kept in the desk's meta table
 * so a desk that lost its session (a web tab reloads and forgets its in-memory token; a session
 * expires) still says whose desk it is and where it syncs, and offers that in the sign-in form.
 * Not a secret: no token, no password.
 */
export type { JoinedServer }

const JOINED_SERVER_KEY = 'joinedServer'

export function readJoinedServer(db: IncidentDeskDatabase): Promise<JoinedServer | undefined> {
  return readMeta<JoinedServer>(db, JOINED_SERVER_KEY)
}

export function rememberJoinedServer(db: IncidentDeskDatabase, joined: JoinedServer): Promise<void> {
  return writeMeta(db, JOINED_SERVER_KEY, joined)
}

/** A standalone desk's own user (store/session.ts): nobody's account, so its work needs an owner on joining. */
function isStandaloneActor(actor: Actor): boolean {
  return actor.userId.startsWith('local-')
}

/**
 * The desk now works as `account`: commands from here on are stamped with it (the store reads
 * `session.actor` at each commit) and so is every later start of the desk.
 *
 * Joining a server for the first time, a standalone desk hands its local work to the account
 * that joined it: the events its one local user wrote and never pushed are re-attributed to the
 * account, in one transaction with their incidents' refold. They never left this device (a
 * standalone desk has no server), the local user *is* the person signing in, and without this
 * the server would refuse every one of them as written by someone else, and a standalone desk
 * could not join without losing its incidents. Events already pushed are never rewritten.
 * Returns how many events changed author.
 */
export async function adoptAccount(db: IncidentDeskDatabase, session: DeskSession, account: AccountInfo): Promise<number> {
  const actor = actorOf(account)
  const previous = session.actor
  let adopted = 0
  // Read before the transaction: the configuration is not among the store's tables it opens.
  const rules = await readRules(db)
  // An import's packed entries one by one, so its events are found below.
  if (isStandaloneActor(previous)) await unpackOutbox(db)
  await db.transaction('rw', storeTables(db), async () => {
    if (isStandaloneActor(previous)) {
      const entries = await db.outbox.toArray()
      const events = (await db.events.bulkGet(entries.map((entry) => entry.eventId))).filter(
        (event): event is StoredEvent => event !== undefined && event.serverSeq === undefined && event.actor.userId === previous.userId,
      )
      if (events.length > 0) {
        await db.events.bulkPut(events.map((event) => ({ ...event, actor })))
        // A push the server refused only because of the author goes again with the new one.
        const retried = entries
          .filter((entry) => entry.status === 'refused' && entry.refusal?.code === 'actor_mismatch')
          .map((entry) => ({ ...entry, status: 'pending' as const, refusal: null }))
        if (retried.length > 0) await db.outbox.bulkPut(retried)
        const refold = {
          config: rules,
          nowIso: new Date().toISOString(),
          provisionalNumbering: (await readNumberingMode(db)) === 'provisional',
        }
        await updateStateCounts(db, await refoldIncidents(db, new Set(events.map((event) => event.incidentId)), refold))
        adopted = events.length
      }
    }
    await writeMeta(db, META_KEYS.localActor, actor)
  })
  session.actor = actor
  return adopted
}
