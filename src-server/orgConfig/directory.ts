import type { Directory } from '../../src-shared/config/directory'
import type { SupportLevel } from '../../src-shared/incident/levels'
import type { Role } from '../../src-shared/incident/roles'
import type { Queryable } from '../db/database'

/**
 * The directory every desk pulls (src-shared/config/directory.ts): the enabled accounts with
 * their groups, and the assignment groups with their level and manager. Names and roles only:
 * no username, no password hash, nothing a desk could sign in with.
 */
export async function readDirectory(db: Queryable): Promise<Directory> {
  const [people, groups] = await Promise.all([
    db.query<{ id: string; display_name: string; role: Role; group_ids: string[] | null }>(
      `SELECT u.id, u.display_name, u.role,
              coalesce((SELECT array_agg(m.group_id ORDER BY m.group_id) FROM group_members m WHERE m.user_id = u.id), '{}') AS group_ids
         FROM users u WHERE NOT u.disabled ORDER BY u.display_name, u.id`,
    ),
    db.query<{ id: string; name: string; level: number; security: boolean; manager_id: string | null }>(
      'SELECT id, name, level, security, manager_id FROM assignment_groups ORDER BY level, name',
    ),
  ])
  return {
    people: people.map((row) => ({ userId: row.id, displayName: row.display_name, role: row.role, groupIds: row.group_ids ?? [] })),
    groups: groups.map((row) => ({ id: row.id, name: row.name, level: row.level as SupportLevel, security: row.security, managerId: row.manager_id })),
  }
}
