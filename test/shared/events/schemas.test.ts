/**
 * validateEvent guards the log against whatever arrives from another device, the server or a
 * file (DESIGN §4 "Bad input everywhere"): every malformed event is refused with a message a
 * person can act on, and a good one comes back unchanged.
 */
import { describe, expect, it } from 'vitest'
import { EVENT_TYPES, SYNC_SERVER_ACTOR } from '../../../src-shared/events/events'
import { z } from 'zod'
import { describeZodError, validateEvent, validatePayload } from '../../../src-shared/events/schemas'
import { packImported } from '../../../src-shared/events/importedEvents'
import { createDesk, incidentIn, nowIso, people, personRef, reports } from '../../fixtures/incidents'

/** A real IncidentLogged event as it would travel over the wire (plain JSON). */
function loggedEvent(): Record<string, unknown> & { payload: Record<string, unknown> } {
  const desk = createDesk()
  desk.log(reports.printerJams, people.grace)
  return JSON.parse(JSON.stringify(desk.events[0]))
}

function errorOf(input: unknown): string {
  const result = validateEvent(input)
  if (result.ok) throw new Error('Expected the event to be refused')
  return result.error
}

function without<T extends Record<string, unknown>>(value: T, key: string): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value }
  delete copy[key]
  return copy
}

