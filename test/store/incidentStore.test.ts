import { describe, expect, it, vi } from 'vitest'
import type { Command } from '../../src-shared/incident/commands'
import { readStateCounts, recountStates } from '../../src-renderer/store/counters'
import { queueQuery } from '../../src-renderer/store/queue'
import { AGENT, freshDatabase, outlookIncident, snapshot, storeFor } from './storeHarness'

async function loggedIncident() {
  const db = freshDatabase()
  const harness = storeFor(db)
  const logged = await harness.store.logIncident(outlookIncident())
  if (!logged.ok) throw new Error(logged.refusal.message)
  return { db, ...harness, incident: logged.incident }
}

describe('logging an incident', () => {
  it('writes the event, the projection, the outbox entry and the counters together', async () => {
    const { db, incident } = await loggedIncident()
    const state = await snapshot(db)
    expect(state.events).toHaveLength(1)
    expect(state.events[0]).toMatchObject({ type: 'IncidentLogged', incidentId: incident.id, actor: AGENT, deviceId: 'laptop-field-07' })
    expect(state.incidents).toHaveLength(1)
    expect(state.incidents[0]).toMatchObject({ number: 'INC0000001', state: 'new', priority: 4, open: 1, assigneeId: '' })
    expect(state.outbox).toEqual([expect.objectContaining({ eventId: state.events[0]!.id, incidentId: incident.id, attempts: 0 })])
    expect((await readStateCounts(db)).new).toBe(1)
  })

  it('numbers incidents in sequence on a standalone desk', async () => {
    const { store } = await loggedIncident()
    const second = await store.logIncident(outlookIncident({ shortDescription: 'Printer on 3rd floor jams' }))
    expect(second.ok && second.incident.number).toBe('INC0000002')
  })

  it('refuses a blank short description, writes nothing and does not burn a number', async () => {
    const { db, store } = await loggedIncident()
    const before = await snapshot(db)
    const refused = await store.logIncident(outlookIncident({ shortDescription: '   ' }))
    expect(refused).toMatchObject({ ok: false, refusal: { code: 'missing_field', message: 'A short description is required.' } })
    expect(await snapshot(db)).toEqual(before)
    const next = await store.logIncident(outlookIncident())
    expect(next.ok && next.incident.number).toBe('INC0000002')
  })

  it('refuses an oversized description with the limit in the message', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const refused = await store.logIncident(outlookIncident({ description: 'x'.repeat(10_001) }))
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.refusal).toMatchObject({ code: 'invalid_field', message: expect.stringContaining('at most 10000 characters') })
    expect((await snapshot(db)).incidents).toHaveLength(0)
  })
})

