import { describe, expect, it } from 'vitest'
import { authorizeEvent } from '../../../src-shared/incident/authorization'
import { checkPermission, decide } from '../../../src-shared/incident/lifecycle'
import { foldEvents } from '../../../src-shared/incident/reducer'
import { advance, createDesk, forkDesk, incidentIn, nowIso, people, personRef, reports, stampEvents } from '../../fixtures/incidents'

/** Edge cases found in review of the lifecycle: each once let a wrong fact through. */
describe('ownership after a functional escalation', () => {
  it('a field technician who logged and escalated an incident no longer works it; the new group does', () => {
    const desk = createDesk()
    const id = desk.log(reports.cardReader, people.tomas).id
    desk.run({ action: 'escalate', incidentId: id, escalation: { kind: 'functional', toLevel: 2, toGroup: 'Retail L2', reason: 'Terminal firmware' } }, people.tomas)
    const escalated = desk.get(id)
    expect(checkPermission(escalated, 'resolve', people.tomas)?.code).toBe('not_owner')
    expect(checkPermission(escalated, 'acknowledge', people.dmitri)).toBeUndefined()
  })
})

describe('major incident hierarchy', () => {
  function threeIncidents() {
    const desk = createDesk()
    const parent = desk.log(reports.emailOutage, people.sofia).id
    const child = desk.log(reports.outlookPassword, people.grace).id
    const other = desk.log(reports.printerJams, people.grace).id
    desk.run({ action: 'link', incidentId: parent, kind: 'child', targetIncidentId: child }, people.sofia)
    return { desk, parent, child, other }
  }

  it('refuses a cycle: a child cannot become its parent’s parent', () => {
    const { desk, parent, child } = threeIncidents()
    const refused = desk.attempt({ action: 'link', incidentId: child, kind: 'child', targetIncidentId: parent }, people.sofia)
    expect(!refused.ok && refused.refusal.code).toBe('invalid_link')
  })

  it('refuses grandchildren: a child cannot have children, and a parent cannot become a child', () => {
    const { desk, parent, child, other } = threeIncidents()
    const grandchild = desk.attempt({ action: 'link', incidentId: child, kind: 'child', targetIncidentId: other }, people.sofia)
    expect(!grandchild.ok && grandchild.refusal.message).toMatch(/is itself a child/)
    const parentAsChild = desk.attempt({ action: 'link', incidentId: other, kind: 'child', targetIncidentId: parent }, people.sofia)
    expect(!parentAsChild.ok && parentAsChild.refusal.message).toMatch(/has children of its own/)
  })

  it('a cascade resolve leaves alone a child the incident manager cannot see', () => {
    const desk = createDesk()
    const parent = desk.log(reports.emailOutage, people.sofia).id
    desk.run({ action: 'declareMajor', incidentId: parent, incidentManager: personRef(people.sofia), reason: 'Mail down' }, people.sofia)
    const securityChild = desk.log(reports.phishingClick, people.priya).id
    desk.run({ action: 'link', incidentId: parent, kind: 'child', targetIncidentId: securityChild }, people.alex)
    const events = desk.run({ action: 'resolve', incidentId: parent, resolutionCode: 'resolved_by_change', resolutionNotes: 'Transport restarted.' }, people.sofia)
    expect(events.map((event) => event.incidentId)).toEqual([parent])
    expect(desk.get(securityChild).state).toBe('new')
  })
})

describe('facts that arrive late or twice', () => {
  it('counts an event delivered twice once', () => {
    const { desk, incident } = incidentIn('in_progress')
    const [note] = desk.run({ action: 'addWorkNote', incidentId: incident.id, text: 'Swapped the toner.' }, people.grace)
    const events = desk.eventsOf(incident.id)
    expect(foldEvents([...events, note!])).toEqual(foldEvents(events))
    expect(foldEvents([...events, note!])?.workNoteCount).toBe(1)
  })

  it('a major incident declared offline on an incident that was canceled meanwhile needs attention and stays canceled', () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.emailOutage })
    const laptop = forkDesk(desk, 'laptop')
    desk.run({ action: 'cancel', incidentId: incident.id, reason: 'duplicate', note: null }, people.grace)
    // The laptop's clock runs a little later, so its declaration sorts after the cancel.
    advance(laptop.clock, 60_000)
    const offline = laptop.run(
      { action: 'declareMajor', incidentId: incident.id, incidentManager: personRef(people.sofia), reason: 'Mail down' },
      people.sofia,
    )
    const folded = foldEvents([...desk.eventsOf(incident.id), ...offline])
    expect(folded).toMatchObject({ state: 'canceled', isMajor: false, needsAttention: offline.map((event) => event.id) })
  })
})

describe('field edits', () => {
  it('categorize keeps an omitted service and clears an explicit null', () => {
    const { desk, incident } = incidentIn('in_progress')
    desk.run({ action: 'categorize', incidentId: incident.id, category: 'hardware', service: 'Printing', configurationItem: 'PRN-3F-01' }, people.grace)
    desk.run({ action: 'categorize', incidentId: incident.id, category: 'hardware', subcategory: 'printer' }, people.grace)
    expect(desk.get(incident.id)).toMatchObject({ service: 'Printing', configurationItem: 'PRN-3F-01', subcategory: 'printer' })
    desk.run({ action: 'categorize', incidentId: incident.id, category: 'hardware', subcategory: 'printer', service: null, configurationItem: null }, people.grace)
    expect(desk.get(incident.id)).toMatchObject({ service: null, configurationItem: null })
  })

  it('a blank comment on a hold that needs none is not recorded as a caller comment', () => {
    const { desk, incident } = incidentIn('in_progress')
    const [hold] = desk.run({ action: 'hold', incidentId: incident.id, reason: 'awaiting_vendor', callerComment: '   ' }, people.grace)
    expect(hold?.payload).toEqual({ reason: 'awaiting_vendor', callerComment: null })
    expect(desk.get(incident.id).callerCommentCount).toBe(0)
  })
})

describe('the server re-check of major-incident steps', () => {
  it('refuses a major incident resolved by an L2 specialist and accepts it from the incident manager', () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.emailOutage, major: true })
    const drafts = decide(incident, { action: 'resolve', incidentId: incident.id, resolutionCode: 'resolved_by_change', resolutionNotes: 'Gateway restarted.' }, {
      actor: people.sofia,
      now: nowIso(desk.clock),
      config: desk.config,
      related: desk.find,
    })
    if (!drafts.ok) throw new Error(drafts.refusal.message)
    const byDmitri = stampEvents(drafts.events, people.dmitri, desk.clock)[0]!
    const bySofia = stampEvents(drafts.events, people.sofia, desk.clock)[0]!
    expect(authorizeEvent(byDmitri, { actor: people.dmitri, incident, related: desk.find })?.code).toBe('role_not_allowed')
    expect(authorizeEvent(bySofia, { actor: people.sofia, incident, related: desk.find })).toBeUndefined()
  })

  it('refuses an L1 agent declaring a P3 major, as the desk itself would', () => {
    const { desk, incident } = incidentIn('in_progress')
    const drafts = decide(incident, { action: 'declareMajor', incidentId: incident.id, incidentManager: personRef(people.sofia), reason: 'Feels big' }, {
      actor: people.alex,
      now: nowIso(desk.clock),
      config: desk.config,
    })
    if (!drafts.ok) throw new Error(drafts.refusal.message)
    const byGrace = stampEvents(drafts.events, people.grace, desk.clock)[0]!
    expect(authorizeEvent(byGrace, { actor: people.grace, incident, related: desk.find })?.code).toBe('not_p1')
  })
})
