import { describe, expect, it } from 'vitest'
import type { Incident } from '../../src-shared/incident/incident'
import type { Actor } from '../../src-shared/incident/roles'
import { commandFor, dialogFields, escalationLevels, initialValues, missingField, normalizeIncidentNumber } from '../../src-renderer/incident-view/actionForms'
import { describeClock, formatDuration } from '../../src-renderer/incident-view/slaView'
import type { SlaClock } from '../../src-shared/sla/clock'

/** The incident view's step dialogs ask exactly what each command needs, and say what is missing. */
const grace: Actor = { userId: 'u-grace', displayName: 'Grace Okafor', role: 'l1_agent' }
const incident = { id: 'i-1', number: 'INC0000007', level: 1, assignee: null, incidentManager: null } as unknown as Incident

describe('step dialogs', () => {
  it('asks a caller comment only for Awaiting Caller', () => {
    const comment = dialogFields('hold', incident, grace).find((field) => field.name === 'callerComment')!
    expect(comment.required({ reason: 'awaiting_caller' })).toBe(true)
    expect(comment.required({ reason: 'awaiting_vendor' })).toBe(false)
    expect(missingField('hold', incident, grace, { reason: 'awaiting_caller', callerComment: '  ' })).toEqual({
      field: 'callerComment',
      message: 'Comment to the caller is required.',
    })
    expect(commandFor('hold', incident, grace, { reason: 'awaiting_vendor', callerComment: '' })).toEqual({
      ok: true,
      command: { action: 'hold', incidentId: 'i-1', reason: 'awaiting_vendor', callerComment: null },
    })
  })

  it('shows functional or hierarchical fields by the kind chosen, and builds the matching escalation', () => {
    const shown = (kind: string) => dialogFields('escalate', incident, grace).filter((field) => field.shown({ kind })).map((field) => field.name)
    expect(shown('functional')).toEqual(['kind', 'toLevel', 'toGroup', 'reason'])
    expect(shown('hierarchical')).toEqual(['kind', 'manager', 'trigger', 'reason'])
    expect(commandFor('escalate', incident, grace, { kind: 'functional', toLevel: '2', toGroup: 'Network L2', reason: 'Firewall' })).toEqual({
      ok: true,
      command: { action: 'escalate', incidentId: 'i-1', escalation: { kind: 'functional', toLevel: 2, toGroup: 'Network L2', reason: 'Firewall' } },
    })
    expect(commandFor('escalate', incident, grace, { kind: 'hierarchical', manager: '', trigger: 'vip_caller', reason: 'VIP' })).toMatchObject({
      ok: false,
      field: 'manager',
    })
  })

  it('offers only higher levels, and a manager when already at L3', () => {
    expect(escalationLevels(1)).toEqual([2, 3])
    expect(escalationLevels(3)).toEqual([])
    expect(initialValues('escalate', { ...incident, level: 3 } as Incident, grace).kind).toBe('hierarchical')
  })

  it('needs a code and notes to resolve, and the caller’s confirmation to close', () => {
    expect(commandFor('resolve', incident, grace, { resolutionCode: 'solution_provided', resolutionNotes: '' })).toMatchObject({ ok: false, field: 'resolutionNotes' })
    expect(commandFor('close', incident, grace, { callerConfirmed: '' })).toMatchObject({ ok: false, field: 'callerConfirmed' })
    expect(commandFor('close', incident, grace, { callerConfirmed: 'yes' })).toEqual({ ok: true, command: { action: 'close', incidentId: 'i-1', cause: 'caller_confirmed' } })
  })

  it('links only to an incident the dialog found', () => {
    expect(commandFor('link', incident, grace, { kind: 'related', target: 'INC0000001' })).toMatchObject({ ok: false, field: 'target' })
    expect(commandFor('link', incident, grace, { kind: 'duplicate_of', target: 'INC0000001' }, { targetIncidentId: 'i-0' })).toEqual({
      ok: true,
      command: { action: 'link', incidentId: 'i-1', kind: 'duplicate_of', targetIncidentId: 'i-0' },
    })
    expect(normalizeIncidentNumber(' inc12 ')).toBe('INC0000012')
    expect(normalizeIncidentNumber('NEW-3F9A')).toBe('NEW-3F9A')
  })
})

describe('SLA clock words', () => {
  const clock = (over: Partial<SlaClock>): SlaClock =>
    ({ target: 'resolution', percent: 50, remainingMillis: 2 * 3_600_000 + 5 * 60_000, status: 'on_track', paused: false, running: true, ...over }) as SlaClock
  it('says time left, paused and breached', () => {
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 05 min')
    expect(formatDuration(26 * 3_600_000)).toBe('1 d 2 h')
    expect(describeClock(clock({}))).toMatchObject({ tone: 'on_track', text: '2 h 05 min left' })
    expect(describeClock(clock({ paused: true, running: false }))).toMatchObject({ tone: 'paused', status: 'Paused: On Hold' })
    expect(describeClock(clock({ status: 'breached', remainingMillis: -25 * 60_000, percent: 120 }))).toMatchObject({
      tone: 'breached',
      text: '25 min over target',
      percent: 100,
    })
  })
})