describe('each workflow step is one atomic command', () => {
  it('runs the whole ITIL path and keeps the projection equal to the fold of its events', async () => {
    const { db, store, incident } = await loggedIncident()
    const id = incident.id
    const steps: Command[] = [
      { action: 'categorize', incidentId: id, category: 'email', subcategory: 'authentication' },
      { action: 'prioritize', incidentId: id, impact: 2, urgency: 2 },
      { action: 'assign', incidentId: id, assignmentGroup: 'Service Desk', assignee: null },
      { action: 'acknowledge', incidentId: id },
      { action: 'addWorkNote', incidentId: id, text: 'Cached credentials corrupted; clearing the credential manager.' },
      { action: 'hold', incidentId: id, reason: 'awaiting_caller', callerComment: 'Please restart Outlook and tell us if it still prompts.' },
      { action: 'addCallerComment', incidentId: id, text: 'Still prompting after restart.', direction: 'from_caller' },
      { action: 'escalate', incidentId: id, escalation: { kind: 'functional', toLevel: 2, toGroup: 'Messaging L2', reason: 'Mailbox auth issue beyond L1' } },
      { action: 'resolve', incidentId: id, resolutionCode: 'solution_provided', resolutionNotes: 'Re-created the Outlook profile.' },
      { action: 'reopen', incidentId: id, reason: 'Prompts came back the next day.' },
      { action: 'resolve', incidentId: id, resolutionCode: 'workaround_provided', resolutionNotes: 'Modern auth enabled for the mailbox.' },
      { action: 'close', incidentId: id, cause: 'caller_confirmed' },
    ]
    for (const step of steps) {
      const result = await store.execute(step)
      expect(result.ok, `${step.action}: ${!result.ok && result.refusal.message}`).toBe(true)
    }
    const projected = await store.get(id)
    expect(projected).toMatchObject({ state: 'closed', priority: 3, level: 2, reopenCount: 1, resolutionCode: 'workaround_provided' })
    expect(await store.rebuild(id)).toEqual(projected)
    const history = await store.history(id)
    // The caller's reply while Awaiting Caller also resumed the incident: one more event than steps.
    expect(history.map((event) => event.type)).toContain('IncidentResumed')
    expect(history).toHaveLength(steps.length + 2)
    expect((await snapshot(db)).outbox).toHaveLength(history.length)
    expect(await readStateCounts(db)).toMatchObject({ new: 0, closed: 1 })
  })

  it.each<[string, (id: string) => Command, string]>([
    ['resolve without notes', (id) => ({ action: 'resolve', incidentId: id, resolutionCode: 'solution_provided', resolutionNotes: ' ' }), 'missing_field'],
    ['Awaiting Caller without a comment', (id) => ({ action: 'hold', incidentId: id, reason: 'awaiting_caller', callerComment: '' }), 'wrong_state'],
    ['reopen of a New incident', (id) => ({ action: 'reopen', incidentId: id, reason: 'again' }), 'wrong_state'],
    ['escalation down a level', (id) => ({ action: 'escalate', incidentId: id, escalation: { kind: 'functional', toLevel: 1, toGroup: 'Desk', reason: 'x' } }), 'invalid_escalation'],
    ['a command for an unknown incident', () => ({ action: 'acknowledge', incidentId: '01900000-0000-7000-8000-000000000000' }), 'not_found'],
  ])('a refused %s leaves events, projection, outbox and meta untouched', async (_name, command, code) => {
    const { db, store, incident } = await loggedIncident()
    const before = await snapshot(db)
    const result = await store.execute(command(incident.id))
    expect(!result.ok && result.refusal.code).toBe(code)
    expect(await snapshot(db)).toEqual(before)
  })

  it('rolls back the event and projection when a later write in the transaction fails', async () => {
    const { db, store, incident } = await loggedIncident()
    const before = await snapshot(db)
    // Sabotage the outbox write; the event and projection writes beside it must roll back too.
    const sabotage = vi.spyOn(db.outbox, 'bulkAdd').mockRejectedValueOnce(new Error('QuotaExceededError: disk full'))
    const result = await store.execute({ action: 'addWorkNote', incidentId: incident.id, text: 'Called the user back.' })
    expect(sabotage).toHaveBeenCalledOnce()
    expect(result).toMatchObject({
      ok: false,
      refusal: { code: 'storage_failed', message: 'The change could not be saved (QuotaExceededError: disk full). Nothing was changed.' },
    })
    expect(await snapshot(db)).toEqual(before)
  })
})

describe('reopen and close rules', () => {
  async function resolved() {
    const context = await loggedIncident()
    const result = await context.store.execute({
      action: 'resolve',
      incidentId: context.incident.id,
      resolutionCode: 'user_error',
      resolutionNotes: 'Caps Lock was on.',
    })
    expect(result.ok).toBe(true)
    return context
  }

  it('counts every reopen', async () => {
    const { store, incident } = await resolved()
    for (const reason of ['Came back after lunch', 'Came back again']) {
      expect((await store.execute({ action: 'reopen', incidentId: incident.id, reason })).ok).toBe(true)
      expect((await store.execute({ action: 'resolve', incidentId: incident.id, resolutionCode: 'user_error', resolutionNotes: 'Caps Lock.' })).ok).toBe(true)
    }
    expect((await store.get(incident.id))?.reopenCount).toBe(2)
  })

  it('never reopens a closed incident and says to log a new one', async () => {
    const { db, store, incident } = await resolved()
    expect((await store.execute({ action: 'close', incidentId: incident.id, cause: 'caller_confirmed' })).ok).toBe(true)
    const before = await snapshot(db)
    const result = await store.execute({ action: 'reopen', incidentId: incident.id, reason: 'Broken again' })
    expect(!result.ok && result.refusal).toMatchObject({ code: 'terminal', message: expect.stringContaining('log a new incident') })
    expect(await snapshot(db)).toEqual(before)
  })

  it('auto-closes only after the configured quiet days', async () => {
    const { store, incident, advance } = await resolved()
    const early = await store.execute({ action: 'close', incidentId: incident.id, cause: 'auto_close' })
    expect(!early.ok && early.refusal.code).toBe('not_eligible')
    advance(7 * 24 * 3600 * 1000)
    expect((await store.execute({ action: 'close', incidentId: incident.id, cause: 'auto_close' })).ok).toBe(true)
  })
})

