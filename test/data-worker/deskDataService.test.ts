import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { afterEach, describe, expect, it } from 'vitest'
import type { CallContext, DeskChange } from '../../src-shared/data/deskDataContract'
import { newId } from '../../src-shared/events/ids'
import type { Actor } from '../../src-shared/incident/roles'
import { SECURITY_CATEGORY } from '../../src-shared/incident/vocabulary'
import { defaultFilter, defaultView } from '../../src-shared/queue/queueView'
import { createDeskDataService, type DeskDataService } from '../../src-renderer/data-worker/deskDataService'
import { IncidentDeskDatabase } from '../../src-renderer/store/database'
import { outlookIncident } from '../store/storeHarness'

const AGENT: Actor = { userId: 'u-amira', displayName: 'Amira Haddad', role: 'l1_agent' }
const ANALYST: Actor = { userId: 'u-soc', displayName: 'Noor Shah', role: 'security_analyst' }
/** The page's clock in these tests: a Wednesday morning, far from the machine's own clock. */
const PAGE_NOW = Date.parse('2026-03-04T09:30:00Z')

const services: DeskDataService[] = []

function newService(queueFirstWaitMs = 20): { service: DeskDataService; name: string } {
  const service = createDeskDataService({ openDatabase: (name) => new IncidentDeskDatabase(name, undefined, { indexedDB, IDBKeyRange }), queueFirstWaitMs })
  services.push(service)
  return { service, name: `desk-${newId()}` }
}

afterEach(() => {
  for (const service of services.splice(0)) service.close()
})

const as = (actor: Actor, nowMs = PAGE_NOW): CallContext => ({ actor, nowMs })

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

