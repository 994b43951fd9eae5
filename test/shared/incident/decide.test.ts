/**
 * Example tests for `decide`: what each command requires, what it records, and how it is refused.
 * The permission grid lives in permissions.test.ts; these are about the fields and the effects.
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_DOMAIN_CONFIG } from '../../../src-shared/config/domainConfig'
import type { EventDraft } from '../../../src-shared/events/events'
import { LIMITS } from '../../../src-shared/events/limits'
import type { Command } from '../../../src-shared/incident/commands'
import { autoCloseEligibility, decide, relatedIncidentIds, type Decision, type DecisionContext } from '../../../src-shared/incident/lifecycle'
import type { Actor } from '../../../src-shared/incident/roles'
import type { CancelReason, HoldReason, ResolutionCode } from '../../../src-shared/incident/vocabulary'
import {
  createDesk,
  DAY,
  incidentIn,
  nowIso,
  people,
  personRef,
  reports,
  type Desk,
} from '../../fixtures/incidents'

function contextOn(desk: Desk, actor: Actor): DecisionContext {
  return { actor, now: nowIso(desk.clock), config: desk.config, related: desk.find }
}

/** The refusal as `code: message`, or a marker when the command was accepted. */
function refusalOf(decision: Decision): { code: string; message: string } {
  if (decision.ok) throw new Error(`Expected a refusal, got events ${decision.events.map((event) => event.type).join(', ')}`)
  // The words a person reads and the code callers match; the reason and parameters are for wording it in other languages.
  return { code: decision.refusal.code, message: decision.refusal.message }
}

function draftsOf(decision: Decision): EventDraft[] {
  if (!decision.ok) throw new Error(`Expected events, got ${decision.refusal.code}: ${decision.refusal.message}`)
  return decision.events
}

const tooLong = (limit: number) => 'x'.repeat(limit + 1)

describe('log', () => {
  const desk = createDesk()
  const base: Command = {
    action: 'log',
    incidentId: '0195a0c1-8f00-7000-8000-000000000001',
    number: 'INC0000042',
    numberIsProvisional: true,
    ...reports.outlookPassword,
  }

  it('records the report, derives the priority and starts at L1', () => {
    const [event] = draftsOf(decide(undefined, base, contextOn(desk, people.grace)))
    expect(event).toMatchObject({
      incidentId: base.incidentId,
      type: 'IncidentLogged',
      payload: { shortDescription: 'Outlook keeps asking for password', caller: { name: 'Margaret Chen' }, impact: 3, urgency: 2, priority: 4, level: 1 },
    })
  })

  it('fills the optional classification with null', () => {
    const minimal: Command = {
      action: 'log',
      incidentId: base.incidentId,
      number: 'INC0000043',
      numberIsProvisional: true,
      shortDescription: 'Mouse not working',
      description: '',
      caller: { name: 'Ben Whitaker' },
      channel: 'walk_in',
      impact: 3,
      urgency: 3,
    }
    const [event] = draftsOf(decide(undefined, minimal, contextOn(desk, people.grace)))
    expect(event?.payload).toMatchObject({ category: null, subcategory: null, service: null, configurationItem: null, location: null, assignmentGroup: null })
  })

  it.each([
    { field: 'short description', command: { ...base, shortDescription: '   ' }, message: 'A short description is required.' },
    { field: 'caller', command: { ...base, caller: { name: '' } }, message: 'The caller is required.' },
  ])('refuses a missing $field', ({ command, message }) => {
    expect(refusalOf(decide(undefined, command, contextOn(desk, people.grace)))).toEqual({ code: 'missing_field', message })
  })

  it('refuses a 161-character short description, naming the limit', () => {
    const refusal = refusalOf(decide(undefined, { ...base, shortDescription: tooLong(LIMITS.shortDescription) }, contextOn(desk, people.grace)))
    expect(refusal.code).toBe('invalid_field')
    expect(refusal.message).toContain('Short description is too long (at most 160 characters)')
  })

  it('accepts exactly 160 characters', () => {
    expect(decide(undefined, { ...base, shortDescription: 'x'.repeat(160) }, contextOn(desk, people.grace)).ok).toBe(true)
  })

  it('refuses to log an incident that already exists', () => {
    const existing = desk.log(reports.printerJams, people.grace)
    const refusal = refusalOf(decide(existing, { ...base, incidentId: existing.id }, contextOn(desk, people.grace)))
    expect(refusal).toEqual({ code: 'already_exists', message: `Incident ${existing.number} already exists.` })
  })
})

describe('commands on an incident that is not there', () => {
  it('refuses a command for an unknown incident', () => {
    const desk = createDesk()
    const refusal = refusalOf(decide(undefined, { action: 'acknowledge', incidentId: 'nope' }, contextOn(desk, people.grace)))
    expect(refusal.code).toBe('not_found')
  })

  it('refuses a command naming another incident than the one given', () => {
    const { desk, incident } = incidentIn('new')
    const refusal = refusalOf(decide(incident, { action: 'acknowledge', incidentId: 'some-other-id' }, contextOn(desk, people.grace)))
    expect(refusal).toEqual({ code: 'not_found', message: 'The command names another incident.' })
  })
})

