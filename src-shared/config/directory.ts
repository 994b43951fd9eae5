import type { SupportLevel } from '../incident/levels'
import type { Role } from '../incident/roles'

/**
 * Who works the desk and in which groups, as the server's accounts say (DESIGN §2: configuration
 * is data). Every desk pulls it with the configuration, so assign pickers offer the organization's
 * people and groups offline, not only names seen on local incidents. No secret is in it: no
 * username, no password, no session.
 */
export interface DirectoryPerson {
  userId: string
  displayName: string
  role: Role
  groupIds: string[]
}

export interface DirectoryGroup {
  id: string
  name: string
  level: SupportLevel
  security: boolean
  /** Who SLA escalation notifies first (hierarchical escalation); null when the group has none. */
  managerId: string | null
}

export interface Directory {
  people: DirectoryPerson[]
  groups: DirectoryGroup[]
}

export const EMPTY_DIRECTORY: Directory = { people: [], groups: [] }

/** The members of the group named `groupName`, for the assignee picker once a group is chosen. */
export function membersOf(directory: Directory, groupName: string | null): DirectoryPerson[] {
  const group = directory.groups.find((candidate) => candidate.name === groupName)
  if (!group) return []
  return directory.people.filter((person) => person.groupIds.includes(group.id))
}

/**
 * Who and what an assign picker offers: the directory's groups and people first (the
 * organization's, offline too), then names seen on this desk's incidents that the directory does
 * not have (imported groups, a standalone desk's own), each once.
 */
export function assignChoices(directory: Directory, seen: { groups: readonly string[]; people: readonly { userId: string; displayName: string }[] }): { groups: string[]; people: { userId: string; displayName: string }[] } {
  const groups = [...new Set([...directory.groups.map((group) => group.name), ...seen.groups])]
  const people = new Map<string, { userId: string; displayName: string }>()
  for (const person of [...directory.people, ...seen.people]) if (!people.has(person.userId)) people.set(person.userId, { userId: person.userId, displayName: person.displayName })
  return { groups, people: [...people.values()] }
}