describe('a good event', () => {
  it('is accepted and returned as it was', () => {
    const event = loggedEvent()
    const result = validateEvent(event)
    expect(result).toEqual({ ok: true, value: event })
  })

  it('every event type a busy incident produces is accepted', () => {
    const { desk, incident } = incidentIn('on_hold', { holdReason: 'awaiting_caller', assignee: people.dmitri })
    const other = desk.log(reports.outlookPassword, people.grace)
    const id = incident.id
    desk.run({ action: 'categorize', incidentId: id, category: 'hardware', subcategory: 'fuser' }, people.dmitri)
    desk.run({ action: 'prioritize', incidentId: id, impact: 1, urgency: 1 }, people.grace)
    desk.run({ action: 'addWorkNote', incidentId: id, text: 'Fuser at 80 °C only.' }, people.dmitri)
    desk.run({ action: 'addCallerComment', incidentId: id, text: 'Photo attached.', direction: 'from_caller' }, people.dmitri)
    desk.run({ action: 'declareMajor', incidentId: id, incidentManager: personRef(people.sofia), reason: 'All printers down.' }, people.sofia)
    desk.run({ action: 'link', incidentId: id, kind: 'child', targetIncidentId: other.id }, people.sofia)
    desk.run({ action: 'editDetails', incidentId: id, changes: { location: 'Print room, floor 2', caller: { name: 'Maria Lopez', contact: 'x4410' } } }, people.dmitri)
    desk.run(
      {
        action: 'attach',
        incidentId: id,
        attachment: { attachmentId: '019a0f3e-7c41-7b2a-9d1e-5f6a7b8c9d0e', name: 'fuser.jpg', mediaType: 'image/jpeg', size: 90_112, sha256: 'b'.repeat(64) },
      },
      people.dmitri,
    )
    desk.run({ action: 'postMajorUpdate', incidentId: id, audience: 'All staff', text: 'Printing is down on every floor; engineers on site.' }, people.sofia)
    desk.run({ action: 'updateMajor', incidentId: id, affectedServices: ['Printing'], updateCadenceMinutes: 60 }, people.sofia)
    desk.run({ action: 'escalate', incidentId: id, escalation: { kind: 'functional', toLevel: 3, toGroup: 'Print L3', reason: 'Board fault.' } }, people.sofia)
    desk.run({ action: 'escalate', incidentId: id, escalation: { kind: 'hierarchical', manager: 'Helen Brooks', trigger: 'sla_at_risk', reason: 'SLA.' } }, people.sofia)
    desk.run({ action: 'resolve', incidentId: id, resolutionCode: 'solution_provided', resolutionNotes: 'Board replaced.' }, people.sofia)
    desk.run({ action: 'reopen', incidentId: id, reason: 'Again.' }, people.grace)
    desk.run({ action: 'resolve', incidentId: id, resolutionCode: 'solution_provided', resolutionNotes: 'Second board.' }, people.sofia)
    desk.run({ action: 'close', incidentId: id, cause: 'caller_confirmed' }, people.grace)
    desk.run(
      { action: 'recordReview', incidentId: id, summary: 'Fuser boards failed.', rootCause: 'Bad batch.', lessonsLearned: '', followUpActions: ['Replace the batch'] },
      people.sofia,
    )
    const breach = desk.log(reports.phishingClick, people.priya)
    desk.run({ action: 'trackDisclosure', incidentId: breach.id, step: { kind: 'regimes', regimes: ['gdpr', 'nis2'] } }, people.priya)
    desk.run({ action: 'trackDisclosure', incidentId: breach.id, step: { kind: 'trigger', trigger: 'awareness', occurredAt: nowIso(desk.clock), note: null } }, people.priya)
    desk.run(
      { action: 'trackDisclosure', incidentId: breach.id, step: { kind: 'submitted', deadlineId: 'nis2_early_warning', submittedAt: nowIso(desk.clock), reference: 'CSIRT-2026-114' } },
      people.priya,
    )
    const spare = desk.log(reports.vpnDrops, people.grace)
    desk.run({ action: 'acknowledge', incidentId: spare.id }, people.grace)
    desk.run({ action: 'cancel', incidentId: spare.id, reason: 'duplicate', note: null }, people.grace)

    // The types a desk never writes: the server's numbering of an accepted incident, and its alert intake's.
    const [logged] = desk.eventsOf(spare.id)
    const numbered = { ...logged!, id: '01900000-0000-7000-8000-0000000000aa', type: 'IncidentNumbered', payload: { number: 'INC0001234' }, actor: SYNC_SERVER_ACTOR }
    const at = nowIso(desk.clock)
    const alert = {
      ...logged!,
      id: '01900000-0000-7000-8000-0000000000ab',
      type: 'AlertReceived',
      payload: { source: 'prometheus', sourceName: 'Prometheus', dedupKey: '4e1f0a9c2d7b6e35', action: 'trigger', count: 12, summary: 'VPN gateway down', severity: 'critical', firstAt: at, lastAt: at },
    }
    const storm = {
      ...logged!,
      id: '01900000-0000-7000-8000-0000000000ac',
      type: 'AlertStormDetected',
      payload: { source: 'prometheus', sourceName: 'Prometheus', service: 'VPN', alerts: 20, windowMinutes: 10 },
    }
    const mail = { messageId: '<01900000.logged@example.org>', template: 'logged', to: ['maria@example.org'], subject: '[INC0001234] VPN drops', forEventId: logged!.id }
    const received = { ...logged!, id: '01900000-0000-7000-8000-0000000000ad', type: 'MailReceived', payload: { messageId: '<a@b>', from: 'maria@example.org', subject: 'VPN drops', autoReply: false } }
    const sent = { ...logged!, id: '01900000-0000-7000-8000-0000000000ae', type: 'MailSent', payload: mail }
    const failed = {
      ...logged!,
      id: '01900000-0000-7000-8000-0000000000af',
      type: 'MailFailed',
      payload: { template: 'logged', to: mail.to, subject: mail.subject, forEventId: logged!.id, error: 'Relay closed', attempts: 1, gaveUp: false },
    }
    // An import's one event for an incident and its past (taken, then canceled).
    const imported = packImported(desk.eventsOf(spare.id))
    const all = [...desk.events, imported!, numbered, alert, storm, received, sent, failed]
    expect(new Set(all.map((event) => event.type))).toEqual(new Set(EVENT_TYPES))
    for (const event of all) expect(validateEvent(JSON.parse(JSON.stringify(event)))).toEqual({ ok: true, value: event })
  })
})