describe('categorize', () => {
  it('requires a category', () => {
    const { desk, incident } = incidentIn('new')
    const refusal = refusalOf(decide(incident, { action: 'categorize', incidentId: incident.id, category: ' ' }, contextOn(desk, people.grace)))
    expect(refusal.code).toBe('missing_field')
  })

  it('keeps service and configuration item when the command leaves them out', () => {
    const { desk, incident } = incidentIn('new', { report: reports.outlookPassword })
    desk.run({ action: 'categorize', incidentId: incident.id, category: 'identity', subcategory: 'password' }, people.grace)
    expect(desk.get(incident.id)).toMatchObject({ category: 'identity', subcategory: 'password', service: 'Email', configurationItem: 'LT-0412' })
  })

  it('refuses the same classification twice', () => {
    const { desk, incident } = incidentIn('new', { report: reports.printerJams })
    const same = { action: 'categorize', incidentId: incident.id, category: 'hardware', subcategory: 'printer' } as const
    expect(refusalOf(decide(incident, same, contextOn(desk, people.grace)))).toEqual({ code: 'no_change', message: 'The category is already set to that.' })
  })

  it('moving an incident into category Security hides it from the desk', () => {
    const { desk, incident } = incidentIn('in_progress', { assignee: people.dmitri })
    desk.run({ action: 'categorize', incidentId: incident.id, category: 'security', subcategory: 'data leak' }, people.dmitri)
    const after = desk.get(incident.id)
    expect(after.isSecurity).toBe(true)
    expect(refusalOf(desk.attempt({ action: 'addWorkNote', incidentId: incident.id, text: 'still here?' }, people.dmitri)).code).toBe('not_visible')
    expect(desk.attempt({ action: 'addWorkNote', incidentId: incident.id, text: 'Taking over.' }, people.priya).ok).toBe(true)
  })
})

describe('prioritize', () => {
  it('derives the priority from the matrix', () => {
    const { desk, incident } = incidentIn('new', { report: reports.printerJams })
    const [event] = draftsOf(decide(incident, { action: 'prioritize', incidentId: incident.id, impact: 1, urgency: 2 }, contextOn(desk, people.grace)))
    expect(event?.payload).toEqual({ impact: 1, urgency: 2, priority: 2 })
  })

  it('refuses the same impact and urgency', () => {
    const { desk, incident } = incidentIn('new', { report: reports.printerJams })
    const refusal = refusalOf(decide(incident, { action: 'prioritize', incidentId: incident.id, impact: 2, urgency: 2 }, contextOn(desk, people.grace)))
    expect(refusal.code).toBe('no_change')
  })
})

describe('assign and acknowledge', () => {
  it('assigning a person meets the response and leaves it New until the assignee takes it', () => {
    const { desk, incident } = incidentIn('new')
    desk.run({ action: 'assign', incidentId: incident.id, assignmentGroup: 'Service Desk', assignee: personRef(people.dmitri) }, people.grace)
    const after = desk.get(incident.id)
    expect(after).toMatchObject({ state: 'new', assignee: personRef(people.dmitri), assignmentGroup: 'Service Desk' })
    expect(after.respondedAt).not.toBeNull()
    desk.run({ action: 'acknowledge', incidentId: incident.id }, people.dmitri)
    expect(desk.get(incident.id)).toMatchObject({ state: 'in_progress', assignee: personRef(people.dmitri), respondedAt: after.respondedAt })
  })

  it('assigning only a group leaves it New and the response open', () => {
    const { desk, incident } = incidentIn('new')
    desk.run({ action: 'assign', incidentId: incident.id, assignmentGroup: 'Network L2', assignee: null }, people.grace)
    expect(desk.get(incident.id)).toMatchObject({ state: 'new', assignee: null, assignmentGroup: 'Network L2', respondedAt: null })
  })

  it('refuses assigning the same group and person again', () => {
    const { desk, incident } = incidentIn('in_progress', { assignee: people.dmitri })
    const command = { action: 'assign', incidentId: incident.id, assignmentGroup: 'Service Desk', assignee: personRef(people.dmitri) } as const
    expect(refusalOf(decide(incident, command, contextOn(desk, people.grace)))).toEqual({
      code: 'no_change',
      message: 'The incident is already assigned that way.',
    })
  })

  it('acknowledging takes the incident for whoever acknowledges', () => {
    const { desk, incident } = incidentIn('new')
    const [event] = draftsOf(decide(incident, { action: 'acknowledge', incidentId: incident.id }, contextOn(desk, people.dmitri)))
    expect(event).toEqual({ incidentId: incident.id, type: 'IncidentAcknowledged', payload: { assignee: personRef(people.dmitri) } })
  })
})

