/**
 * Group commit: work that arrives while a transaction runs waits and goes together in the next
 * one, so a crowd of requests pays for one lock, one commit and one round of queries instead of
 * one each. Under light load an item goes alone at once; under heavy load batches grow, and
 * throughput with them. Used by the event log's appends (sync/appender.ts) and the alert intake
 * (intake/alertIntake.ts), both serialized by one advisory lock.
 *
 * The queue is in memory but holds nothing that matters: an item is answered only once its
 * transaction committed, so a crash loses only unanswered requests, which their senders retry.
 */
export interface GroupCommit<Item, Result> {
  submit(item: Item): Promise<Result>
}

export interface GroupCommitOptions<Item> {
  /** How much of the batch's budget one item takes (events in a push); 1 when omitted. */
  weightOf?: (item: Item) => number
  /** Budget of one batch, so one transaction stays short even when a crowd is waiting. */
  maxWeight: number
}

/**
 * `commit` runs one batch in one transaction and answers each item, in order. When a batch
 * fails, each of its items is retried alone, so only the culprit's sender sees the error.
 */
export function createGroupCommit<Item, Result>(
  commit: (batch: readonly Item[]) => Promise<readonly Result[]>,
  options: GroupCommitOptions<Item>,
): GroupCommit<Item, Result> {
  const weightOf = options.weightOf ?? (() => 1)
  const queue: Array<{ item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void }> = []
  let draining = false

  const run = async (batch: typeof queue): Promise<void> => {
    try {
      const results = await commit(batch.map((queued) => queued.item))
      batch.forEach((queued, index) => queued.resolve(results[index]!))
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error)
        return
      }
      for (const queued of batch) await run([queued])
    }
  }

  const drain = async (): Promise<void> => {
    draining = true
    try {
      // One turn of the event loop first: requests already read and checked (their body parsed,
      // their key looked up) join this batch instead of each opening a transaction of its own.
      await new Promise((resolve) => setImmediate(resolve))
      while (queue.length > 0) {
        let weight = 0
        let take = 0
        while (take < queue.length && (take === 0 || weight + weightOf(queue[take]!.item) <= options.maxWeight)) {
          weight += weightOf(queue[take]!.item)
          take += 1
        }
        await run(queue.splice(0, take))
      }
    } finally {
      draining = false
    }
  }

  return {
    submit(item) {
      return new Promise((resolve, reject) => {
        queue.push({ item, resolve, reject })
        if (!draining) void drain()
      })
    },
  }
}
