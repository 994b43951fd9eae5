import { expect, it } from 'vitest'
import { DEFAULT_ORG_CONFIG, type ConfigChange } from '../../src-shared/config/orgConfig'
import type { Taxonomy } from '../../src-shared/config/taxonomy'
import type { PriorityMatrix } from '../../src-shared/incident/priority'
import type { Actor } from '../../src-shared/incident/roles'
import type { ConfigPull } from '../../src-shared/sync/protocol'
import { ALL_PEOPLE, people } from '../fixtures/incidents'
import { describeServer, type ServerHarness } from './harness'

const ESCALATED_MATRIX: PriorityMatrix = [
  [1, 1, 2],
  [2, 3, 4],
  [3, 4, 5],
]

function save(server: ServerHarness, section: string, value: unknown, as: Actor = people.alex) {
  return server.request({ method: 'PUT', url: `/api/v1/config/${section}`, payload: { value }, as })
}

async function pull(server: ServerHarness, after = '0', as: Actor = people.grace): Promise<ConfigPull> {
  const response = await server.request({ method: 'GET', url: `/api/v1/config?after=${after}`, as })
  expect(response.statusCode).toBe(200)
  return response.json<ConfigPull>()
}

async function createGroup(server: ServerHarness, name: string, level: 1 | 2 | 3) {
  const response = await server.request({ method: 'POST', url: '/api/v1/admin/groups', payload: { name, level, memberIds: ['u-dmitri'] }, as: people.alex })
  expect(response.statusCode).toBe(201)
}

describeServer('organization configuration /api/v1/config', (server) => {
  it('should refuse a change from every role but admin with 403, and write nothing', async () => {
    for (const person of ALL_PEOPLE.filter((candidate) => candidate.role !== 'admin')) {
      const response = await save(server, 'priorityMatrix', ESCALATED_MATRIX, person)
      expect(response.statusCode, person.role).toBe(403)
      expect(response.json()).toMatchObject({ code: 'forbidden', message: 'Only an admin can change the organization’s configuration.' })
    }
    expect((await server.request({ method: 'GET', url: '/api/v1/config' })).statusCode).toBe(401)
    expect((await pull(server)).changes).toEqual([])
  })

  it('should number each admin change, say who made it and when, and give it to every desk after its cursor', async () => {
    const first = await save(server, 'priorityMatrix', ESCALATED_MATRIX)
    expect(first.statusCode).toBe(200)
    const change = first.json<ConfigChange>()
    expect(change).toMatchObject({ seq: 1, section: 'priorityMatrix', value: ESCALATED_MATRIX, changedBy: { userId: 'u-alex', displayName: 'Alex Morgan' }, changedAt: server.clock.now.toISOString() })
    expect((await save(server, 'autoCloseDays', 3)).json<ConfigChange>().seq).toBe(2)

    const all = await pull(server)
    expect(all.changes.map((each) => [each.seq, each.section])).toEqual([
      [1, 'priorityMatrix'],
      [2, 'autoCloseDays'],
    ])
    expect(all.cursor).toBe('2')
    expect(all.hasMore).toBe(false)
    const later = await pull(server, all.cursor, people.tomas)
    expect(later).toMatchObject({ changes: [], cursor: '2', hasMore: false })
  })

  it('should refuse an invalid value with its reasons and keep the configuration as it was', async () => {
    const inverted = await save(server, 'priorityMatrix', [
      [5, 2, 3],
      [2, 3, 4],
      [3, 4, 5],
    ])
    expect(inverted.statusCode).toBe(400)
    expect(inverted.json()).toMatchObject({ code: 'invalid_config', message: 'Urgency 1 must not give a lower priority than urgency 2 (impact 1).' })
    expect((await save(server, 'priorityMatrix', [[1, 2]])).statusCode).toBe(400)
    expect((await save(server, 'autoCloseDays', 0)).statusCode).toBe(400)
    const noSecurity: Taxonomy = { categories: DEFAULT_ORG_CONFIG.taxonomy.categories.filter((category) => category.id !== 'security') }
    expect((await save(server, 'taxonomy', noSecurity)).json()).toMatchObject({ code: 'invalid_config' })
    // A policy naming a calendar that does not exist, and a calendar the policy still uses removed.
    const policy = { ...DEFAULT_ORG_CONFIG.slaPolicy, 3: { ...DEFAULT_ORG_CONFIG.slaPolicy[3], calendarId: 'lisbon' } }
    expect((await save(server, 'slaPolicy', policy)).json()).toMatchObject({ code: 'invalid_config', message: 'P3 Moderate: calendar "lisbon" does not exist.' })
    expect((await save(server, 'calendars', { '24x7': DEFAULT_ORG_CONFIG.calendars['24x7'] })).json()).toMatchObject({ code: 'invalid_config' })
    expect((await save(server, 'unknown', 1)).statusCode).toBe(400)
    expect((await pull(server)).changes).toEqual([])
  })

  it('should accept a category default group only when that assignment group exists', async () => {
    const routed: Taxonomy = {
      categories: DEFAULT_ORG_CONFIG.taxonomy.categories.map((category) => (category.id === 'network' ? { ...category, defaultGroup: 'Network Operations' } : category)),
    }
    const refused = await save(server, 'taxonomy', routed)
    expect(refused.json()).toMatchObject({ statusCode: 400, code: 'unknown_group', message: 'No assignment group is named "Network Operations"; create it first.' })
    await createGroup(server, 'Network Operations', 2)
    expect((await save(server, 'taxonomy', routed)).statusCode).toBe(200)
    const { changes } = await pull(server)
    expect((changes[0]!.value as Taxonomy).categories.find((category) => category.id === 'network')?.defaultGroup).toBe('Network Operations')
  })

  it('should give every signed-in desk the directory: enabled people with their groups, groups with level and manager, no usernames', async () => {
    await createGroup(server, 'Field Services', 1)
    await server.request({ method: 'PATCH', url: '/api/v1/admin/users/u-aiko', payload: { disabled: true }, as: people.alex })
    const { directory } = await pull(server, '0', people.tomas)
    expect(directory.groups).toEqual([{ id: expect.any(String), name: 'Field Services', level: 1, security: false, managerId: null }])
    const dmitri = directory.people.find((person) => person.userId === 'u-dmitri')
    expect(dmitri).toEqual({ userId: 'u-dmitri', displayName: 'Dmitri Volkov', role: 'l2_specialist', groupIds: [directory.groups[0]!.id] })
    expect(directory.people.map((person) => person.userId)).not.toContain('u-aiko')
    expect(JSON.stringify(directory)).not.toMatch(/username|password|scrypt/)
  })
})
