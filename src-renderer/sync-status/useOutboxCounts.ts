import type { OutboxCounts } from '../../src-shared/data/deskDataContract'
import { useDeskQuery } from '../data-worker/useDeskQuery'
import { useDesk } from '../desk/deskContext'

/**
 * Changes waiting for the next push and those the server refused, asked of the data worker again
 * after every write to the outbox. Undefined until the first answer.
 */
export function useOutboxCounts(): OutboxCounts | undefined {
  const { data } = useDesk()
  return useDeskQuery(() => data.outboxCounts(), [data], ['outbox'])
}
