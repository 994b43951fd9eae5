/**
 * The steps the desk UI added to the lifecycle: editing header fields in place, attachments,
 * a major incident's communication log and review, disclosure tracking on security incidents,
 * and imported incidents' origin. Each is a recorded event; these tests pin what a person sees
 * after it and what is refused.
 */
import { describe, expect, it } from 'vitest'
import { withCurrentShape, type Incident } from '../../../src-shared/incident/incident'
import { applyEvent, foldEvents } from '../../../src-shared/incident/reducer'
import { computeDisclosureDeadlines } from '../../../src-shared/security/disclosure'
import { createDesk, forkDesk, HOUR, incidentIn, MINUTE, nowIso, people, personRef, reports } from '../../fixtures/incidents'

const attachment = {
  attachmentId: '019a0f3e-7c41-7b2a-9d1e-5f6a7b8c9d0e',
  name: 'jammed-tray.jpg',
  mediaType: 'image/jpeg',
  size: 231_040,
  sha256: 'c'.repeat(64),
}

describe('editing header fields in place', () => {
  it('changes only the fields given and records their previous values for the activity log', () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.grace)
    const [event] = desk.run({ action: 'editDetails', incidentId: incident.id, changes: { location: 'Finance, floor 4', shortDescription: incident.shortDescription } }, people.grace)
    expect(event!.type).toBe('IncidentDetailsEdited')
    // The unchanged short description is not part of the edit.
    expect(event!.payload).toEqual({ changes: { location: 'Finance, floor 4' }, previous: { location: incident.location } })
    const after = desk.get(incident.id)
    expect(after.location).toBe('Finance, floor 4')
    expect(after.shortDescription).toBe(incident.shortDescription)
  })

  it('refuses an edit that changes nothing, and one that blanks the short description', () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.grace)
    const same = desk.attempt({ action: 'editDetails', incidentId: incident.id, changes: { location: incident.location } }, people.grace)
    expect(same.ok ? 'ok' : same.refusal.code).toBe('no_change')
    const blank = desk.attempt({ action: 'editDetails', incidentId: incident.id, changes: { shortDescription: '   ' } }, people.grace)
    expect(blank.ok ? 'ok' : blank.refusal.code).toBe('missing_field')
    expect(desk.eventsOf(incident.id)).toHaveLength(1)
  })

  it('merges concurrent edits of different fields made on two offline desks', () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.grace)
    const other = forkDesk(desk, 'desk-field')
    desk.run({ action: 'editDetails', incidentId: incident.id, changes: { location: 'Finance, floor 4' } }, people.grace)
    other.run({ action: 'editDetails', incidentId: incident.id, changes: { configurationItem: 'PRN-FIN-04' } }, people.grace)
    const merged = foldEvents([...desk.events, ...other.events])!
    expect(merged.location).toBe('Finance, floor 4')
    expect(merged.configurationItem).toBe('PRN-FIN-04')
  })
})

describe('attachments', () => {
  it('adds the descriptor once, with who and when, even when the event is delivered twice', () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.grace)
    const [event] = desk.run({ action: 'attach', incidentId: incident.id, attachment }, people.grace)
    const folded = foldEvents([...desk.events, event!])!
    expect(folded.attachments).toEqual([{ ...attachment, addedAt: event!.occurredAt, addedBy: personRef(people.grace) }])
  })

  it('refuses a file over the size limit or a hash that is not SHA-256, storing nothing', () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.grace)
    const tooBig = desk.attempt({ action: 'attach', incidentId: incident.id, attachment: { ...attachment, size: 50 * 1024 * 1024 } }, people.grace)
    expect(tooBig.ok ? 'ok' : tooBig.refusal.message).toMatch(/at most 10 MB/)
    const badHash = desk.attempt({ action: 'attach', incidentId: incident.id, attachment: { ...attachment, sha256: 'not-a-hash' } }, people.grace)
    expect(badHash.ok ? 'ok' : badHash.refusal.code).toBe('invalid_field')
    expect(desk.eventsOf(incident.id)).toHaveLength(1)
  })
})

