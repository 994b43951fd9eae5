import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import {
  DISCLOSURE_DEADLINES,
  DISCLOSURE_REGIMES,
  DISCLOSURE_STATUS_LABELS,
  DISCLOSURE_STATUSES,
  DISCLOSURE_TRIGGERS,
  addDisclosureDuration,
  computeDisclosureDeadlines,
  type DisclosureDeadline,
  type DisclosureDeadlineDefinition,
  type DisclosureRegime,
  type DisclosureTriggers,
} from '../../../src-shared/security/disclosure'

const HOUR = 3_600_000

function deadline(triggers: DisclosureTriggers, regime: DisclosureRegime, id: string, nowIso: string, submissions = {}): DisclosureDeadline {
  const found = computeDisclosureDeadlines(triggers, [regime], nowIso, { submissions }).find((candidate) => candidate.definition.id === id)
  if (!found) throw new Error(`no deadline ${id}`)
  return found
}

describe('disclosure deadline definitions', () => {
  it('gives every deadline a unique id and a legal basis', () => {
    const ids = DISCLOSURE_DEADLINES.map((definition) => definition.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const definition of DISCLOSURE_DEADLINES) expect(definition.legalBasis).not.toBe('')
  })

  it('covers every regime and uses every trigger', () => {
    expect(new Set(DISCLOSURE_DEADLINES.map((definition) => definition.regime))).toEqual(new Set(DISCLOSURE_REGIMES))
    const used = new Set(DISCLOSURE_DEADLINES.flatMap((definition) => [definition.trigger, definition.fallbackTrigger, definition.alsoNoLaterThan?.trigger]))
    for (const trigger of DISCLOSURE_TRIGGERS) expect(used).toContain(trigger)
  })

  it('labels every status', () => {
    expect(DISCLOSURE_STATUSES.map((status) => DISCLOSURE_STATUS_LABELS[status])).toEqual(['Not started', 'Running', 'Due soon', 'Overdue', 'Submitted', 'Submitted late'])
  })
})

describe('GDPR Art. 33', () => {
  it('is due 72 wall-clock hours after awareness, straight through a weekend and the EU clock change', () => {
    // Aware on Friday 28 March 2025; clocks go forward on Sunday the 30th.
    const gdpr = deadline({ awareness: '2025-03-28T10:00:00Z' }, 'gdpr', 'gdpr_supervisory_authority', '2025-03-28T11:00:00Z')
    expect(gdpr).toMatchObject({ startedAt: '2025-03-28T10:00:00.000Z', startedBy: 'awareness', dueAt: '2025-03-31T10:00:00.000Z', remainingMillis: 71 * HOUR, status: 'running', submittedAt: null })
  })

  const triggers = { awareness: '2025-03-28T10:00:00Z' }
  it.each([
    ['running with exactly a quarter of the window left', '2025-03-30T16:00:00.000Z', 'running', 18 * HOUR],
    ['due soon with less than a quarter left', '2025-03-30T16:00:00.001Z', 'due_soon', 18 * HOUR - 1],
    ['due soon a millisecond before the deadline', '2025-03-31T09:59:59.999Z', 'due_soon', 1],
    ['overdue at the deadline itself', '2025-03-31T10:00:00.000Z', 'overdue', 0],
    ['overdue after it', '2025-04-01T10:00:00.000Z', 'overdue', -24 * HOUR],
  ] as const)('is %s', (_case, now, status, remainingMillis) => {
    expect(deadline(triggers, 'gdpr', 'gdpr_supervisory_authority', now)).toMatchObject({ status, remainingMillis })
  })

  it('is not started before anyone is aware of a breach', () => {
    expect(deadline({}, 'gdpr', 'gdpr_supervisory_authority', '2025-03-28T10:00:00Z')).toMatchObject({
      status: 'not_started',
      startedAt: null,
      startedBy: null,
      dueAt: null,
      remainingMillis: null,
    })
  })

  it('records a notification made in time as submitted, and a late one as submitted late', () => {
    expect(deadline(triggers, 'gdpr', 'gdpr_supervisory_authority', '2025-04-02T10:00:00Z', { gdpr_supervisory_authority: '2025-03-31T08:00:00Z' })).toMatchObject({
      status: 'submitted',
      remainingMillis: null,
      submittedAt: '2025-03-31T08:00:00.000Z',
    })
    expect(deadline(triggers, 'gdpr', 'gdpr_supervisory_authority', '2025-04-02T10:00:00Z', { gdpr_supervisory_authority: '2025-03-31T11:00:00Z' }).status).toBe('submitted_late')
  })

  it('counts a notification made before awareness was recorded as submitted', () => {
    expect(deadline({}, 'gdpr', 'gdpr_supervisory_authority', '2025-04-02T10:00:00Z', { gdpr_supervisory_authority: '2025-03-31T08:00:00Z' }).status).toBe('submitted')
  })
})