describe('major incidents and links', () => {
  it('links children on both ends and resolves them with the parent', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db, { userId: 'u-ines', displayName: 'Ines Moreau', role: 'incident_manager' })
    const parent = await store.logIncident(outlookIncident({ shortDescription: 'Email down for the whole company', impact: 1, urgency: 1 }))
    const childA = await store.logIncident(outlookIncident({ shortDescription: 'Cannot send mail' }))
    const childB = await store.logIncident(outlookIncident({ shortDescription: 'Outlook disconnected' }))
    if (!parent.ok || !childA.ok || !childB.ok) throw new Error('setup failed')
    const manager = { userId: 'u-ines', displayName: 'Ines Moreau' }
    expect((await store.execute({ action: 'declareMajor', incidentId: parent.incident.id, incidentManager: manager, reason: 'Company-wide outage' })).ok).toBe(true)
    for (const child of [childA, childB]) {
      const linked = await store.execute({ action: 'link', incidentId: parent.incident.id, kind: 'child', targetIncidentId: child.incident.id })
      expect(linked.ok).toBe(true)
    }
    expect((await store.get(childA.incident.id))?.links).toEqual([{ kind: 'parent', incidentId: parent.incident.id }])

    const resolved = await store.execute({
      action: 'resolve',
      incidentId: parent.incident.id,
      resolutionCode: 'resolved_by_change',
      resolutionNotes: 'Exchange transport service restarted after certificate renewal.',
    })
    expect(resolved.ok && resolved.incidents.map((incident) => incident.state)).toEqual(['resolved', 'resolved', 'resolved'])
    const child = await store.get(childB.incident.id)
    expect(child).toMatchObject({ state: 'resolved', resolutionNotes: 'Exchange transport service restarted after certificate renewal.' })
    const childHistory = await store.history(childB.incident.id)
    expect(childHistory.at(-1)).toMatchObject({ type: 'IncidentResolved', payload: { cascadedFrom: parent.incident.id } })
    expect(await readStateCounts(db)).toMatchObject({ new: 0, resolved: 3 })
    expect(await recountStates(db)).toEqual(await readStateCounts(db))
  })
})

describe('the queue', () => {
  it('returns open incidents by priority, longest waiting first, and leaves resolved ones out', async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const specs: [string, 1 | 2 | 3, 1 | 2 | 3][] = [
      ['Printer 3rd floor jams', 3, 3],
      ['VPN drops every 10 minutes', 2, 2],
      ['Payroll system down', 1, 1],
      ['Monitor flickers', 3, 2],
      ['Shared drive slow', 2, 2],
    ]
    const ids: Record<string, string> = {}
    for (const [shortDescription, impact, urgency] of specs) {
      const result = await store.logIncident(outlookIncident({ shortDescription, impact, urgency }))
      if (!result.ok) throw new Error(result.refusal.message)
      ids[shortDescription] = result.incident.id
    }
    await store.execute({ action: 'resolve', incidentId: ids['Monitor flickers']!, resolutionCode: 'user_error', resolutionNotes: 'Loose cable.' })
    const queue = await queueQuery(db, { scope: 'open' })
    expect(queue.map((incident) => incident.shortDescription)).toEqual([
      'Payroll system down',
      'VPN drops every 10 minutes',
      'Shared drive slow',
      'Printer 3rd floor jams',
    ])
    // Touching an incident moves it behind its peers of the same priority.
    await store.execute({ action: 'addWorkNote', incidentId: ids['VPN drops every 10 minutes']!, text: 'Collected client logs.' })
    expect((await queueQuery(db, { scope: 'open', limit: 3 })).map((incident) => incident.shortDescription)).toEqual([
      'Payroll system down',
      'Shared drive slow',
      'VPN drops every 10 minutes',
    ])
  })

  it("lists an agent's own open work and everything newest first", async () => {
    const db = freshDatabase()
    const { store } = storeFor(db)
    const first = await store.logIncident(outlookIncident({ shortDescription: 'Laptop will not boot' }))
    const second = await store.logIncident(outlookIncident({ shortDescription: 'Teams camera black' }))
    if (!first.ok || !second.ok) throw new Error('setup failed')
    await store.execute({ action: 'acknowledge', incidentId: second.incident.id })
    expect((await queueQuery(db, { scope: 'mine', userId: AGENT.userId })).map((incident) => incident.id)).toEqual([second.incident.id])
    expect(await queueQuery(db, { scope: 'mine' })).toEqual([])
    expect((await queueQuery(db, { scope: 'all' })).map((incident) => incident.id)).toEqual([second.incident.id, first.incident.id])
  })
})
