import { describe, expect, it } from 'vitest'
import { EMPTY_DISCLOSURE, type DisclosureRecord } from '../../src-shared/incident/incident'
import type { Actor } from '../../src-shared/incident/roles'
import {
  deadlinesOf,
  isEstimate,
  isoToLocalInput,
  localInputToIso,
  selectReminders,
  timelineRows,
  type ReminderIncident,
} from '../../src-renderer/security/disclosureViewModel'

/**
 * The disclosure panel's reading of a security incident: which deadlines need someone now
 * (reminders), which are estimates, the exported timeline, and the local date-time input.
 */

const AWARE = '2025-03-03T08:00:00.000Z'
const analyst: Actor = { userId: 'u-sana', displayName: 'Sana Iqbal', role: 'security_analyst' }
const agent: Actor = { userId: 'u-grace', displayName: 'Grace Okafor', role: 'l1_agent' }

function securityIncident(number: string, disclosure: Partial<DisclosureRecord>, isSecurity = true): ReminderIncident {
  return {
    id: `id-${number}`,
    number,
    shortDescription: `Suspicious sign-ins on ${number}`,
    isSecurity,
    disclosure: { ...EMPTY_DISCLOSURE, ...disclosure },
  }
}

const at = (iso: string, hours: number) => Date.parse(iso) + hours * 3_600_000

describe('disclosure reminders', () => {
  const gdprAndNis2 = securityIncident('INC0000007', { regimes: ['gdpr', 'nis2'], triggers: { awareness: AWARE } })

  it('lists nothing while every running deadline has most of its window left', () => {
    expect(selectReminders([gdprAndNis2], analyst, at(AWARE, 10))).toEqual([])
  })

  it('lists the NIS2 early warning in its last quarter, then the overdue one before GDPR due soon', () => {
    const early = selectReminders([gdprAndNis2], analyst, at(AWARE, 19))
    expect(early.map((reminder) => [reminder.incidentNumber, reminder.deadline.definition.id, reminder.deadline.status])).toEqual([
      ['INC0000007', 'nis2_early_warning', 'due_soon'],
    ])
    const later = selectReminders([gdprAndNis2], analyst, at(AWARE, 60))
    expect(later.map((reminder) => [reminder.deadline.definition.id, reminder.deadline.status])).toEqual([
      ['nis2_early_warning', 'overdue'],
      ['gdpr_supervisory_authority', 'due_soon'],
      ['nis2_incident_notification', 'due_soon'],
    ])
  })

  it('drops a deadline once its report is submitted', () => {
    const submitted = securityIncident('INC0000007', {
      regimes: ['nis2'],
      triggers: { awareness: AWARE },
      submissions: { nis2_early_warning: '2025-03-03T20:00:00.000Z' },
    })
    expect(selectReminders([submitted], analyst, at(AWARE, 30)).map((reminder) => reminder.deadline.definition.id)).toEqual([])
  })

  it('never shows a security incident to someone outside the security group', () => {
    expect(selectReminders([gdprAndNis2], agent, at(AWARE, 60))).toEqual([])
  })

  it('orders reminders across incidents by due time', () => {
    const dora = securityIncident('INC0000009', { regimes: ['dora'], triggers: { classified_major: '2025-03-05T12:00:00.000Z' } })
    const now = Date.parse('2025-03-05T15:30:00.000Z')
    expect(selectReminders([gdprAndNis2, dora], analyst, now).map((reminder) => `${reminder.incidentNumber} ${reminder.deadline.definition.id}`)).toEqual([
      'INC0000007 nis2_early_warning',
      'INC0000009 dora_initial_notification',
      'INC0000007 gdpr_supervisory_authority',
      'INC0000007 nis2_incident_notification',
    ])
  })
})

describe('estimates', () => {
  it('marks a deadline counted from its fallback trigger until the real one is recorded', () => {
    const incident = securityIncident('INC0000007', { regimes: ['nis2'], triggers: { awareness: AWARE } })
    const finalReport = deadlinesOf(incident, at(AWARE, 1)).find((deadline) => deadline.definition.id === 'nis2_final_report')!
    expect(isEstimate(finalReport)).toBe(true)
    const recorded = securityIncident('INC0000007', {
      regimes: ['nis2'],
      triggers: { awareness: AWARE, initial_notification_submitted: '2025-03-05T08:00:00.000Z' },
    })
    const exact = deadlinesOf(recorded, at(AWARE, 50)).find((deadline) => deadline.definition.id === 'nis2_final_report')!
    expect(isEstimate(exact)).toBe(false)
    expect(exact.dueAt).toBe('2025-04-05T08:00:00.000Z')
  })
})

describe('disclosure timeline', () => {
  it('puts triggers, clock starts and submissions in the order they happened, not-started deadlines last', () => {
    const incident = securityIncident('INC0000007', {
      regimes: ['gdpr', 'sec'],
      triggers: { awareness: AWARE },
      submissions: { gdpr_supervisory_authority: '2025-03-04T15:00:00.000Z' },
      references: { gdpr_supervisory_authority: 'DPC-2025-0117' },
    })
    const rows = timelineRows(incident, at(AWARE, 40))
    expect(rows).toEqual([
      ['INC0000007', 'Trigger', 'Became aware of the incident', '', '', AWARE, '', '', ''],
      [
        'INC0000007',
        'Deadline',
        'Notify the supervisory authority of the personal data breach',
        'GDPR',
        'GDPR Art. 33(1)',
        AWARE,
        '2025-03-06T08:00:00.000Z',
        'Submitted',
        '',
      ],
      [
        'INC0000007',
        'Submission',
        'Notify the supervisory authority of the personal data breach',
        'GDPR',
        'GDPR Art. 33(1)',
        '2025-03-04T15:00:00.000Z',
        '2025-03-06T08:00:00.000Z',
        'Submitted',
        'DPC-2025-0117',
      ],
      ['INC0000007', 'Deadline', 'File Form 8-K Item 1.05 for the material cybersecurity incident', 'SEC Form 8-K', 'Form 8-K Item 1.05 and General Instruction B.1', '', '', 'Not started', ''],
    ])
  })

  it('marks an estimated deadline in its status', () => {
    const incident = securityIncident('INC0000007', { regimes: ['dora'], triggers: { classified_major: AWARE } })
    const statuses = timelineRows(incident, at(AWARE, 1)).filter((row) => row[1] === 'Deadline').map((row) => row[7])
    expect(statuses).toEqual(['Running', 'Running (estimate)', 'Running (estimate)'])
  })
})

describe('local date and time input', () => {
  it('reads a datetime-local value in the user’s zone and writes it back the same', () => {
    const iso = localInputToIso('2025-03-04T09:30')!
    expect(iso).toBe(new Date(2025, 2, 4, 9, 30).toISOString())
    expect(isoToLocalInput(iso)).toBe('2025-03-04T09:30')
  })

  it.each(['', '2025-03-04', '2025-02-30T10:00', '2025-13-01T10:00', '2025-03-04T25:00', 'yesterday'])('refuses "%s"', (value) => {
    expect(localInputToIso(value)).toBeNull()
  })
})