describe('NIS2 Art. 23', () => {
  const aware = { awareness: '2025-10-24T14:00:00Z' }

  it('wants an early warning within 24 h and a notification within 72 h of awareness', () => {
    const [earlyWarning, notification] = computeDisclosureDeadlines(aware, ['nis2'], '2025-10-24T15:00:00Z')
    expect(earlyWarning).toMatchObject({ dueAt: '2025-10-25T14:00:00.000Z', status: 'running' })
    expect(notification).toMatchObject({ dueAt: '2025-10-27T14:00:00.000Z', status: 'running' })
  })

  it('estimates the final report at a month from awareness until the notification is submitted', () => {
    expect(deadline(aware, 'nis2', 'nis2_final_report', '2025-10-24T15:00:00Z')).toMatchObject({ startedBy: 'awareness', dueAt: '2025-11-24T14:00:00.000Z' })
  })

  it('counts the final report from the notification once it is submitted', () => {
    const submitted = { ...aware, initial_notification_submitted: '2025-10-26T09:00:00Z' }
    expect(deadline(submitted, 'nis2', 'nis2_final_report', '2025-10-27T09:00:00Z')).toMatchObject({ startedBy: 'initial_notification_submitted', dueAt: '2025-11-26T09:00:00.000Z' })
  })

  it('ends a month from 31 January on the last day of February', () => {
    expect(deadline({ awareness: '2025-01-31T12:00:00Z' }, 'nis2', 'nis2_final_report', '2025-02-01T12:00:00Z').dueAt).toBe('2025-02-28T12:00:00.000Z')
  })
})

describe('DORA major ICT-related incidents', () => {
  const awareness = '2025-06-02T08:00:00Z'

  it('is due 4 h after classification as major when that comes early', () => {
    const initial = deadline({ awareness, classified_major: '2025-06-02T10:00:00Z' }, 'dora', 'dora_initial_notification', '2025-06-02T10:30:00Z')
    expect(initial).toMatchObject({ startedBy: 'classified_major', dueAt: '2025-06-02T14:00:00.000Z', status: 'running' })
  })

  it('is due 24 h after awareness at the latest, however late the classification', () => {
    const lateClassification = deadline({ awareness, classified_major: '2025-06-03T06:00:00Z' }, 'dora', 'dora_initial_notification', '2025-06-03T06:00:00Z')
    expect(lateClassification).toMatchObject({ dueAt: '2025-06-03T08:00:00.000Z', remainingMillis: 2 * HOUR })
    const tooLate = deadline({ awareness, classified_major: '2025-06-03T14:00:00Z' }, 'dora', 'dora_initial_notification', '2025-06-03T14:00:00Z')
    expect(tooLate).toMatchObject({ dueAt: '2025-06-03T08:00:00.000Z', status: 'overdue' })
  })

  it('starts no DORA clock before the incident is classified as major', () => {
    const clocks = computeDisclosureDeadlines({ awareness }, ['dora'], '2025-06-02T09:00:00Z')
    expect(clocks.map((clock) => clock.status)).toEqual(['not_started', 'not_started', 'not_started'])
  })

  it('counts the intermediate and final reports from the initial notification, estimating from classification before it', () => {
    const classified = { awareness, classified_major: '2025-06-02T10:00:00Z' }
    expect(deadline(classified, 'dora', 'dora_intermediate_report', '2025-06-02T11:00:00Z')).toMatchObject({ startedBy: 'classified_major', dueAt: '2025-06-05T10:00:00.000Z' })
    const notified = { ...classified, initial_notification_submitted: '2025-06-02T13:30:00Z' }
    expect(deadline(notified, 'dora', 'dora_intermediate_report', '2025-06-02T14:00:00Z')).toMatchObject({ startedBy: 'initial_notification_submitted', dueAt: '2025-06-05T13:30:00.000Z' })
    expect(deadline(notified, 'dora', 'dora_final_report', '2025-06-02T14:00:00Z').dueAt).toBe('2025-07-02T13:30:00.000Z')
  })
})