describe('a malformed event is refused with a readable message', () => {
  it.each([
    { what: 'no actor', mutate: (e: Record<string, unknown>) => without(e, 'actor'), message: 'actor: Invalid input: expected object, received undefined' },
    { what: 'no clock', mutate: (e: Record<string, unknown>) => without(e, 'hlc'), message: 'hlc: Invalid input: expected string, received undefined' },
    { what: 'no id', mutate: (e: Record<string, unknown>) => without(e, 'id'), message: 'id: ' },
    { what: 'a bad clock', mutate: (e: Record<string, unknown>) => ({ ...e, hlc: '2025-03-03T09:00:00Z' }), message: 'hlc: Clock must be a hybrid logical clock value.' },
    { what: 'an id that is not a UUID', mutate: (e: Record<string, unknown>) => ({ ...e, id: 'not-a-uuid' }), message: 'id: Event id must be a UUID.' },
    { what: 'an incident id that is not a UUID', mutate: (e: Record<string, unknown>) => ({ ...e, incidentId: 'INC0000001' }), message: 'incidentId: Incident id must be a UUID.' },
    { what: 'an unknown event type', mutate: (e: Record<string, unknown>) => ({ ...e, type: 'IncidentTeleported' }), message: 'type: Event type must be one of: IncidentLogged,' },
    { what: 'an unknown role', mutate: (e: Record<string, unknown>) => ({ ...e, actor: { ...(e.actor as object), role: 'ceo' } }), message: 'actor.role: Role must be one of: field_technician,' },
    { what: 'a time that is not ISO 8601', mutate: (e: Record<string, unknown>) => ({ ...e, occurredAt: 'yesterday' }), message: 'occurredAt: Time must be an ISO 8601 date-time.' },
    { what: 'schemaVersion as text', mutate: (e: Record<string, unknown>) => ({ ...e, schemaVersion: '1' }), message: 'schemaVersion: ' },
    { what: 'a schema version from the future', mutate: (e: Record<string, unknown>) => ({ ...e, schemaVersion: 2 }), message: 'schemaVersion: ' },
    { what: 'an unknown extra field', mutate: (e: Record<string, unknown>) => ({ ...e, signature: 'abc' }), message: 'Unrecognized key: "signature"' },
    { what: 'a device id too long', mutate: (e: Record<string, unknown>) => ({ ...e, deviceId: 'd'.repeat(65) }), message: 'deviceId: Device id is too long (at most 64 characters).' },
  ])('$what', ({ mutate, message }) => {
    expect(errorOf(mutate(loggedEvent()))).toContain(message)
  })

  it.each([null, 'hello', 42, []])('%j is not an event', (input) => {
    expect(errorOf(input)).toMatch(/^Invalid input: expected object/)
  })
})

describe('a malformed payload is refused with the field path and a readable message', () => {
  const withPayload = (change: Record<string, unknown>) => {
    const event = loggedEvent()
    return { ...event, payload: { ...event.payload, ...change } }
  }

  it('a 161-character short description: "Short description is too long"', () => {
    expect(errorOf(withPayload({ shortDescription: 'x'.repeat(161) }))).toBe('payload.shortDescription: Short description is too long (at most 160 characters).')
  })

  it('a blank short description is required', () => {
    expect(errorOf(withPayload({ shortDescription: '   ' }))).toBe('payload.shortDescription: Short description is required.')
  })

  it('a missing short description', () => {
    const event = loggedEvent()
    expect(errorOf({ ...event, payload: without(event.payload, 'shortDescription') })).toBe('payload.shortDescription: Short description is required.')
  })

  it('a missing caller', () => {
    const event = loggedEvent()
    expect(errorOf({ ...event, payload: without(event.payload, 'caller') })).toContain('payload.caller: ')
  })

  it('impact as text', () => {
    expect(errorOf(withPayload({ impact: '1' }))).toBe('payload.impact: Impact must be a number.')
  })

  it('impact outside 1–3', () => {
    expect(errorOf(withPayload({ impact: 4 }))).toBe('payload.impact: Impact must be one of 1, 2, 3.')
  })

  it('a flag as text', () => {
    expect(errorOf(withPayload({ numberIsProvisional: 'yes' }))).toContain('payload.numberIsProvisional: ')
  })

  it('an unknown extra field in the payload', () => {
    expect(errorOf(withPayload({ priorityOverride: 1 }))).toBe('payload: Unrecognized key: "priorityOverride"')
  })

  it('every problem is listed, each with its full path', () => {
    const error = errorOf(withPayload({ shortDescription: '', caller: { name: '' } }))
    expect(error).toBe('payload.shortDescription: Short description is required. payload.caller.name: Caller is required.')
  })

  it('a payload that does not match its type', () => {
    const event = loggedEvent()
    expect(errorOf({ ...event, type: 'WorkNoteAdded' })).toContain('payload.text: Work note is required.')
  })
})