describe('work notes and caller comments', () => {
  it('a work note needs text', () => {
    const { desk, incident } = incidentIn('in_progress')
    const refusal = refusalOf(decide(incident, { action: 'addWorkNote', incidentId: incident.id, text: '\n\t ' }, contextOn(desk, people.grace)))
    expect(refusal).toEqual({ code: 'missing_field', message: 'A work note needs text.' })
  })

  it('refuses a work note over the note limit, naming it', () => {
    const { desk, incident } = incidentIn('in_progress')
    const refusal = refusalOf(decide(incident, { action: 'addWorkNote', incidentId: incident.id, text: tooLong(LIMITS.note) }, contextOn(desk, people.grace)))
    expect(refusal.code).toBe('invalid_field')
    expect(refusal.message).toContain('Work note is too long (at most 20000 characters)')
  })

  it('a caller comment needs text', () => {
    const { desk, incident } = incidentIn('in_progress')
    const command = { action: 'addCallerComment', incidentId: incident.id, text: '', direction: 'to_caller' } as const
    expect(refusalOf(decide(incident, command, contextOn(desk, people.grace))).code).toBe('missing_field')
  })

  it('counts notes and comments', () => {
    const { desk, incident } = incidentIn('in_progress')
    desk.run({ action: 'addWorkNote', incidentId: incident.id, text: 'Cleared the paper path.' }, people.grace)
    desk.run({ action: 'addWorkNote', incidentId: incident.id, text: 'Roller worn; ordering one.' }, people.grace)
    desk.run({ action: 'addCallerComment', incidentId: incident.id, text: 'A new roller arrives Thursday.', direction: 'to_caller' }, people.grace)
    expect(desk.get(incident.id)).toMatchObject({ workNoteCount: 2, callerCommentCount: 1, state: 'in_progress' })
  })
})

describe('hold and resume', () => {
  it('requires a hold reason', () => {
    const { desk, incident } = incidentIn('in_progress')
    const command = { action: 'hold', incidentId: incident.id, reason: undefined as unknown as HoldReason } as const
    expect(refusalOf(decide(incident, command, contextOn(desk, people.grace)))).toEqual({ code: 'missing_field', message: 'A hold reason is required.' })
  })

  it.each([undefined, null, '', '   '])('Awaiting Caller with a comment of %j is refused: the caller must be told what we wait for', (callerComment) => {
    const { desk, incident } = incidentIn('in_progress')
    const refusal = refusalOf(decide(incident, { action: 'hold', incidentId: incident.id, reason: 'awaiting_caller', callerComment }, contextOn(desk, people.grace)))
    expect(refusal.code).toBe('missing_field')
    expect(refusal.message).toMatch(/comment is required for Awaiting Caller/)
  })

  it('Awaiting Caller with a comment puts it on hold and counts the comment', () => {
    const { desk, incident } = incidentIn('in_progress')
    desk.run({ action: 'hold', incidentId: incident.id, reason: 'awaiting_caller', callerComment: 'Which tray were you printing from?' }, people.grace)
    expect(desk.get(incident.id)).toMatchObject({ state: 'on_hold', holdReason: 'awaiting_caller', callerCommentCount: 1 })
  })

  it('other reasons need no comment', () => {
    const { desk, incident } = incidentIn('in_progress')
    const [event] = desk.run({ action: 'hold', incidentId: incident.id, reason: 'awaiting_change' }, people.grace)
    expect(event?.payload).toEqual({ reason: 'awaiting_change', callerComment: null })
    expect(desk.get(incident.id)).toMatchObject({ state: 'on_hold', holdReason: 'awaiting_change', callerCommentCount: 0 })
  })

  it('refuses an unknown hold reason as an invalid field', () => {
    const { desk, incident } = incidentIn('in_progress')
    const command = { action: 'hold', incidentId: incident.id, reason: 'awaiting_godot' as HoldReason } as const
    const refusal = refusalOf(decide(incident, command, contextOn(desk, people.grace)))
    expect(refusal.code).toBe('invalid_field')
    expect(refusal.message).toContain('Hold reason must be one of: awaiting_caller, awaiting_change, awaiting_problem, awaiting_vendor.')
  })

  it('refuses an oversized comment to the caller, naming the limit', () => {
    const { desk, incident } = incidentIn('in_progress')
    const command = { action: 'hold', incidentId: incident.id, reason: 'awaiting_caller', callerComment: tooLong(LIMITS.note) } as const
    const refusal = refusalOf(decide(incident, command, contextOn(desk, people.grace)))
    expect(refusal.code).toBe('invalid_field')
    expect(refusal.message).toContain('at most 20000 characters')
  })

  it('resume brings it back In Progress and clears the reason', () => {
    const { desk, incident } = incidentIn('on_hold')
    const [event] = desk.run({ action: 'resume', incidentId: incident.id }, people.grace)
    expect(event?.payload).toEqual({ cause: 'manual' })
    expect(desk.get(incident.id)).toMatchObject({ state: 'in_progress', holdReason: null })
  })
})

