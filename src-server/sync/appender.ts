import type { Actor } from '../../src-shared/incident/roles'
import type { PushResult } from '../../src-shared/sync/protocol'
import type { Database } from '../db/database'
import { LOCKS } from '../db/locks'
import { appendPushes, preparePush, type PreparedPush } from './push'

/**
 * Group commit for pushes. Appends are serialized across all instances by one lock held until
 * commit (eventLog.ts), so a transaction per push would cap the server at one push per commit
 * round trip, a few hundred a second, however many desks wait. Instead each instance queues
 * the pushes that arrive while its transaction runs and appends them together in the next one:
 * one lock, one commit, many pushes. Under light load a push goes alone at once; under heavy
 * load transactions grow, and throughput with them.
 *
 * The queue is in memory but holds nothing that matters: a push is answered only after its
 * transaction commits, so a crash loses only unanswered requests, which desks retry (pushes are
 * idempotent by event id).
 */
export interface EventAppender {
  push(actor: Actor, events: readonly unknown[]): Promise<PushResult[]>
}

interface QueuedPush {
  push: PreparedPush
  resolve: (results: PushResult[]) => void
  reject: (error: unknown) => void
}

export interface AppenderOptions {
  /** Cap on events per transaction, so one transaction stays short even when a crowd is waiting. */
  maxEventsPerTransaction?: number
}

export function createAppender(database: Database, now: () => Date, options: AppenderOptions = {}): EventAppender {
  const maxEvents = options.maxEventsPerTransaction ?? 5_000
  const queue: QueuedPush[] = []
  let draining = false

  const commit = async (batch: readonly QueuedPush[]): Promise<void> => {
    try {
      const outcomes = await database.transaction((tx) => appendPushes(tx, batch.map((queued) => queued.push), now()), {
        advisoryLock: LOCKS.appendEvents,
      })
      batch.forEach((queued, index) => queued.resolve(outcomes[index]!))
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error)
        return
      }
      // One push's failure must not fail its neighbours: retry each alone, so only the culprit errs.
      for (const queued of batch) await commit([queued])
    }
  }

  const drain = async (): Promise<void> => {
    draining = true
    try {
      while (queue.length > 0) {
        let events = 0
        let take = 0
        while (take < queue.length && (take === 0 || events + queue[take]!.push.candidates.length <= maxEvents)) {
          events += queue[take]!.push.candidates.length
          take += 1
        }
        await commit(queue.splice(0, take))
      }
    } finally {
      draining = false
    }
  }

  return {
    push(actor, events) {
      const push = preparePush(actor, events, now())
      // Nothing well-formed: nothing to append, no transaction.
      if (push.candidates.length === 0) return Promise.resolve([...push.results])
      return new Promise((resolve, reject) => {
        queue.push({ push, resolve, reject })
        if (!draining) void drain()
      })
    },
  }
}
