import type { Actor } from '../../src-shared/incident/roles'
import type { PushResult } from '../../src-shared/sync/protocol'
import type { Database } from '../db/database'
import { createGroupCommit } from '../db/groupCommit'
import { LOCKS } from '../db/locks'
import { appendPushes, preparePush, type PreparedPush } from './push'

/**
 * Group commit for pushes (db/groupCommit.ts). Appends are serialized across all instances by one
 * lock held until commit (eventLog.ts), so a transaction per push would cap the server at one
 * push per commit round trip, a few hundred a second, however many desks wait. Pushes that
 * arrive while a transaction runs are appended together in the next one: one lock, one commit,
 * many pushes. A push is answered only after its transaction commits; desks retry an unanswered
 * one (pushes are idempotent by event id).
 */
export interface EventAppender {
  push(actor: Actor, events: readonly unknown[]): Promise<PushResult[]>
}

export interface AppenderOptions {
  /** Cap on events per transaction, so one transaction stays short even when a crowd is waiting. */
  maxEventsPerTransaction?: number
  /** Told after each committed append transaction. */
  onCommitted?: () => void
}

export function createAppender(database: Database, now: () => Date, options: AppenderOptions = {}): EventAppender {
  const appends = createGroupCommit<PreparedPush, PushResult[]>(
    async (batch) => {
      const results = await database.transaction((tx) => appendPushes(tx, batch, now()), { advisoryLock: LOCKS.appendEvents })
      options.onCommitted?.()
      return results
    },
    { weightOf: (push) => push.candidates.length, maxWeight: options.maxEventsPerTransaction ?? 5_000 },
  )
  return {
    push(actor, events) {
      const push = preparePush(actor, events, now())
      // Nothing well-formed: nothing to append, no transaction.
      if (push.candidates.length === 0) return Promise.resolve([...push.results])
      return appends.submit(push)
    },
  }
}