describe('a caller reply', () => {
  it('while Awaiting Caller records the comment and resumes the incident', () => {
    const { desk, incident } = incidentIn('on_hold', { holdReason: 'awaiting_caller' })
    const drafts = draftsOf(
      decide(incident, { action: 'addCallerComment', incidentId: incident.id, text: 'Photo attached.', direction: 'from_caller' }, contextOn(desk, people.grace)),
    )
    expect(drafts).toEqual([
      { incidentId: incident.id, type: 'CallerCommentAdded', payload: { text: 'Photo attached.', direction: 'from_caller' } },
      { incidentId: incident.id, type: 'IncidentResumed', payload: { cause: 'caller_replied' } },
    ])
    desk.run({ action: 'addCallerComment', incidentId: incident.id, text: 'Photo attached.', direction: 'from_caller' }, people.grace)
    expect(desk.get(incident.id)).toMatchObject({ state: 'in_progress', holdReason: null, callerCommentCount: 2 })
  })

  it('while Awaiting Vendor is just a comment', () => {
    const { desk, incident } = incidentIn('on_hold', { holdReason: 'awaiting_vendor' })
    const events = desk.run({ action: 'addCallerComment', incidentId: incident.id, text: 'Any news?', direction: 'from_caller' }, people.grace)
    expect(events.map((event) => event.type)).toEqual(['CallerCommentAdded'])
    expect(desk.get(incident.id).state).toBe('on_hold')
  })

  it('our own message to a caller we are waiting on does not resume it', () => {
    const { desk, incident } = incidentIn('on_hold', { holdReason: 'awaiting_caller' })
    desk.run({ action: 'addCallerComment', incidentId: incident.id, text: 'Reminder: we need the photo.', direction: 'to_caller' }, people.grace)
    expect(desk.get(incident.id)).toMatchObject({ state: 'on_hold', holdReason: 'awaiting_caller' })
  })
})

describe('escalate', () => {
  const functional = (toLevel: 1 | 2 | 3, toGroup = 'Network L2', reason = 'Needs access to the VPN concentrator.') =>
    ({ kind: 'functional', toLevel, toGroup, reason }) as const

  it('functional escalation moves the incident up to a group, clears the assignee and records who and when', () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.vpnDrops, assignee: people.grace })
    const [event] = desk.run({ action: 'escalate', incidentId: incident.id, escalation: functional(2) }, people.grace)
    expect(event?.payload).toEqual({ kind: 'functional', fromLevel: 1, toLevel: 2, toGroup: 'Network L2', reason: 'Needs access to the VPN concentrator.' })
    const after = desk.get(incident.id)
    expect(after).toMatchObject({ level: 2, assignmentGroup: 'Network L2', assignee: null, state: 'in_progress' })
    expect(after.escalations).toEqual([
      { kind: 'functional', fromLevel: 1, toLevel: 2, toGroup: 'Network L2', reason: 'Needs access to the VPN concentrator.', at: event?.occurredAt, by: personRef(people.grace) },
    ])
  })

  it('may skip a level, L1 → L3', () => {
    const { desk, incident } = incidentIn('in_progress')
    desk.run({ action: 'escalate', incidentId: incident.id, escalation: functional(3, 'Infrastructure L3') }, people.grace)
    expect(desk.get(incident.id).level).toBe(3)
  })

  it.each([
    { from: 'L1', to: 1 as const, before: [] as const },
    { from: 'L2', to: 2 as const, before: [2] as const },
    { from: 'L2', to: 1 as const, before: [2] as const },
    { from: 'L3', to: 2 as const, before: [3] as const },
  ])('never sideways or down: $from → L$to is refused', ({ to, before }) => {
    const { desk, incident } = incidentIn('in_progress')
    for (const level of before) desk.run({ action: 'escalate', incidentId: incident.id, escalation: functional(level, `Level ${level}`) }, people.grace)
    const current = desk.get(incident.id)
    const refusal = refusalOf(decide(current, { action: 'escalate', incidentId: incident.id, escalation: functional(to) }, contextOn(desk, people.alex)))
    expect(refusal.code).toBe('invalid_escalation')
    expect(refusal.message).toBe(`Functional escalation goes up a level; this incident is already at L${current.level}.`)
  })

  it.each([
    { missing: 'reason', escalation: functional(2, 'Network L2', ' '), message: 'An escalation needs a reason.' },
    { missing: 'group', escalation: functional(2, ''), message: 'Choose the assignment group to escalate to.' },
    {
      missing: 'manager',
      escalation: { kind: 'hierarchical', manager: '', trigger: 'vip_caller', reason: 'VIP caller.' } as const,
      message: 'Name the manager to notify.',
    },
  ])('requires the $missing', ({ escalation, message }) => {
    const { desk, incident } = incidentIn('in_progress')
    expect(refusalOf(decide(incident, { action: 'escalate', incidentId: incident.id, escalation }, contextOn(desk, people.grace)))).toEqual({
      code: 'missing_field',
      message,
    })
  })

  it('refuses an oversized reason, naming the limit', () => {
    const { desk, incident } = incidentIn('in_progress')
    const refusal = refusalOf(
      decide(incident, { action: 'escalate', incidentId: incident.id, escalation: functional(2, 'Network L2', tooLong(LIMITS.reason)) }, contextOn(desk, people.grace)),
    )
    expect(refusal.code).toBe('invalid_field')
    expect(refusal.message).toContain('Escalation reason is too long (at most 2000 characters)')
  })

  it('hierarchical escalation tells a manager without moving the incident', () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.vpnDrops, assignee: people.dmitri })
    desk.run(
      { action: 'escalate', incidentId: incident.id, escalation: { kind: 'hierarchical', manager: 'Helen Brooks', trigger: 'vip_caller', reason: 'Jorge is the CFO.' } },
      people.dmitri,
    )
    const after = desk.get(incident.id)
    expect(after).toMatchObject({ level: 1, assignee: personRef(people.dmitri), assignmentGroup: 'Service Desk' })
    expect(after.escalations).toMatchObject([{ kind: 'hierarchical', manager: 'Helen Brooks', trigger: 'vip_caller', by: personRef(people.dmitri) }])
  })
})

