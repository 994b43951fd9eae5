import { newId } from '../../src-shared/events/ids'
import type { SupportLevel } from '../../src-shared/incident/levels'
import type { Database, Queryable } from '../db/database'
import { isDatabaseError, PG_UNIQUE_VIOLATION, toIso } from '../db/database'
import { badRequest, conflict, notFound } from '../http/errors'

/**
 * Assignment groups: the queues incidents are assigned and escalated to, each at a support
 * level. `security` marks the security group; who sees security incidents is still decided by
 * role (src-shared/incident/visibility.ts), the flag tells the desk which group is theirs.
 */
export interface AssignmentGroupRecord {
  id: string
  name: string
  level: SupportLevel
  security: boolean
  /** Who SLA escalation notifies for the group's incidents; null for nobody. */
  managerId: string | null
  memberIds: string[]
  createdAt: string
}

interface GroupRow {
  id: string
  name: string
  level: number
  security: boolean
  manager_id: string | null
  created_at: unknown
  member_ids: string[] | null
}

const SELECT_GROUPS = `
  SELECT g.id, g.name, g.level, g.security, g.manager_id, g.created_at,
         coalesce((SELECT array_agg(m.user_id ORDER BY m.user_id) FROM group_members m WHERE m.group_id = g.id), '{}') AS member_ids
    FROM assignment_groups g`

function toGroup(row: GroupRow): AssignmentGroupRecord {
  return {
    id: row.id,
    name: row.name,
    level: row.level as SupportLevel,
    security: row.security,
    managerId: row.manager_id,
    memberIds: row.member_ids ?? [],
    createdAt: toIso(row.created_at),
  }
}

export async function listGroups(db: Queryable): Promise<AssignmentGroupRecord[]> {
  return (await db.query<GroupRow>(`${SELECT_GROUPS} ORDER BY g.level, g.name`)).map(toGroup)
}

export interface NewGroup {
  id?: string
  name: string
  level: SupportLevel
  security?: boolean | undefined
  memberIds?: readonly string[] | undefined
}

export async function createGroup(db: Database, input: NewGroup, now: Date): Promise<AssignmentGroupRecord> {
  const id = input.id ?? newId()
  try {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO assignment_groups (id, name, level, security, created_at) VALUES ($1, $2, $3, $4, $5)', [
        id,
        input.name.trim(),
        input.level,
        input.security ?? false,
        now.toISOString(),
      ])
      const members = [...new Set(input.memberIds ?? [])]
      if (members.length === 0) return
      const known = await tx.query<{ id: string }>('SELECT id FROM users WHERE id = ANY($1::text[])', [members])
      const missing = members.filter((member) => !known.some((row) => row.id === member))
      if (missing.length > 0) throw badRequest('unknown_user', `No account with id ${missing.join(', ')}.`)
      await tx.query('INSERT INTO group_members (group_id, user_id) SELECT $1, unnest($2::text[])', [id, members])
    })
  } catch (error) {
    if (isDatabaseError(error, PG_UNIQUE_VIOLATION)) throw conflict('group_exists', `An assignment group named "${input.name.trim()}" already exists.`)
    throw error
  }
  return (await db.query<GroupRow>(`${SELECT_GROUPS} WHERE g.id = $1`, [id])).map(toGroup)[0]!
}

/** Names the group's manager (an existing account), or clears it. */
export async function updateGroup(db: Queryable, groupId: string, changes: { managerId: string | null }): Promise<AssignmentGroupRecord> {
  if (changes.managerId !== null) {
    const known = await db.query<{ id: string }>('SELECT id FROM users WHERE id = $1', [changes.managerId])
    if (known.length === 0) throw badRequest('unknown_user', `No account with id ${changes.managerId}.`)
  }
  const updated = await db.query<{ id: string }>('UPDATE assignment_groups SET manager_id = $2 WHERE id = $1 RETURNING id', [groupId, changes.managerId])
  if (updated.length === 0) throw notFound('group_not_found', `No assignment group with id ${groupId}.`)
  return (await db.query<GroupRow>(`${SELECT_GROUPS} WHERE g.id = $1`, [groupId])).map(toGroup)[0]!
}
