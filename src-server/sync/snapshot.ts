import type { Role } from '../../src-shared/incident/roles'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import type { Queryable } from '../db/database'
import { toNumber } from '../db/database'
import { badRequest } from '../http/errors'
import { UUID_PATTERN } from '../http/schemas'
import { headSeq, incidentEvents } from './eventLog'
import { refold } from './projections'
import { cursorAhead } from './pull'

/**
 * A new desk's start: the incidents it may see, page by page in id order, every page as of one
 * log position, the `cursor`. The first page fixes it (the head of the log at that moment);
 * `nextAfter` carries it to the next page ("<cursor>:<last id>"), so a desk that passes
 * `nextAfter` back gets a consistent snapshot however long the paging takes. An incident
 * changed meanwhile is refolded from its events up to the cursor; one created after it is left
 * out. Once every page is in, the desk pulls from `cursor` and receives exactly the events the
 * snapshot does not contain: no gap, nothing applied twice.
 *
 * `after` may also be a bare incident id (the contract's first form): the page is then as of now.
 */
export interface RawSnapshotPage {
  /** Each incident's JSON text. */
  incidents: string[]
  cursor: number
  nextAfter: string | null
}

export async function snapshotPage(db: Queryable, role: Role, after: string | undefined, limit: number): Promise<RawSnapshotPage> {
  const head = await headSeq(db)
  const position = parseAfter(after)
  const cursor = position.cursor ?? head
  if (cursor > head) throw cursorAhead()
  const seesSecurity = canSeeSecurityIncidents(role)
  // body::text: incidents go out as stored, without parsing and re-serializing each one.
  const rows = await db.query<{ id: string; body: string; last_seq: unknown }>(
    `SELECT id, body::text AS body, last_seq FROM incidents
      WHERE id > $1::uuid AND first_seq <= $2 ${seesSecurity ? '' : 'AND NOT is_security'}
      ORDER BY id LIMIT $3`,
    [position.afterId ?? NIL_UUID, cursor, limit + 1],
  )
  const page = rows.slice(0, limit)
  const incidents: string[] = []
  for (const row of page) {
    if (toNumber(row.last_seq) <= cursor) incidents.push(row.body)
    else incidents.push(JSON.stringify(refold(await incidentEvents(db, row.id, cursor))))
  }
  const last = page[page.length - 1]
  return { incidents, cursor, nextAfter: rows.length > limit && last ? `${cursor}:${last.id}` : null }
}

/** The SnapshotPage (src-shared/sync/protocol.ts) as JSON text, the incidents spliced in as stored. */
export function snapshotResponseJson(page: RawSnapshotPage): string {
  return `{"incidents":[${page.incidents.join(',')}],"cursor":"${page.cursor}","nextAfter":${JSON.stringify(page.nextAfter)}}`
}

const UUID = new RegExp(UUID_PATTERN)
/** Sorts before every id: the first page starts after it. */
const NIL_UUID = '00000000-0000-0000-0000-000000000000'

function parseAfter(after: string | undefined): { cursor: number | null; afterId: string | null } {
  if (after === undefined || after === '') return { cursor: null, afterId: null }
  if (UUID.test(after)) return { cursor: null, afterId: after }
  const separator = after.indexOf(':')
  const cursor = after.slice(0, separator)
  const afterId = after.slice(separator + 1)
  if (separator > 0 && /^[0-9]{1,15}$/.test(cursor) && UUID.test(afterId)) return { cursor: Number(cursor), afterId }
  throw badRequest('invalid_query', 'querystring/after must be the nextAfter of the previous snapshot page.')
}
