import type { SyncCounts } from '../../src-shared/sync/syncRound'
import { applyServerConfig } from '../config/orgConfigStore'
import { readMeta, META_KEYS } from '../store/meta'
import type { SyncContext } from './context'
import { callTransport, protocolViolation } from './transport'

/**
 * The organization's configuration, pulled after this desk's configuration cursor, page by page,
 * each page applied in its own transaction with the cursor (config/orgConfigStore.ts): a round
 * cut short resumes after the last page it kept. The directory comes whole with every page.
 */
export async function pullConfiguration(context: SyncContext, counts: SyncCounts): Promise<void> {
  const { db, transport } = context
  let after = (await readMeta<string>(db, META_KEYS.configCursor)) ?? '0'
  for (;;) {
    const page = await callTransport(() => transport.config(after))
    if (page.changes.some((change, index) => change.seq <= Number(after) || (index > 0 && change.seq <= page.changes[index - 1]!.seq))) {
      throw protocolViolation(`configuration changes out of order after ${after}.`)
    }
    await applyServerConfig(db, page.changes, page.directory, page.cursor, new Date(context.now()))
    counts.configChanges += page.changes.length
    if (!page.hasMore || page.cursor === after) return
    after = page.cursor
  }
}