describe('resolve', () => {
  it.each([
    { missing: 'resolution code', code: undefined as unknown as ResolutionCode, notes: 'Done.', message: 'A resolution code is required.' },
    { missing: 'resolution notes', code: 'solution_provided' as const, notes: '  ', message: 'Resolution notes are required.' },
  ])('requires the $missing', ({ code, notes, message }) => {
    const { desk, incident } = incidentIn('in_progress')
    const command = { action: 'resolve', incidentId: incident.id, resolutionCode: code, resolutionNotes: notes } as const
    expect(refusalOf(decide(incident, command, contextOn(desk, people.grace)))).toEqual({ code: 'missing_field', message })
  })

  it('refuses oversized notes, naming the limit', () => {
    const { desk, incident } = incidentIn('in_progress')
    const command = { action: 'resolve', incidentId: incident.id, resolutionCode: 'solution_provided', resolutionNotes: tooLong(LIMITS.note) } as const
    const refusal = refusalOf(decide(incident, command, contextOn(desk, people.grace)))
    expect(refusal.code).toBe('invalid_field')
    expect(refusal.message).toContain('Resolution notes is too long (at most 20000 characters)')
  })

  it('records code, notes, who and when; an on-hold incident loses its hold reason', () => {
    const { desk, incident } = incidentIn('on_hold', { assignee: people.dmitri })
    const [event] = desk.run(
      { action: 'resolve', incidentId: incident.id, resolutionCode: 'resolved_by_change', resolutionNotes: 'Firmware 2.4 deployed by CHG0042.' },
      people.dmitri,
    )
    expect(desk.get(incident.id)).toMatchObject({
      state: 'resolved',
      holdReason: null,
      resolutionCode: 'resolved_by_change',
      resolutionNotes: 'Firmware 2.4 deployed by CHG0042.',
      resolvedAt: event?.occurredAt,
      resolvedBy: personRef(people.dmitri),
    })
  })
})

describe('close', () => {
  it('the caller confirming closes it at once', () => {
    const { desk, incident } = incidentIn('resolved')
    const [event] = desk.run({ action: 'close', incidentId: incident.id, cause: 'caller_confirmed' }, people.grace)
    expect(desk.get(incident.id)).toMatchObject({ state: 'closed', closedAt: event?.occurredAt, resolutionCode: 'solution_provided' })
  })

  describe('automatically', () => {
    it('is refused before the configured days have passed, saying when it will close', () => {
      const { desk, incident } = incidentIn('resolved')
      const resolvedAt = Date.parse(incident.resolvedAt!)
      desk.clock.nowMs = resolvedAt + 7 * DAY - 1
      const refusal = refusalOf(desk.attempt({ action: 'close', incidentId: incident.id, cause: 'auto_close' }, people.alex))
      expect(refusal.code).toBe('not_eligible')
      expect(refusal.message).toBe(`Closes automatically 7 days after resolution, on ${new Date(resolvedAt + 7 * DAY).toISOString()}.`)
    })

    it('is allowed once the days have passed', () => {
      const { desk, incident } = incidentIn('resolved')
      desk.clock.nowMs = Date.parse(incident.resolvedAt!) + 7 * DAY
      desk.run({ action: 'close', incidentId: incident.id, cause: 'auto_close' }, people.alex)
      expect(desk.get(incident.id).state).toBe('closed')
    })

    it('follows the configured number of days', () => {
      const desk = createDesk({ config: { autoCloseDays: 3 } })
      const { incident } = incidentIn('resolved', { desk })
      expect(autoCloseEligibility(incident, new Date(Date.parse(incident.resolvedAt!) + 3 * DAY - 1).toISOString(), desk.config).eligible).toBe(false)
      expect(autoCloseEligibility(incident, new Date(Date.parse(incident.resolvedAt!) + 3 * DAY).toISOString(), desk.config)).toEqual({ eligible: true })
    })

    it('never closes a major incident, however long it waits', () => {
      const { desk, incident } = incidentIn('resolved', { report: reports.emailOutage, major: true })
      desk.clock.nowMs = Date.parse(incident.resolvedAt!) + 365 * DAY
      expect(refusalOf(desk.attempt({ action: 'close', incidentId: incident.id, cause: 'auto_close' }, people.alex))).toEqual({
        code: 'not_eligible',
        message: 'A major incident is never closed automatically.',
      })
    })

    it('only a resolved incident is eligible', () => {
      const { incident } = incidentIn('in_progress')
      expect(autoCloseEligibility(incident, '2030-01-01T00:00:00.000Z', DEFAULT_DOMAIN_CONFIG)).toMatchObject({
        eligible: false,
        refusal: { code: 'not_eligible', message: 'Only a resolved incident can close automatically.' },
      })
    })
  })
})