describe('a major incident', () => {
  it('starts its stakeholder-update clock at declaration, from the configured cadence', () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.emailOutage })
    const declaredAt = nowIso(desk.clock)
    desk.run(
      { action: 'declareMajor', incidentId: incident.id, incidentManager: personRef(people.sofia), reason: 'Mail down at every site.', affectedServices: ['Email', ' Email ', 'Calendar'] },
      people.sofia,
    )
    const major = desk.get(incident.id)
    expect(major.affectedServices).toEqual(['Email', 'Calendar'])
    expect(major.majorUpdateCadenceMinutes).toBe(30)
    expect(major.nextMajorUpdateDueAt).toBe(new Date(Date.parse(declaredAt) + 30 * MINUTE).toISOString())
  })

  it('keeps a communication log; each update moves the next-update-due clock one cadence on unless another time is promised', () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.emailOutage, major: true })
    const firstAt = nowIso(desk.clock)
    desk.run({ action: 'postMajorUpdate', incidentId: incident.id, audience: 'All staff', text: 'Mail is down; the gateway team is on it.' }, people.sofia)
    const promised = new Date(Date.parse(nowIso(desk.clock)) + 2 * HOUR).toISOString()
    desk.run({ action: 'postMajorUpdate', incidentId: incident.id, audience: 'Executives', text: 'Root cause found; fix under way.', nextUpdateDueAt: promised }, people.sofia)
    const major = desk.get(incident.id)
    expect(major.majorUpdates.map((update) => [update.audience, update.by.displayName])).toEqual([
      ['All staff', people.sofia.displayName],
      ['Executives', people.sofia.displayName],
    ])
    expect(major.majorUpdates[0]!.nextUpdateDueAt).toBe(new Date(Date.parse(firstAt) + 30 * MINUTE).toISOString())
    expect(major.nextMajorUpdateDueAt).toBe(promised)
  })

  it('refuses updates on an incident that is not major, and a next update due in the past', () => {
    const { desk, incident } = incidentIn('in_progress')
    const notMajor = desk.attempt({ action: 'postMajorUpdate', incidentId: incident.id, audience: 'All staff', text: 'Update' }, people.sofia)
    expect(notMajor.ok ? 'ok' : notMajor.refusal.code).toBe('not_major')
    desk.run({ action: 'declareMajor', incidentId: incident.id, incidentManager: personRef(people.sofia), reason: 'Whole floor.' }, people.sofia)
    const past = desk.attempt(
      { action: 'postMajorUpdate', incidentId: incident.id, audience: 'All staff', text: 'Update', nextUpdateDueAt: '2020-01-01T00:00:00.000Z' },
      people.sofia,
    )
    expect(past.ok ? 'ok' : past.refusal.code).toBe('invalid_field')
  })

  it('records a post-incident review only once resolved, by the incident manager', () => {
    const { desk, incident } = incidentIn('resolved', { report: reports.emailOutage, major: true })
    const byAgent = desk.attempt(
      { action: 'recordReview', incidentId: incident.id, summary: 'S', rootCause: 'R', lessonsLearned: '', followUpActions: [] },
      people.grace,
    )
    expect(byAgent.ok ? 'ok' : byAgent.refusal.code).toBe('role_not_allowed')
    desk.run(
      {
        action: 'recordReview',
        incidentId: incident.id,
        summary: 'Gateway certificate expired.',
        rootCause: 'Renewal job failed silently.',
        lessonsLearned: 'Watch expiry, not the job.',
        followUpActions: ['Expiry monitoring', ''],
      },
      people.sofia,
    )
    const review = desk.get(incident.id).postIncidentReview
    expect(review).toMatchObject({ rootCause: 'Renewal job failed silently.', followUpActions: ['Expiry monitoring'], recordedBy: personRef(people.sofia) })
  })
})