describe('SEC Form 8-K Item 1.05', () => {
  it.each([
    ['on a Monday morning: the Friday', '2025-06-02T14:00:00Z', '2025-06-06T21:30:00.000Z'],
    ['late on a Monday evening in New York, already Tuesday in UTC: still the Friday', '2025-06-03T03:30:00Z', '2025-06-06T21:30:00.000Z'],
    ['on a Saturday: the Thursday after', '2025-06-07T15:00:00Z', '2025-06-12T21:30:00.000Z'],
    ['the day before Thanksgiving: the Wednesday after', '2025-11-26T15:00:00Z', '2025-12-03T22:30:00.000Z'],
    ['two days before Christmas 2025, with the extra closures: 2 January', '2025-12-23T15:00:00Z', '2026-01-02T22:30:00.000Z'],
    ['the week of the Carter day of mourning', '2025-01-07T15:00:00Z', '2025-01-14T22:30:00.000Z'],
    ['across the US spring clock change: 5:30 p.m. EDT', '2025-03-06T15:00:00Z', '2025-03-12T21:30:00.000Z'],
    ['before Independence Day observed on Friday 3 July 2026', '2026-06-30T15:00:00Z', '2026-07-07T21:30:00.000Z'],
  ] as const)('is due 4 business days after a materiality determination made %s', (_case, determinedAt, dueAt) => {
    expect(deadline({ materiality_determined: determinedAt }, 'sec', 'sec_form_8k_item_1_05', determinedAt).dueAt).toBe(dueAt)
  })
})

describe('HIPAA breach notification', () => {
  it('is due 60 calendar days after discovery', () => {
    const hipaa = deadline({ discovery: '2025-02-10T16:00:00Z' }, 'hipaa', 'hipaa_breach_notification', '2025-02-11T16:00:00Z')
    expect(hipaa).toMatchObject({ dueAt: '2025-04-11T16:00:00.000Z', status: 'running' })
  })
})

describe('computeDisclosureDeadlines', () => {
  it('returns only the regimes asked for, in the order of the definitions', () => {
    const ids = computeDisclosureDeadlines({}, ['sec', 'gdpr'], '2025-06-02T09:00:00Z').map((clock) => clock.definition.id)
    expect(ids).toEqual(['gdpr_supervisory_authority', 'sec_form_8k_item_1_05'])
  })

  it('tracks deadlines an admin defined instead of the built-in ones', () => {
    const internal: DisclosureDeadlineDefinition = {
      id: 'board_briefing',
      regime: 'gdpr',
      label: 'Brief the board',
      legalBasis: 'Internal policy IS-07',
      trigger: 'awareness',
      duration: { hours: 12 },
    }
    const [briefing] = computeDisclosureDeadlines({ awareness: '2025-06-02T08:00:00Z' }, ['gdpr'], '2025-06-02T09:00:00Z', { definitions: [internal] })
    expect(briefing).toMatchObject({ definition: internal, dueAt: '2025-06-02T20:00:00.000Z' })
  })

  it('adds each kind of duration', () => {
    expect(addDisclosureDuration('2025-06-02T08:00:00Z', { hours: 4 })).toBe('2025-06-02T12:00:00.000Z')
    expect(addDisclosureDuration('2025-06-02T08:00:00Z', { days: 60 })).toBe('2025-08-01T08:00:00.000Z')
    expect(addDisclosureDuration('2025-06-02T08:00:00Z', { months: 1 })).toBe('2025-07-02T08:00:00.000Z')
    expect(addDisclosureDuration('2025-06-02T08:00:00Z', { businessDays: 4, calendar: 'us_federal' })).toBe('2025-06-06T21:30:00.000Z')
  })

  it('keeps status, time left and due date consistent for any trigger and now', () => {
    const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-11-30T00:00:00Z') })
    const maybeInstant = fc.option(instant.map((ms) => new Date(ms).toISOString()), { nil: undefined })
    const triggers = fc.record({
      awareness: maybeInstant,
      classified_major: maybeInstant,
      materiality_determined: maybeInstant,
      discovery: maybeInstant,
      initial_notification_submitted: maybeInstant,
    })
    fc.assert(
      fc.property(triggers, instant, (recorded, now) => {
        const present = Object.fromEntries(Object.entries(recorded).filter(([, value]) => value !== undefined)) as DisclosureTriggers
        for (const clock of computeDisclosureDeadlines(present, DISCLOSURE_REGIMES, new Date(now).toISOString())) {
          if (clock.startedAt === null) {
            expect(clock).toMatchObject({ status: 'not_started', dueAt: null, remainingMillis: null })
            continue
          }
          const due = Date.parse(clock.dueAt!)
          expect(clock.remainingMillis).toBe(due - now)
          const window = due - Date.parse(clock.startedAt)
          const expected = due <= now ? 'overdue' : due - now < window / 4 ? 'due_soon' : 'running'
          expect(clock.status).toBe(expected)
        }
      }),
    )
  })
})