describe('the data worker’s service', () => {
  it('opens one desk and refuses to serve another database from the same worker', async () => {
    const { service, name } = newService()
    const first = await service.open(name)
    const again = await service.open(name)
    expect(again.deviceId).toBe(first.deviceId)
    expect(first.actor.role).toBe('admin')
    await expect(service.open(`${name}-other`)).rejects.toThrow(/serves the desk/)
  })

  it('refuses calls before the store is open, with a message that says so', async () => {
    const { service } = newService()
    await expect(service.incident('anything')).rejects.toThrow(/not open yet/)
  })

  it('stamps commands with the calling page’s actor and clock, not its own', async () => {
    const { service, name } = newService()
    await service.open(name)
    const logged = await service.logIncident(outlookIncident(), as(AGENT))
    if (!logged.ok) throw new Error(logged.refusal.message)
    const [event] = logged.events
    expect(event?.actor).toEqual(AGENT)
    // The page's clock, to the second: the worker took the page's time, not the machine's.
    expect(Math.abs(Date.parse(event!.occurredAt) - PAGE_NOW)).toBeLessThan(1000)
    const history = await service.history(logged.incident.id)
    expect(history.map((stored) => stored.id)).toEqual(logged.events.map((stored) => stored.id))
    expect((await service.incident(logged.incident.id))?.shortDescription).toBe(logged.incident.shortDescription)
  })

  it('answers a refused lifecycle action with the refusal, and writes nothing', async () => {
    const { service, name } = newService()
    await service.open(name)
    const logged = await service.logIncident(outlookIncident(), as(AGENT))
    if (!logged.ok) throw new Error(logged.refusal.message)
    const refused = await service.execute({ action: 'close', incidentId: logged.incident.id, cause: 'caller_confirmed' }, as(AGENT))
    expect(refused.ok).toBe(false)
    expect(await service.history(logged.incident.id)).toHaveLength(logged.events.length)
  })

  it('tells every subscriber which incidents a commit changed', async () => {
    const { service, name } = newService()
    await service.open(name)
    const heard: DeskChange[] = []
    await service.subscribe((change) => void heard.push(change))
    const logged = await service.logIncident(outlookIncident(), as(AGENT))
    if (!logged.ok) throw new Error(logged.refusal.message)
    await until(() => heard.some((change) => change.kind === 'store' && change.incidentIds.includes(logged.incident.id)), 'the change')
    const change = heard.find((entry) => entry.kind === 'store')
    expect(change?.kind === 'store' && change.tables).toEqual(expect.arrayContaining(['incidents', 'events', 'outbox']))
    // Only the id: not its number, dates or queue keys (other parts of the write), and not "everything".
    expect(change?.kind === 'store' && change.incidentIds).toEqual([logged.incident.id])
    expect(change?.kind === 'store' && change.everything).toBe(false)

    // A note touches the events and the outbox of that incident; the notice names it.
    heard.length = 0
    const noted = await service.execute({ action: 'addWorkNote', incidentId: logged.incident.id, text: 'Called back' }, as(AGENT))
    if (!noted.ok) throw new Error(noted.refusal.message)
    await until(() => heard.some((entry) => entry.kind === 'store'), 'the note')
    const note = heard.find((entry) => entry.kind === 'store')
    expect(note?.kind === 'store' && note.incidentIds).toEqual([logged.incident.id])
  })

  it('serves queue windows off the store index first, then from the row index with every saved view’s count', async () => {
    // The screen asks before the cache is due to load by itself.
    const { service, name } = newService(60_000)
    await service.open(name)
    for (let index = 0; index < 12; index++) {
      const logged = await service.logIncident(outlookIncident({ shortDescription: `Printer ${index} jams`, impact: ((index % 3) + 1) as 1 | 2 | 3 }), as(AGENT))
      if (!logged.ok) throw new Error(logged.refusal.message)
    }
    const context = { userId: AGENT.userId, nowMs: PAGE_NOW, hideSecurity: true }
    const request = { view: defaultView(), context, start: 0, end: 5, countFilters: [defaultFilter(), { ...defaultFilter(), priorities: [3 as const] }] }
    const first = await service.queueWindow(request)
    expect(first.status).toBe('loading')
    expect(first.rows).toHaveLength(5)
    // The open count comes from the store's counters at once, before the row index is loaded.
    expect(first.total).toBe(12)

    await until(async () => (await service.queueWindow(request)).status === 'ready', 'the row index')
    const ready = await service.queueWindow({ ...request, start: 10, end: 20 })
    expect(ready.total).toBe(12)
    expect(ready.start).toBe(10)
    expect(ready.rows).toHaveLength(2)
    expect(ready.viewCounts).toEqual([12, 4])
    // Rows come in the view's order: P1 first.
    expect(first.rows[0]?.priority).toBe(2)

    const ids = await service.queueIds(request.view, context)
    expect(ids).toHaveLength(12)
    expect(ids.slice(10)).toEqual(ready.rows.map((row) => row.id))
    const picked = await service.queueRows([ids[3]!, 'no-such-incident'])
    expect(picked.map((row) => row.id)).toEqual([ids[3]])
  })

  it('searches with the caller’s visibility: a security incident is found by its analyst, not by an agent', async () => {
    const { service, name } = newService()
    await service.open(name)
    const plain = await service.logIncident(outlookIncident({ shortDescription: 'Phishing mail reported by finance' }), as(AGENT))
    const secret = await service.logIncident(outlookIncident({ shortDescription: 'Phishing campaign credential theft', category: SECURITY_CATEGORY }), as(ANALYST))
    if (!plain.ok || !secret.ok) throw new Error('could not log')
    await service.startSearch(ANALYST)
    await service.searchIdle()
    const forAnalyst = await service.search('phishing', 10, ANALYST)
    expect(forAnalyst.map((hit) => hit.id).sort()).toEqual([plain.incident.id, secret.incident.id].sort())
    const forAgent = await service.search('phishing', 10, AGENT)
    expect(forAgent.map((hit) => hit.id)).toEqual([plain.incident.id])
  })

  it('starts the search index only once the queue screen has its first rows (or no queue asked in time)', async () => {
    const { service, name } = newService(60_000)
    await service.open(name)
    await service.logIncident(outlookIncident({ shortDescription: 'Badge reader offline at the loading dock' }), as(AGENT))
    let started = false
    const starting = service.startSearch(AGENT).then(() => (started = true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(started).toBe(false)
    const context = { userId: AGENT.userId, nowMs: PAGE_NOW, hideSecurity: true }
    await service.queueWindow({ view: defaultView(), context, start: 0, end: 5, countFilters: [] })
    await starting
    await service.searchIdle()
    expect((await service.search('badge', 5, AGENT)).map((hit) => hit.shortDescription)).toEqual(['Badge reader offline at the loading dock'])

    // A page with no queue on it: the search starts after the wait, without a window.
    const other = newService(30)
    await other.service.open(other.name)
    await other.service.startSearch(AGENT)
    await other.service.searchIdle()

    // A person searching before the queue has its rows: the index starts at once, not "no results".
    const early = newService(60_000)
    await early.service.open(early.name)
    await early.service.logIncident(outlookIncident({ shortDescription: 'Projector in room 4 shows no signal' }), as(AGENT))
    void early.service.startSearch(AGENT)
    await early.service.search('projector', 5, AGENT)
    await early.service.searchIdle()
    expect((await early.service.search('projector', 5, AGENT)).map((hit) => hit.shortDescription)).toEqual(['Projector in room 4 shows no signal'])
  })

  it('runs a report with progress, and a canceled run rejects instead of answering late', async () => {
    const { service, name } = newService()
    await service.open(name)
    for (let index = 0; index < 3; index++) await service.logIncident(outlookIncident(), as(AGENT, Date.now()))
    const manager: Actor = { userId: 'u-im', displayName: 'Ines Moreau', role: 'incident_manager' }
    const range = { from: new Date(Date.now() - 86_400_000).toISOString(), to: new Date(Date.now() + 86_400_000).toISOString() }
    const progress: number[] = []
    const report = await service.runReport({ runId: 'a', range, nowIso: new Date().toISOString(), viewer: manager }, ({ done }) => void progress.push(done))
    expect(report).toBeTruthy()
    expect(progress.at(-1)).toBe(3)

    const canceled = service.runReport({ runId: 'b', range, nowIso: new Date().toISOString(), viewer: manager })
    await service.cancelReport('b')
    await expect(canceled).rejects.toThrow()
  })

  it('answers a whole-day report from the day aggregates once they are built, with the same figures as the fold', async () => {
    const { service, name } = newService()
    await service.open(name)
    for (let index = 0; index < 3; index++) await service.logIncident(outlookIncident(), as(AGENT, Date.now()))
    const manager: Actor = { userId: 'u-im', displayName: 'Ines Moreau', role: 'incident_manager' }
    const day = 86_400_000
    const midnight = Math.floor(Date.now() / day) * day
    // A range that starts within a day is folded from the events; whole UTC days (the default report zone) come from the aggregates.
    const folded = await service.runReport({ runId: 'fold', range: { from: new Date(midnight - day + 1).toISOString(), to: new Date(midnight + day).toISOString() }, nowIso: new Date().toISOString(), viewer: manager })
    await service.reportsIdle()
    const progress: number[] = []
    const whole = { from: new Date(midnight - day).toISOString(), to: new Date(midnight + day).toISOString() }
    const aggregated = await service.runReport({ runId: 'days', range: whole, nowIso: new Date().toISOString(), viewer: manager }, ({ done }) => void progress.push(done))
    expect(aggregated.figures).toEqual(folded.figures)
    expect(aggregated.figures.find((figure) => figure.id === 'logged')!.value).toBe(3)
    // No per-incident progress: nothing was read incident by incident.
    expect(progress).toEqual([])
  })

  it('writes an export into the page’s file a page at a time, leaves out what the person may not see, and stops on cancel', async () => {
    const { service, name } = newService()
    await service.open(name)
    for (const shortDescription of ['Printer jams on floor 2', 'VPN drops every hour']) {
      const logged = await service.logIncident(outlookIncident({ shortDescription }), as(AGENT))
      if (!logged.ok) throw new Error(logged.refusal.message)
    }
    const secret = await service.logIncident(outlookIncident({ shortDescription: 'Phishing campaign credential theft', category: SECURITY_CATEGORY }), as(ANALYST))
    if (!secret.ok) throw new Error(secret.refusal.message)

    const file = { text: '', closed: false, aborted: false }
    const sink = {
      write: async (chunk: string) => void (file.text += chunk),
      close: async () => void (file.closed = true),
      abort: async () => void (file.aborted = true),
    }
    const settings = { bom: false, timeZone: 'utc' }
    const request = { kind: 'incidents' as const, view: null, columnIds: ['number', 'shortDescription'] }
    const phases: unknown[] = []
    const done = await service.exportCsv({ runId: 'r1', request, settings, actor: AGENT }, sink, (phase) => void phases.push(phase))
    expect(done).toEqual({ status: 'done', rows: 2 })
    expect(file.closed).toBe(true)
    const lines = file.text.trim().split(/\r?\n/)
    expect(lines).toHaveLength(3)
    expect(file.text).toContain('VPN drops every hour')
    expect(file.text).not.toContain('Phishing')
    expect(phases.at(-1)).toEqual({ phase: 'writing', rows: 2, total: 3 })

    // Named by its id, the security incident's audit trail is empty for the agent.
    const trail = { text: '', closed: false, aborted: false }
    const trailSink = { write: async (chunk: string) => void (trail.text += chunk), close: async () => void (trail.closed = true), abort: async () => void (trail.aborted = true) }
    const audit = { kind: 'audit' as const, incidentId: secret.incident.id, incidentNumber: secret.incident.number }
    expect(await service.exportCsv({ runId: 'r2', request: audit, settings, actor: AGENT }, trailSink)).toEqual({ status: 'done', rows: 0 })

    // A cancel while the header is written: no rows, and the partial file is removed.
    const canceled = { aborted: false, closed: false }
    const cancelingSink = {
      write: async () => void (await service.cancelExport('r3')),
      close: async () => void (canceled.closed = true),
      abort: async () => void (canceled.aborted = true),
    }
    expect(await service.exportCsv({ runId: 'r3', request, settings, actor: AGENT }, cancelingSink)).toEqual({ status: 'canceled', rows: 0 })
    expect(canceled).toEqual({ aborted: true, closed: false })
  })
})