describe('reopen', () => {
  const reopen = (incidentId: string, reason = 'Jammed again on the first duplex job.') => ({ action: 'reopen', incidentId, reason }) as const
  const resolve = (incidentId: string) =>
    ({ action: 'resolve', incidentId, resolutionCode: 'solution_provided', resolutionNotes: 'Replaced the roller.' }) as const

  it('requires a reason', () => {
    const { desk, incident } = incidentIn('resolved')
    expect(refusalOf(decide(incident, reopen(incident.id, ''), contextOn(desk, people.grace)))).toEqual({
      code: 'missing_field',
      message: 'A reason is required to reopen an incident.',
    })
  })

  it('counts each reopen and clears the resolution', () => {
    const { desk, incident } = incidentIn('resolved', { assignee: people.dmitri })
    desk.run(reopen(incident.id), people.grace)
    desk.run(resolve(incident.id), people.dmitri)
    desk.run(reopen(incident.id, 'And again after lunch.'), people.grace)
    expect(desk.get(incident.id)).toMatchObject({
      state: 'in_progress',
      reopenCount: 2,
      resolutionCode: null,
      resolutionNotes: null,
      resolvedAt: null,
      resolvedBy: null,
      assignee: personRef(people.dmitri),
    })
  })

  it('a closed incident never reopens: the refusal points to a new, linked incident', () => {
    const { desk, incident } = incidentIn('closed')
    const refusal = refusalOf(desk.attempt(reopen(incident.id), people.alex))
    expect(refusal.code).toBe('terminal')
    expect(refusal.message).toContain('log a new incident and link it')
  })
})

describe('cancel', () => {
  it('requires a reason', () => {
    const { desk, incident } = incidentIn('new')
    const command = { action: 'cancel', incidentId: incident.id, reason: undefined as unknown as CancelReason } as const
    expect(refusalOf(decide(incident, command, contextOn(desk, people.grace)))).toEqual({ code: 'missing_field', message: 'A cancel reason is required.' })
  })

  it('records the reason and the note; an on-hold incident loses its hold reason', () => {
    const { desk, incident } = incidentIn('on_hold')
    const [event] = desk.run({ action: 'cancel', incidentId: incident.id, reason: 'duplicate', note: 'Same as INC0000007.' }, people.grace)
    expect(event?.payload).toEqual({ reason: 'duplicate', note: 'Same as INC0000007.' })
    expect(desk.get(incident.id)).toMatchObject({ state: 'canceled', cancelReason: 'duplicate', holdReason: null })
  })

  it('refuses an oversized note, naming the limit', () => {
    const { desk, incident } = incidentIn('new')
    const refusal = refusalOf(decide(incident, { action: 'cancel', incidentId: incident.id, reason: 'not_an_incident', note: tooLong(LIMITS.reason) }, contextOn(desk, people.grace)))
    expect(refusal.code).toBe('invalid_field')
    expect(refusal.message).toContain('Cancel note is too long (at most 2000 characters)')
  })
})

describe('declareMajor', () => {
  it('records the incident manager', () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.emailOutage })
    desk.run({ action: 'declareMajor', incidentId: incident.id, incidentManager: personRef(people.sofia), reason: 'Nobody can send mail.' }, people.grace)
    expect(desk.get(incident.id)).toMatchObject({ isMajor: true, incidentManager: personRef(people.sofia), state: 'in_progress' })
  })

  it('requires a reason and an incident manager', () => {
    const { desk, incident } = incidentIn('in_progress', { report: reports.emailOutage })
    const noReason = { action: 'declareMajor', incidentId: incident.id, incidentManager: personRef(people.sofia), reason: ' ' } as const
    expect(refusalOf(decide(incident, noReason, contextOn(desk, people.grace)))).toEqual({ code: 'missing_field', message: 'Say why this is a major incident.' })
    const noManager = { action: 'declareMajor', incidentId: incident.id, incidentManager: null as never, reason: 'Outage.' } as const
    expect(refusalOf(decide(incident, noManager, contextOn(desk, people.grace)))).toEqual({
      code: 'missing_field',
      message: 'A major incident needs an incident manager.',
    })
  })
})

