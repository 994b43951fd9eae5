import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { EVENT_SCHEMA_VERSION, type EventPayloads, type EventType, type IncidentEvent, type StoredEvent } from '../../src-shared/events/events'
import { formatHlc } from '../../src-shared/events/hlc'
import { packImported } from '../../src-shared/events/importedEvents'
import type { Actor } from '../../src-shared/incident/roles'
import { buildActivity, wereConcurrent, type ActivityEntry, type NumberLookup } from '../../src-renderer/activity/activityEntries'
import { ActivityEntryItem } from '../../src-renderer/activity/ActivityEntryItem'
import { DeskContext } from '../../src-renderer/desk/deskContext'
import type { Desk as OpenDesk } from '../../src-renderer/desk/openDesk'
import { formatFullTimestamp } from '../../src-renderer/incident/formatTimestamp'
import { HOUR, createDesk, people, personRef, reports, type Desk } from '../fixtures/incidents'

/**
 * The activity timeline's reading of an incident's log: field changes folded step by step, edits
 * two desks made without seeing each other's, and steps that were no longer valid when they
 * reached the server. Events are built by hand so each test sets the clocks and server order.
 */

const INCIDENT = '0193a3c4-5b6d-7e8f-9a0b-1c2d3e4f5a6b'
const grace: Actor = { userId: 'u-grace', displayName: 'Grace Okafor', role: 'l1_agent' }
const dmitri: Actor = { userId: 'u-dmitri', displayName: 'Dmitri Volkov', role: 'l2_specialist' }
const GRACE_DESK = 'desk-grace'
const DMITRI_DESK = 'desk-dmitri'
const T0 = Date.parse('2025-03-04T09:00:00Z')

let counter = 0
function event<T extends EventType>(
  type: T,
  payload: EventPayloads[T],
  options: { actor: Actor; device: string; atMinute: number; serverSeq?: number },
): StoredEvent {
  counter += 1
  const wallMs = T0 + options.atMinute * 60_000
  return {
    id: `0193a3c4-0000-7000-8000-${String(counter).padStart(12, '0')}`,
    incidentId: INCIDENT,
    type,
    payload,
    actor: options.actor,
    deviceId: options.device,
    hlc: formatHlc({ wallMs, counter: 0, node: options.device }),
    occurredAt: new Date(wallMs).toISOString(),
    schemaVersion: EVENT_SCHEMA_VERSION,
    ...(options.serverSeq === undefined ? {} : { serverSeq: options.serverSeq }),
  } as StoredEvent
}

function logged(serverSeq?: number): StoredEvent {
  return event(
    'IncidentLogged',
    {
      number: 'INC0000042',
      numberIsProvisional: false,
      shortDescription: 'VPN drops every few minutes for the Rotterdam sales team',
      description: '',
      caller: { name: 'Sanne de Vries' },
      channel: 'phone',
      category: null,
      subcategory: null,
      service: null,
      configurationItem: null,
      location: null,
      impact: 2,
      urgency: 3,
      priority: 4,
      level: 1,
      assignmentGroup: null,
    },
    { actor: grace, device: GRACE_DESK, atMinute: 0, ...(serverSeq === undefined ? {} : { serverSeq }) },
  )
}