describe('validatePayload', () => {
  it('Awaiting Caller needs a comment to the caller', () => {
    expect(validatePayload('IncidentPutOnHold', { reason: 'awaiting_caller', callerComment: '  ' })).toEqual({
      ok: false,
      error: 'callerComment: A comment to the caller is required when waiting on the caller.',
    })
    expect(validatePayload('IncidentPutOnHold', { reason: 'awaiting_vendor', callerComment: null }).ok).toBe(true)
  })

  it('an escalation must be functional or hierarchical', () => {
    const result = validatePayload('IncidentEscalated', { kind: 'sideways', reason: 'x' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(/^kind: /)
  })

  it('a cascaded resolution names its parent by UUID', () => {
    const result = validatePayload('IncidentResolved', { resolutionCode: 'solution_provided', resolutionNotes: 'Done.', cascadedFrom: 'INC0000001' })
    expect(result).toEqual({ ok: false, error: 'cascadedFrom: Parent incident must be a UUID.' })
  })

  it('a link names its target by UUID', () => {
    expect(validatePayload('IncidentLinked', { kind: 'related', targetIncidentId: 'INC0000001' })).toEqual({
      ok: false,
      error: 'targetIncidentId: Linked incident must be a UUID.',
    })
  })

  it('a prefix leads every path', () => {
    const result = validatePayload('WorkNoteAdded', { text: '' }, 'payload')
    expect(result).toEqual({ ok: false, error: 'payload.text: Work note is required.' })
  })
})

describe('describeZodError', () => {
  it('joins issues as "path: message", and an issue without a path as its message', () => {
    const schema = z.strictObject({ name: z.string().min(1, 'Name is required.') })
    const result = schema.safeParse({ name: '', extra: 1 })
    expect(result.success).toBe(false)
    if (!result.success) {
      expect(describeZodError(result.error)).toBe('name: Name is required. Unrecognized key: "extra"')
      expect(describeZodError(result.error, 'caller')).toBe('caller.name: Name is required. caller: Unrecognized key: "extra"')
    }
  })
})

describe('an imported incident’s one event is refused when its past is not made of desk steps', () => {
  function importedEvent() {
    const { desk, incident } = incidentIn('resolved')
    return packImported(desk.eventsOf(incident.id))!
  }

  it('packs a logging and its steps, and is accepted as it is', () => {
    const event = importedEvent()
    expect(event.payload.steps.map((step) => step.type)).toContain('IncidentResolved')
    expect(validateEvent(JSON.parse(JSON.stringify(event)))).toEqual({ ok: true, value: event })
  })

  it.each([
    { what: 'a second logging among its steps', step: (event: ReturnType<typeof importedEvent>) => ({ ...event.payload.steps[0]!, type: 'IncidentLogged' }), message: 'payload.steps.0.type: Imported step must be one of:' },
    { what: 'a step only the server writes', step: (event: ReturnType<typeof importedEvent>) => ({ ...event.payload.steps[0]!, type: 'IncidentNumbered' }), message: 'payload.steps.0.type: Imported step must be one of:' },
    {
      what: 'a step whose payload does not fit its type',
      step: () => ({ type: 'IncidentResolved', payload: { resolutionCode: 'solution_provided', resolutionNotes: ' ', cascadedFrom: null }, occurredAt: '2024-03-05T18:10:00.000Z' }),
      message: 'payload.steps.0.payload: resolutionNotes: Resolution notes is required.',
    },
    { what: 'a step with no time', step: (event: ReturnType<typeof importedEvent>) => ({ type: event.payload.steps[0]!.type, payload: event.payload.steps[0]!.payload }), message: 'payload.steps.0.occurredAt:' },
  ])('$what', ({ step, message }) => {
    const event = importedEvent()
    const broken = { ...event, payload: { ...event.payload, steps: [step(event), ...event.payload.steps.slice(1)] } }
    const result = validateEvent(JSON.parse(JSON.stringify(broken)))
    expect(result.ok).toBe(false)
    expect(!result.ok && result.error).toContain(message)
  })
})