describe('link', () => {
  function twoIncidents() {
    const desk = createDesk()
    const outage = desk.log(reports.emailOutage, people.grace)
    const outlook = desk.log(reports.outlookPassword, people.grace)
    return { desk, outage, outlook }
  }

  it('records the link on both ends', () => {
    const { desk, outage, outlook } = twoIncidents()
    const events = desk.run({ action: 'link', incidentId: outage.id, kind: 'child', targetIncidentId: outlook.id }, people.grace)
    expect(events.map((event) => [event.incidentId, event.payload])).toEqual([
      [outage.id, { kind: 'child', targetIncidentId: outlook.id }],
      [outlook.id, { kind: 'parent', targetIncidentId: outage.id }],
    ])
    expect(desk.get(outage.id).links).toEqual([{ kind: 'child', incidentId: outlook.id }])
    expect(desk.get(outlook.id).links).toEqual([{ kind: 'parent', incidentId: outage.id }])
  })

  it('refuses linking an incident to itself', () => {
    const { desk, outage } = twoIncidents()
    expect(refusalOf(desk.attempt({ action: 'link', incidentId: outage.id, kind: 'related', targetIncidentId: outage.id }, people.grace))).toEqual({
      code: 'invalid_link',
      message: 'An incident cannot be linked to itself.',
    })
  })

  it('refuses a target that is not on this desk', () => {
    const { desk, outage } = twoIncidents()
    const refusal = refusalOf(desk.attempt({ action: 'link', incidentId: outage.id, kind: 'related', targetIncidentId: '0195a0c1-8f00-7000-8000-00000000dead' }, people.grace))
    expect(refusal.code).toBe('not_found')
  })

  it('refuses a security incident as target for someone outside the security group', () => {
    const { desk, outage } = twoIncidents()
    const phishing = desk.log(reports.phishingClick, people.priya)
    const command = { action: 'link', incidentId: outage.id, kind: 'related', targetIncidentId: phishing.id } as const
    expect(refusalOf(desk.attempt(command, people.grace)).code).toBe('not_visible')
    expect(desk.attempt(command, people.priya).ok).toBe(true)
  })

  it('refuses the same link twice', () => {
    const { desk, outage, outlook } = twoIncidents()
    desk.run({ action: 'link', incidentId: outage.id, kind: 'related', targetIncidentId: outlook.id }, people.grace)
    const refusal = refusalOf(desk.attempt({ action: 'link', incidentId: outage.id, kind: 'related', targetIncidentId: outlook.id }, people.grace))
    expect(refusal).toEqual({ code: 'no_change', message: `Already linked to ${outlook.number}.` })
  })

  it('a child cannot get a second parent, whichever end asks', () => {
    const { desk, outage, outlook } = twoIncidents()
    const vpn = desk.log(reports.vpnDrops, people.grace)
    desk.run({ action: 'link', incidentId: outage.id, kind: 'child', targetIncidentId: outlook.id }, people.grace)

    const fromParent = refusalOf(desk.attempt({ action: 'link', incidentId: vpn.id, kind: 'child', targetIncidentId: outlook.id }, people.grace))
    expect(fromParent).toEqual({ code: 'invalid_link', message: `${outlook.number} already has a parent incident.` })
    const fromChild = refusalOf(desk.attempt({ action: 'link', incidentId: outlook.id, kind: 'parent', targetIncidentId: vpn.id }, people.grace))
    expect(fromChild).toEqual({ code: 'invalid_link', message: `${outlook.number} already has a parent incident.` })
  })

  it('a parent may have many children', () => {
    const { desk, outage, outlook } = twoIncidents()
    const vpn = desk.log(reports.vpnDrops, people.grace)
    desk.run({ action: 'link', incidentId: outage.id, kind: 'child', targetIncidentId: outlook.id }, people.grace)
    desk.run({ action: 'link', incidentId: vpn.id, kind: 'parent', targetIncidentId: outage.id }, people.grace)
    expect(desk.get(outage.id).links).toEqual([
      { kind: 'child', incidentId: outlook.id },
      { kind: 'child', incidentId: vpn.id },
    ])
  })

  it('a recurrence of a closed incident is a new incident linked to it', () => {
    const { desk, incident: closed } = incidentIn('closed')
    const recurrence = desk.log(reports.printerJams, people.grace)
    desk.run({ action: 'link', incidentId: recurrence.id, kind: 'related', targetIncidentId: closed.id }, people.grace)
    expect(desk.get(closed.id)).toMatchObject({ state: 'closed', links: [{ kind: 'related', incidentId: recurrence.id }] })
  })
})