describe('activity timeline', () => {
  it('shows each field change as old → new, folded in the server order', () => {
    const { entries } = buildActivity([
      logged(1),
      event('IncidentPrioritized', { impact: 1, urgency: 3, priority: 3 }, { actor: grace, device: GRACE_DESK, atMinute: 5, serverSeq: 2 }),
    ])
    expect(entries.map((entry) => entry.kind)).toEqual(['logged', 'change'])
    expect(entries[1]!.changes).toEqual([
      { field: 'priority', label: 'Priority', from: 'P4 Low', to: 'P3 Moderate' },
      { field: 'impact', label: 'Impact', from: 'Medium', to: 'High' },
    ])
    expect(entries[1]!.conflicts).toEqual([])
  })

  it('shows both values when two desks edited the priority without seeing each other, and which is kept', () => {
    // Grace edits at 09:10 offline, Dmitri at 09:20 offline; Dmitri's desk reaches the server first.
    const byGrace = event('IncidentPrioritized', { impact: 1, urgency: 1, priority: 1 }, { actor: grace, device: GRACE_DESK, atMinute: 10, serverSeq: 3 })
    const byDmitri = event('IncidentPrioritized', { impact: 2, urgency: 1, priority: 2 }, { actor: dmitri, device: DMITRI_DESK, atMinute: 20, serverSeq: 2 })
    const { entries, incident } = buildActivity([logged(1), byGrace, byDmitri])

    expect(incident?.priority).toBe(1)
    const last = entries.at(-1)!
    expect(last.eventId).toBe(byGrace.id)
    expect(last.conflicts).toEqual([
      {
        label: 'priority',
        earlier: { actor: dmitri, value: 'P2 High (impact Medium, urgency High)', eventId: byDmitri.id },
        later: { actor: grace, value: 'P1 Critical (impact High, urgency High)' },
        current: 'P1 Critical (impact High, urgency High)',
      },
    ])
  })

  it('does not call it a conflict when the later edit was made after its desk had seen the earlier one', () => {
    const first = event('IncidentPrioritized', { impact: 2, urgency: 1, priority: 2 }, { actor: dmitri, device: DMITRI_DESK, atMinute: 10, serverSeq: 2 })
    const second = event('IncidentPrioritized', { impact: 1, urgency: 1, priority: 1 }, { actor: grace, device: GRACE_DESK, atMinute: 20, serverSeq: 3 })
    const { entries } = buildActivity([logged(1), first, second])
    expect(entries.every((entry) => entry.conflicts.length === 0)).toBe(true)
    expect(entries.at(-1)!.changes[0]).toEqual({ field: 'priority', label: 'Priority', from: 'P2 High', to: 'P1 Critical' })
  })

  it('does not call two edits on one desk a conflict, nor two desks agreeing', () => {
    const sameDesk = [
      event('IncidentPrioritized', { impact: 2, urgency: 1, priority: 2 }, { actor: grace, device: GRACE_DESK, atMinute: 20, serverSeq: 2 }),
      event('IncidentPrioritized', { impact: 1, urgency: 1, priority: 1 }, { actor: grace, device: GRACE_DESK, atMinute: 10, serverSeq: 3 }),
    ]
    expect(wereConcurrent(sameDesk[0]!, sameDesk[1]!)).toBe(false)
    const agreeing = [
      event('IncidentPrioritized', { impact: 1, urgency: 1, priority: 1 }, { actor: dmitri, device: DMITRI_DESK, atMinute: 20, serverSeq: 4 }),
      event('IncidentPrioritized', { impact: 1, urgency: 1, priority: 1 }, { actor: grace, device: GRACE_DESK, atMinute: 10, serverSeq: 5 }),
    ]
    const { entries } = buildActivity([logged(1), ...sameDesk, ...agreeing])
    expect(entries.every((entry) => entry.conflicts.length === 0)).toBe(true)
  })

  it('marks a step that was no longer valid when it reached the server', () => {
    const resolved = event(
      'IncidentResolved',
      { resolutionCode: 'solution_provided', resolutionNotes: 'Rekey interval raised to 8 h.', cascadedFrom: null },
      { actor: dmitri, device: DMITRI_DESK, atMinute: 30, serverSeq: 2 },
    )
    const canceled = event('IncidentCanceled', { reason: 'duplicate', note: null }, { actor: grace, device: GRACE_DESK, atMinute: 25, serverSeq: 3 })
    const { entries, incident } = buildActivity([logged(1), resolved, canceled])
    expect(incident?.state).toBe('resolved')
    expect(entries.map((entry) => entry.needsAttention)).toEqual([false, false, true])
    expect(entries[2]!.changes).toEqual([])
  })

  it('tells work notes from caller comments, and marks what the server has not accepted yet', () => {
    const { entries } = buildActivity([
      logged(1),
      event('WorkNoteAdded', { text: 'IKE rekey failures every 8 minutes.' }, { actor: dmitri, device: DMITRI_DESK, atMinute: 3, serverSeq: 2 }),
      event('CallerCommentAdded', { text: 'We are on it; next update at 11:00.', direction: 'to_caller' }, { actor: grace, device: GRACE_DESK, atMinute: 4 }),
    ])
    expect(entries.map((entry) => [entry.kind, entry.direction, entry.pending])).toEqual([
      ['logged', null, false],
      ['workNote', null, false],
      ['callerComment', 'to_caller', true],
    ])
    expect(entries[0]!.detail).toBe('P4 Low (impact Medium, urgency Low) · Phone · caller Sanne de Vries · as INC0000042')
  })
})