describe('disclosure tracking on a security incident', () => {
  it('starts each regime clock from its recorded trigger and marks what was submitted', () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.phishingClick, loggedBy: people.priya, assignee: people.priya })
    const awareAt = new Date(Date.parse(nowIso(desk.clock)) - 2 * HOUR).toISOString()
    desk.run({ action: 'trackDisclosure', incidentId: incident.id, step: { kind: 'regimes', regimes: ['gdpr', 'nis2'] } }, people.priya)
    desk.run({ action: 'trackDisclosure', incidentId: incident.id, step: { kind: 'trigger', trigger: 'awareness', occurredAt: awareAt, note: 'SOC confirmed exfiltration.' } }, people.priya)
    const submittedAt = nowIso(desk.clock)
    desk.run(
      { action: 'trackDisclosure', incidentId: incident.id, step: { kind: 'submitted', deadlineId: 'nis2_early_warning', submittedAt, reference: 'CSIRT-114' } },
      people.priya,
    )
    const { disclosure } = desk.get(incident.id)
    expect(disclosure).toEqual({
      regimes: ['gdpr', 'nis2'],
      triggers: { awareness: awareAt },
      submissions: { nis2_early_warning: submittedAt },
      references: { nis2_early_warning: 'CSIRT-114' },
    })
    const deadlines = computeDisclosureDeadlines(disclosure.triggers, disclosure.regimes, submittedAt, { submissions: disclosure.submissions })
    const gdpr = deadlines.find((deadline) => deadline.definition.id === 'gdpr_supervisory_authority')!
    expect(gdpr.dueAt).toBe(new Date(Date.parse(awareAt) + 72 * HOUR).toISOString())
    expect(deadlines.find((deadline) => deadline.definition.id === 'nis2_early_warning')!.status).toBe('submitted')
  })

  it('refuses triggers in the future, unknown deadlines, and disclosure on an ordinary incident', () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.phishingClick, loggedBy: people.priya, assignee: people.priya })
    const future = new Date(Date.parse(nowIso(desk.clock)) + HOUR).toISOString()
    const early = desk.attempt({ action: 'trackDisclosure', incidentId: incident.id, step: { kind: 'trigger', trigger: 'discovery', occurredAt: future, note: null } }, people.priya)
    expect(early.ok ? 'ok' : early.refusal.code).toBe('invalid_field')
    const unknown = desk.attempt(
      { action: 'trackDisclosure', incidentId: incident.id, step: { kind: 'submitted', deadlineId: 'pci_report', submittedAt: nowIso(desk.clock), reference: null } },
      people.priya,
    )
    expect(unknown.ok ? 'ok' : unknown.refusal.message).toMatch(/Deadline must be one of/)
    const ordinary = incidentIn('in_progress', { desk }).incident
    const refused = desk.attempt({ action: 'trackDisclosure', incidentId: ordinary.id, step: { kind: 'regimes', regimes: ['gdpr'] } }, people.alex)
    expect(refused.ok ? 'ok' : refused.refusal.code).toBe('not_security')
  })
})

describe('an imported incident', () => {
  it('keeps the number and timestamps it had in the other tool as its origin', () => {
    const desk = createDesk()
    const origin = { system: 'ServiceNow', number: 'INC0010234', openedAt: '2024-11-04T08:15:00.000Z', closedAt: null, state: 'In Progress' }
    const incident = desk.log(reports.printerJams, people.grace, { origin } as never)
    expect(incident.origin).toEqual(origin)
    expect(desk.log(reports.vpnDrops, people.grace).origin).toBeNull()
  })
})

describe('projections stored before these fields existed', () => {
  it('read in the current shape and fold on without losing anything', () => {
    const desk = createDesk()
    const incident = desk.log(reports.printerJams, people.grace)
    const legacy = { ...incident } as Partial<Incident>
    for (const key of ['affectedServices', 'majorUpdateCadenceMinutes', 'majorUpdates', 'nextMajorUpdateDueAt', 'postIncidentReview', 'attachments', 'disclosure', 'origin'] as const) {
      delete legacy[key]
    }
    expect(withCurrentShape(legacy as Incident)).toEqual(incident)
    const [event] = desk.run({ action: 'attach', incidentId: incident.id, attachment }, people.grace)
    const next = applyEvent(legacy as Incident, event!)!
    expect(next.attachments.map((added) => added.name)).toEqual(['jammed-tray.jpg'])
    expect(next.disclosure.regimes).toEqual([])
  })
})