describe('resolving a major incident', () => {
  function majorWithChildren() {
    const { desk, incident: parent } = incidentIn('in_progress', { report: reports.emailOutage, assignee: people.dmitri, major: true })
    const open = desk.log(reports.outlookPassword, people.grace)
    const held = incidentIn('on_hold', { desk, report: reports.outlookPassword, assignee: people.dmitri }).incident
    const done = incidentIn('resolved', { desk, report: reports.outlookPassword, assignee: people.dmitri }).incident
    const canceled = incidentIn('canceled', { desk, report: reports.outlookPassword }).incident
    for (const child of [open, held, done, canceled]) {
      desk.run({ action: 'link', incidentId: parent.id, kind: 'child', targetIncidentId: child.id }, people.sofia)
    }
    return { desk, parent: desk.get(parent.id), open, held, done, canceled }
  }

  const resolveParent = (incidentId: string) =>
    ({ action: 'resolve', incidentId, resolutionCode: 'resolved_by_change', resolutionNotes: 'Mail gateway certificate renewed (CHG0107).' }) as const

  it('resolves its open children with the parent’s code and notes, marking where it came from', () => {
    const { desk, parent, open, held } = majorWithChildren()
    const events = desk.run(resolveParent(parent.id), people.sofia)
    expect(events.map((event) => [event.incidentId, event.type, event.payload])).toEqual([
      [parent.id, 'IncidentResolved', { resolutionCode: 'resolved_by_change', resolutionNotes: 'Mail gateway certificate renewed (CHG0107).', cascadedFrom: null }],
      [open.id, 'IncidentResolved', { resolutionCode: 'resolved_by_change', resolutionNotes: 'Mail gateway certificate renewed (CHG0107).', cascadedFrom: parent.id }],
      [held.id, 'IncidentResolved', { resolutionCode: 'resolved_by_change', resolutionNotes: 'Mail gateway certificate renewed (CHG0107).', cascadedFrom: parent.id }],
    ])
    for (const id of [parent.id, open.id, held.id]) {
      expect(desk.get(id)).toMatchObject({ state: 'resolved', resolutionNotes: 'Mail gateway certificate renewed (CHG0107).', resolvedBy: personRef(people.sofia) })
    }
  })

  it('leaves children that are already resolved or canceled as they are', () => {
    const { desk, parent, done, canceled } = majorWithChildren()
    const doneBefore = desk.get(done.id)
    desk.run(resolveParent(parent.id), people.sofia)
    expect(desk.get(done.id)).toMatchObject({ state: 'resolved', resolutionNotes: doneBefore.resolutionNotes, resolvedAt: doneBefore.resolvedAt })
    expect(desk.get(canceled.id).state).toBe('canceled')
  })

  it('skips children this desk has not seen yet', () => {
    const { desk, parent, open } = majorWithChildren()
    const decision = decide(parent, resolveParent(parent.id), {
      ...contextOn(desk, people.sofia),
      related: (id) => (id === open.id ? undefined : desk.find(id)),
    })
    expect(draftsOf(decision).map((event) => event.incidentId)).not.toContain(open.id)
    expect(draftsOf(decision)).toHaveLength(2)
  })

  it('asks the store for exactly its children', () => {
    const { parent, open, held, done, canceled } = majorWithChildren()
    expect(relatedIncidentIds(resolveParent(parent.id), parent)).toEqual([open.id, held.id, done.id, canceled.id])
  })

  it('an ordinary parent does not cascade', () => {
    const desk = createDesk()
    const parent = incidentIn('in_progress', { desk, report: reports.printerJams }).incident
    const child = desk.log(reports.printerJams, people.grace)
    desk.run({ action: 'link', incidentId: parent.id, kind: 'child', targetIncidentId: child.id }, people.grace)
    expect(relatedIncidentIds(resolveParent(parent.id), desk.get(parent.id))).toEqual([])
    desk.run(resolveParent(parent.id), people.grace)
    expect(desk.get(child.id).state).toBe('new')
  })
})

describe('relatedIncidentIds', () => {
  it('names the link target', () => {
    expect(relatedIncidentIds({ action: 'link', incidentId: 'a', kind: 'related', targetIncidentId: 'b' }, undefined)).toEqual(['b'])
  })

  it('is empty for other commands', () => {
    const { incident } = incidentIn('new')
    expect(relatedIncidentIds({ action: 'acknowledge', incidentId: incident.id }, incident)).toEqual([])
  })
})

describe('refusals leave nothing behind', () => {
  it('a refused command adds no event to the desk', () => {
    const { desk, incident } = incidentIn('closed')
    const before = desk.events.length
    const commands: Command[] = [
      { action: 'reopen', incidentId: incident.id, reason: 'again' },
      { action: 'addWorkNote', incidentId: incident.id, text: 'late note' },
      { action: 'resolve', incidentId: incident.id, resolutionCode: 'solution_provided', resolutionNotes: 'x' },
    ]
    for (const command of commands) expect(desk.attempt(command, people.alex).ok).toBe(false)
    expect(desk.events).toHaveLength(before)
    expect(desk.get(incident.id)).toEqual(incident)
  })
})
