import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_ORG_CONFIG } from '../../src-shared/config/orgConfig'
import type { Taxonomy } from '../../src-shared/config/taxonomy'
import { newId } from '../../src-shared/events/ids'
import type { Actor } from '../../src-shared/incident/roles'
import { createAbortDeadlines, createSyncHttpClient, type FetchLike, type SyncHttpClient } from '../../src-shared/sync/httpClient'
import { startTestServer, type TestServer } from '../../src-server/testing'
import { createDeskDataService, type DeskDataService } from '../../src-renderer/data-worker/deskDataService'
import { answeringTransport } from '../../src-renderer/data-worker/syncRelay'
import { STANDALONE_CONFIG_KEY } from '../../src-renderer/config/orgConfigStore'
import { IncidentDeskDatabase } from '../../src-renderer/store/database'
import { createHttpTransport } from '../../src-renderer/sync/httpTransport'
import { DEFAULT_START, people, reports } from '../fixtures/incidents'

/**
 * The organization's configuration reaches a desk in a sync round and decides what the desk does
 * next, offline included: the priority a new incident gets, its SLA deadlines, where the log
 * form routes it. Against the real server over loopback HTTP.
 */

const SETUP_TIMEOUT_MS = 120_000
const services: DeskDataService[] = []
const databases: IncidentDeskDatabase[] = []
let server: TestServer

beforeAll(async () => {
  // The server's clock an hour before the desks' day (DEFAULT_START): the admin's changes come
  // into force before the incidents below are logged, as they would on one real timeline.
  server = await startTestServer({ accounts: [people.alex, people.grace], now: () => new Date(Date.parse(DEFAULT_START) - 60 * 60_000) })
}, SETUP_TIMEOUT_MS)
afterAll(() => server?.close(), SETUP_TIMEOUT_MS)
afterEach(() => {
  for (const service of services.splice(0)) service.close()
  for (const db of databases.splice(0)) db.close()
})

const openDatabase = (name: string) => new IncidentDeskDatabase(name, undefined, { indexedDB, IDBKeyRange })

async function newDesk(): Promise<{ service: DeskDataService; db: IncidentDeskDatabase }> {
  const name = `desk-${newId()}`
  const service = createDeskDataService({ openDatabase })
  services.push(service)
  await service.open(name)
  const db = openDatabase(name)
  databases.push(db)
  return { service, db }
}

function clientFor(actor: Actor): SyncHttpClient {
  return createSyncHttpClient<AbortSignal>({
    baseUrl: server.url,
    getToken: () => server.tokens[actor.userId] ?? null,
    fetch: ((url: string, init: RequestInit) => globalThis.fetch(url, init)) as FetchLike<AbortSignal>,
    deadline: createAbortDeadlines(
      () => new AbortController(),
      (callback, ms) => {
        const timer = setTimeout(callback, ms)
        return () => clearTimeout(timer)
      },
    ),
  })
}

const at = (actor: Actor) => ({ actor, nowMs: Date.parse(DEFAULT_START) })
const transportOf = (actor: Actor) => answeringTransport(createHttpTransport({ baseUrl: server.url, getToken: () => server.tokens[actor.userId] ?? null }))

describe('the organization configuration on a desk', () => {
  it('decides priority and SLA deadlines of what the desk logs after one sync round, and set aside what the desk had before', async () => {
    const admin = clientFor(people.alex)
    const { service: grace, db } = await newDesk()
    // Before joining, the desk had renamed a category of its own.
    const own: Taxonomy = { categories: DEFAULT_ORG_CONFIG.taxonomy.categories.map((category) => (category.id === 'other' ? { ...category, label: 'Miscellaneous' } : category)) }
    await db.config.put({ key: 'taxonomy', value: own, updatedAt: DEFAULT_START })

    const before = await grace.logIncident(reports.vpnDrops, at(people.grace))
    const beforeP3 = await grace.logIncident(reports.cardReader, at(people.grace))
    if (!before.ok || !beforeP3.ok) throw new Error('not logged')
    expect(before.incident.priority).toBe(2)
    expect((await db.incidents.get(beforeP3.incident.id))?.slaDueAt).toMatch(/^2025-03-03T13:00/)

    // The admin raises High impact × High… urgency cells, adds a public holiday on the day, and routes Network.
    await admin.saveConfig('priorityMatrix', [
      [1, 1, 2],
      [1, 3, 4],
      [3, 4, 5],
    ])
    const weekdays = DEFAULT_ORG_CONFIG.calendars['weekdays']!
    await admin.saveConfig('calendars', { ...DEFAULT_ORG_CONFIG.calendars, weekdays: { ...weekdays, holidays: ['2025-03-03'] } })
    await admin.createGroup({ name: 'Network Operations', level: 2 })
    const routed: Taxonomy = {
      categories: DEFAULT_ORG_CONFIG.taxonomy.categories.map((category) => (category.id === 'network' ? { ...category, defaultGroup: 'Network Operations' } : category)),
    }
    await admin.saveConfig('taxonomy', routed)
    // An L1 agent cannot: the server refuses whatever the desk shows.
    await expect(clientFor(people.grace).saveConfig('autoCloseDays', 1)).rejects.toMatchObject({ status: 403 })

    const round = await grace.syncOnce(transportOf(people.grace), at(people.grace))
    expect(round).toMatchObject({ ok: true, configChanges: 3 })

    const after = await grace.logIncident(reports.vpnDrops, at(people.grace))
    const afterP3 = await grace.logIncident(reports.cardReader, at(people.grace))
    if (!after.ok || !afterP3.ok) throw new Error('not logged')
    // Priority is stamped at logging: the first incident keeps P2, the new one is P1.
    expect(after.incident.priority).toBe(1)
    expect((await grace.incident(before.incident.id))?.priority).toBe(2)
    // P3 responds in 4 business hours on the weekday calendar: logged Monday 09:00, due 13:00
    // before the change; with Monday a holiday, Tuesday 12:00. (To the minute: the worker's clock
    // runs on from the page's by the milliseconds the test takes.)
    expect((await db.incidents.get(afterP3.incident.id))?.slaDueAt).toMatch(/^2025-03-04T12:00/)
    // The clock already running follows the holiday too, once the worker has caught up.
    await expect.poll(async () => (await grace.deadlinesIdle()).passes).toBeGreaterThan(0)
    expect((await db.incidents.get(beforeP3.incident.id))?.slaDueAt).toMatch(/^2025-03-04T12:00/)
    // An admin's preview of taking the holiday back: the weekday clocks (both P3s and the first,
    // P2, incident) move back; the P1 runs on the 24×7 calendar. Nothing is written.
    expect(await grace.previewDeadlineShift('calendars', DEFAULT_ORG_CONFIG.calendars, at(people.grace))).toMatchObject({ running: 4, moved: 3, breached: 0 })
    expect((await db.incidents.get(beforeP3.incident.id))?.slaDueAt).toMatch(/^2025-03-04T12:00/)

    // The desk now files under the organization's categories; its own are kept for the admin.
    expect((await db.config.get('taxonomy'))?.value).toEqual(routed)
    expect((await db.config.get(STANDALONE_CONFIG_KEY))?.value).toEqual({ taxonomy: own })
    expect((await db.config.get('directory'))?.value).toMatchObject({ groups: [{ name: 'Network Operations', level: 2, managerId: null }] })

    // A second round brings nothing new and changes nothing.
    expect(await grace.syncOnce(transportOf(people.grace), at(people.grace))).toMatchObject({ ok: true, configChanges: 0 })
  }, SETUP_TIMEOUT_MS)
})