/**
 * What a person reads in one timeline entry: the entry rendered as the timeline renders it, as
 * text. The "→" is what the eye reads; the screen-reader-only "changed to" is left out.
 */
function read(entry: ActivityEntry, options: { canOpen?: boolean } = {}): string {
  const item = createElement(ActivityEntryItem, {
    entry,
    syncState: entry.pending ? 'pending' : 'synced',
    ...(options.canOpen ? { onOpenIncident: () => undefined } : {}),
  })
  // Only an attachment's file list reaches for the desk (its bytes); rendering to a string never runs that query.
  const html = renderToStaticMarkup(createElement(DeskContext, { value: { db: {} } as unknown as OpenDesk }, item))
  return html
    .replace(/<span class="visually-hidden">[^<]*<\/span>/g, '')
    .replace(/<\/(p|li|div)>/g, '\n')
    // Spans are laid out apart (meta line, file name and size): a space between them.
    .replace(/<\/span>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n')
}

/** The timeline of one incident on a fixture desk, as the incident view builds it. */
function timeline(desk: Desk, incidentId: string, numberOf?: NumberLookup): ActivityEntry[] {
  // The desk's events carry no server sequence: they read as not yet synced, which the view shows too.
  return buildActivity(desk.eventsOf(incidentId) as StoredEvent[], undefined, numberOf).entries
}

function entryOf(entries: readonly ActivityEntry[], event: IncidentEvent): ActivityEntry {
  const found = entries.find((entry) => entry.eventId === event.id)
  if (!found) throw new Error(`No timeline entry for ${event.type}.`)
  return found
}

describe('timeline entries of the workflow steps, built from real events', () => {
  const grace = people.grace
  const dmitri = people.dmitri
  const sofia = people.sofia

  it('an in-place edit reads old → new for each field the agent changed, from what the agent saw', () => {
    const desk = createDesk()
    const incident = desk.log(reports.outlookPassword, grace)
    const [edited] = desk.run(
      {
        action: 'editDetails',
        incidentId: incident.id,
        changes: { location: 'HQ, 3rd floor', channel: 'email', caller: { name: 'Margaret Chen', contact: '+44 20 7946 0999', vip: true }, service: null },
      },
      grace,
    )
    const text = read(entryOf(timeline(desk, incident.id), edited!))
    expect(text).toContain('Edited the details')
    expect(text).toContain('Caller: Margaret Chen, margaret.chen@northwind.example → Margaret Chen, +44 20 7946 0999 (VIP)')
    expect(text).toContain('Channel: Phone → Email')
    expect(text).toContain('Location: HQ, 2nd floor → HQ, 3rd floor')
    // Cleared reads as "none", not as an empty string.
    expect(text).toContain('Service: Email → none')
    // Unchanged fields are not listed.
    expect(text).not.toContain('Short description')
    expect(text).toContain('Grace Okafor (L1 agent)')
    expect(text).toContain('not yet synced')
  })

  it('an edit shows the value the editor replaced even when a later edit changed it again', () => {
    const desk = createDesk()
    const incident = desk.log(reports.outlookPassword, grace)
    const [first] = desk.run({ action: 'editDetails', incidentId: incident.id, changes: { location: 'HQ, 3rd floor' } }, grace)
    const [second] = desk.run({ action: 'editDetails', incidentId: incident.id, changes: { location: 'Home office' } }, grace)
    const entries = timeline(desk, incident.id)
    expect(read(entryOf(entries, first!))).toContain('Location: HQ, 2nd floor → HQ, 3rd floor')
    expect(read(entryOf(entries, second!))).toContain('Location: HQ, 3rd floor → Home office')
  })

  it('a hold awaiting the caller reads what the caller was asked; the resume reads the state going back', () => {
    const desk = createDesk()
    const incident = desk.log(reports.outlookPassword, grace)
    desk.run({ action: 'acknowledge', incidentId: incident.id }, grace)
    const [hold] = desk.run(
      { action: 'hold', incidentId: incident.id, reason: 'awaiting_caller', callerComment: 'Please send a screenshot of the password prompt.' },
      grace,
    )
    const [resumed] = desk.run({ action: 'resume', incidentId: incident.id }, grace)
    const entries = timeline(desk, incident.id)
    const held = read(entryOf(entries, hold!))
    expect(held).toContain('Asked the caller: Please send a screenshot of the password prompt.')
    expect(held).toContain('State: In Progress → On Hold')
    expect(held).toContain('Hold reason: none → Awaiting Caller')
    const back = read(entryOf(entries, resumed!))
    expect(back).toContain('State: On Hold → In Progress')
    expect(back).not.toContain('Asked the caller')
  })

  it('a hold for another reason asks the caller nothing', () => {
    const desk = createDesk()
    const incident = desk.log(reports.outlookPassword, grace)
    desk.run({ action: 'acknowledge', incidentId: incident.id }, grace)
    const [hold] = desk.run({ action: 'hold', incidentId: incident.id, reason: 'awaiting_vendor' }, grace)
    const text = read(entryOf(timeline(desk, incident.id), hold!))
    expect(text).toContain('Hold reason: none → Awaiting Vendor')
    expect(text).not.toContain('Asked the caller')
  })

  it('a functional escalation reads the levels, the group and the reason, and who no longer holds it', () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, grace)
    desk.run({ action: 'assign', incidentId: incident.id, assignmentGroup: 'Service Desk', assignee: personRef(grace) }, grace)
    desk.run({ action: 'acknowledge', incidentId: incident.id }, grace)
    const [escalated] = desk.run(
      {
        action: 'escalate',
        incidentId: incident.id,
        escalation: { kind: 'functional', toLevel: 2, toGroup: 'Network L2', reason: 'Tunnel renegotiation needs the firewall team.' },
      },
      grace,
    )
    const text = read(entryOf(timeline(desk, incident.id), escalated!))
    expect(text).toContain('Escalation')
    expect(text).toContain('Escalated to L2 (Network L2)')
    expect(text).toContain('L1 → L2, group Network L2 · Reason: Tunnel renegotiation needs the firewall team.')
    expect(text).toContain('Level: L1 → L2')
    expect(text).toContain('Assignment group: Service Desk → Network L2')
    expect(text).toContain('Assigned to: Grace Okafor → Unassigned')
  })

  it('a hierarchical escalation reads the manager, why, and changes nothing else', () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, grace)
    const [told] = desk.run(
      {
        action: 'escalate',
        incidentId: incident.id,
        escalation: { kind: 'hierarchical', manager: 'Helen Brooks', trigger: 'vip_caller', reason: 'The CFO is waiting on this printer.' },
      },
      grace,
    )
    const entry = entryOf(timeline(desk, incident.id), told!)
    expect(read(entry)).toContain('Notified manager Helen Brooks')
    expect(read(entry)).toContain('VIP caller · Reason: The CFO is waiting on this printer.')
    expect(entry.changes).toEqual([])
  })

  it('a resolution reads its code and notes; a reopen reads its reason', () => {
    const desk = createDesk()
    const incident = desk.log(reports.outlookPassword, grace)
    desk.run({ action: 'acknowledge', incidentId: incident.id }, grace)
    const [resolved] = desk.run(
      { action: 'resolve', incidentId: incident.id, resolutionCode: 'workaround_provided', resolutionNotes: 'Cleared the cached credentials; prompt gone.' },
      grace,
    )
    const [reopened] = desk.run({ action: 'reopen', incidentId: incident.id, reason: 'The prompt came back after the weekend.' }, grace)
    const entries = timeline(desk, incident.id)
    const resolution = read(entryOf(entries, resolved!))
    expect(resolution).toContain('Resolution')
    expect(resolution).toContain('Resolved: Workaround provided')
    expect(resolution).toContain('Notes: Cleared the cached credentials; prompt gone.')
    expect(resolution).toContain('State: In Progress → Resolved')
    expect(resolution).toContain('Resolution code: none → Workaround provided')
    const reopen = read(entryOf(entries, reopened!))
    expect(reopen).toContain('Reopened')
    expect(reopen).toContain('Reason: The prompt came back after the weekend.')
    expect(reopen).toContain('State: Resolved → In Progress')
  })

  it('a child resolved with its major incident names the major incident by number, or says it is elsewhere', () => {
    const desk = createDesk()
    const major = desk.log(reports.emailOutage, grace)
    const child = desk.log(reports.outlookPassword, grace)
    desk.run({ action: 'declareMajor', incidentId: major.id, incidentManager: personRef(sofia), reason: 'Company-wide email outage.' }, sofia)
    desk.run({ action: 'link', incidentId: major.id, kind: 'child', targetIncidentId: child.id }, sofia)
    const events = desk.run(
      { action: 'resolve', incidentId: major.id, resolutionCode: 'solution_provided', resolutionNotes: 'Mail gateway certificate renewed.' },
      sofia,
    )
    const cascaded = events.find((event) => event.incidentId === child.id)!
    const numbers = new Map([[major.id, major.number]])
    expect(read(entryOf(timeline(desk, child.id, (id) => numbers.get(id)), cascaded))).toContain(
      `Notes: Mail gateway certificate renewed. (resolved with its major incident ${major.number})`,
    )
    expect(read(entryOf(timeline(desk, child.id), cascaded))).toContain('(resolved with its major incident on another desk)')
  })

  it('a link reads the kind from this side and the other incident’s number from the lookup', () => {
    const desk = createDesk()
    const reset = desk.log(reports.outlookPassword, grace)
    const printer = desk.log(reports.printerJams, grace)
    const [here, there] = desk.run({ action: 'link', incidentId: printer.id, kind: 'duplicate_of', targetIncidentId: reset.id }, grace)
    const numbers = new Map([
      [reset.id, reset.number],
      [printer.id, printer.number],
    ])
    const lookup: NumberLookup = (id) => numbers.get(id)

    const fromPrinter = entryOf(timeline(desk, printer.id, lookup), here!)
    expect(read(fromPrinter)).toContain('Linked: duplicate of')
    // Where the view can open it, the number is a button; elsewhere it is plain text.
    expect(read(fromPrinter, { canOpen: true })).toContain(`Open ${reset.number}`)
    expect(read(fromPrinter)).toContain(reset.number)
    expect(fromPrinter.link).toEqual({ kind: 'duplicate_of', incidentId: reset.id, number: reset.number })

    const fromReset = read(entryOf(timeline(desk, reset.id, lookup), there!))
    expect(fromReset).toContain('Linked: duplicated by')
    expect(fromReset).toContain(printer.number)

    // A desk that does not hold the other incident says so instead of showing an id.
    const unknown = entryOf(timeline(desk, printer.id), here!)
    expect(read(unknown)).toContain('An incident not on this desk')
    expect(read(unknown, { canOpen: true })).toContain('Open the linked incident')
    expect(read(unknown)).not.toContain(reset.id)
  })

  it('an attachment reads the file’s name and size', () => {
    const desk = createDesk()
    const incident = desk.log(reports.outlookPassword, grace)
    const attachment = {
      attachmentId: '0193a3c4-aaaa-7000-8000-000000000001',
      name: 'password-prompt.png',
      mediaType: 'image/png',
      size: 48_213,
      sha256: 'a'.repeat(64),
    }
    const [attached] = desk.run({ action: 'attach', incidentId: incident.id, attachment }, grace)
    const entry = entryOf(timeline(desk, incident.id), attached!)
    const text = read(entry)
    expect(text).toContain('Attachment')
    expect(text).toContain('Attached password-prompt.png')
    expect(text).toMatch(/password-prompt\.png 47 KB/)
    expect(entry.attachment).toEqual(attachment)
  })

  it('a stakeholder update reads its audience, its text and when the next one is due', () => {
    const desk = createDesk()
    const major = desk.log(reports.emailOutage, grace)
    desk.run(
      { action: 'declareMajor', incidentId: major.id, incidentManager: personRef(sofia), reason: 'Nobody can send or receive email.', affectedServices: ['Email'] },
      sofia,
    )
    const nextUpdateDueAt = new Date(desk.clock.nowMs + 2 * HOUR).toISOString()
    const [update] = desk.run(
      { action: 'postMajorUpdate', incidentId: major.id, text: 'The gateway vendor is replacing the certificate.', audience: 'All staff', nextUpdateDueAt },
      sofia,
    )
    const [lastWord] = desk.run(
      { action: 'postMajorUpdate', incidentId: major.id, text: 'Email is back for everyone.', audience: 'Executive team', nextUpdateDueAt: null },
      dmitri,
    )
    const entries = timeline(desk, major.id)
    const text = read(entryOf(entries, update!))
    expect(text).toContain('Stakeholder update')
    expect(text).toContain('Stakeholder update to All staff')
    expect(text).toContain(`The gateway vendor is replacing the certificate. · Next update due ${formatFullTimestamp(nextUpdateDueAt)}`)
    expect(text).toContain('Sofia Lindqvist (Incident manager)')
    const last = read(entryOf(entries, lastWord!))
    expect(last).toContain('Stakeholder update to Executive team')
    expect(last).toContain('Email is back for everyone.')
    expect(last).not.toContain('Next update due')
  })
})

describe('an imported incident in the timeline', () => {
  it('shows the steps its one event packs, each at the source’s time, as the same steps taken at a desk would show', () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.grace)
    desk.clock.nowMs += 2 * HOUR
    desk.run({ action: 'assign', incidentId: incident.id, assignmentGroup: 'Service Desk', assignee: personRef(people.grace) }, people.grace)
    desk.clock.nowMs += 3 * HOUR
    desk.run({ action: 'resolve', incidentId: incident.id, resolutionCode: 'solution_provided', resolutionNotes: 'Toner replaced.' }, people.grace)
    const events = desk.eventsOf(incident.id)
    const packed = packImported(events)!
    const shown = (list: readonly StoredEvent[]) => buildActivity(list).entries.map(({ type, summary, occurredAt, changes }) => ({ type, summary, occurredAt, changes }))
    expect(shown([packed])).toEqual(shown(events))
    expect(shown([packed]).map((entry) => entry.type)).toEqual(['IncidentLogged', 'IncidentAssigned', 'IncidentResolved'])
  })
})
