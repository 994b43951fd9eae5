import { describe, expect, it } from 'vitest'
import type { IncidentEvent } from '../../../src-shared/events/events'
import { DEFAULT_ALERT_SOURCE_RULES, severityMapping, validateAlertSourceRules } from '../../../src-shared/intake/alertRules'
import { foldEvents } from '../../../src-shared/incident/reducer'
import { createDesk, people, reports } from '../../fixtures/incidents'

/** A source's rules as an admin saves them, and an incident's alert as its deliveries fold. */

describe('a source’s rules', () => {
  it('match severities whatever their case, and fall back to the other mapping', () => {
    const checked = validateAlertSourceRules({ ...DEFAULT_ALERT_SOURCE_RULES, severities: { CRITICAL: { impact: 1, urgency: 1 }, ' Warning ': { impact: 2, urgency: 3 } } })
    expect(checked.ok).toBe(true)
    if (!checked.ok) return
    expect(severityMapping(checked.value, 'critical')).toEqual({ impact: 1, urgency: 1 })
    expect(severityMapping(checked.value, 'WARNING')).toEqual({ impact: 2, urgency: 3 })
    expect(severityMapping(checked.value, 'page')).toEqual(DEFAULT_ALERT_SOURCE_RULES.otherSeverity)
    expect(severityMapping(checked.value, null)).toEqual(DEFAULT_ALERT_SOURCE_RULES.otherSeverity)
  })

  it.each([
    { what: 'an impact out of range', rules: { ...DEFAULT_ALERT_SOURCE_RULES, otherSeverity: { impact: 4, urgency: 1 } }, message: 'Impact must be 1, 2 or 3.' },
    { what: 'a window of no minutes', rules: { ...DEFAULT_ALERT_SOURCE_RULES, correlation: { windowMinutes: 0, stormThreshold: 5 } }, message: 'The correlation window is at least 1 minute.' },
    { what: 'a storm of one alert', rules: { ...DEFAULT_ALERT_SOURCE_RULES, correlation: { windowMinutes: 10, stormThreshold: 1 } }, message: 'A storm is at least 2 alerts.' },
    { what: 'a resolution code that is not an id', rules: { ...DEFAULT_ALERT_SOURCE_RULES, resolutionCode: 'Fixed!' }, message: 'A resolution code is an id' },
    { what: 'an unknown field', rules: { ...DEFAULT_ALERT_SOURCE_RULES, autoDeclare: true }, message: 'autoDeclare' },
  ])('refuses $what with a readable reason', ({ rules, message }) => {
    const checked = validateAlertSourceRules(rules)
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect(checked.error).toContain(message)
  })
})

describe('an incident’s alert', () => {
  const desk = createDesk()
  const logged = desk.log(reports.vpnDrops, people.grace)
  const [first] = desk.eventsOf(logged.id)
  let seq = 0
  const alertEvent = (action: 'trigger' | 'acknowledge' | 'resolve', count: number, at: string): IncidentEvent =>
    ({
      ...first!,
      id: `01900000-0000-7000-8000-${String(++seq).padStart(12, '0')}`,
      type: 'AlertReceived',
      payload: { source: 'prometheus', sourceName: 'Prometheus', dedupKey: 'vpn-gw', action, count, summary: 'VPN gateway down', severity: 'critical', firstAt: at, lastAt: at },
    }) as IncidentEvent

  // In the server's order, as every desk folds them once synced.
  const inOrder = (events: readonly IncidentEvent[]) => events.map((event, index) => ({ ...event, serverSeq: index + 1 }))

  it('adds up its triggers, keeps what the source last said, and forgets it when the alert fires again', () => {
    const events = [
      ...desk.eventsOf(logged.id),
      alertEvent('trigger', 1, '2026-11-30T08:00:00.000Z'),
      alertEvent('trigger', 40, '2026-11-30T08:05:00.000Z'),
      alertEvent('acknowledge', 1, '2026-11-30T08:06:00.000Z'),
      alertEvent('resolve', 1, '2026-11-30T08:10:00.000Z'),
    ]
    const recovered = foldEvents(inOrder(events))!
    expect(recovered.alert).toEqual({
      source: 'prometheus',
      sourceName: 'Prometheus',
      dedupKey: 'vpn-gw',
      occurrences: 41,
      firstSeenAt: '2026-11-30T08:00:00.000Z',
      // Seen firing: an acknowledgement or a recovery is not a sighting.
      lastSeenAt: '2026-11-30T08:05:00.000Z',
      severity: 'critical',
      summary: 'VPN gateway down',
      acknowledgedAtSource: '2026-11-30T08:06:00.000Z',
      recoveredAtSource: '2026-11-30T08:10:00.000Z',
    })
    const again = foldEvents(inOrder([...events, alertEvent('trigger', 2, '2026-11-30T08:20:00.000Z')]))!
    expect(again.alert).toMatchObject({ occurrences: 43, acknowledgedAtSource: null, recoveredAtSource: null, lastSeenAt: '2026-11-30T08:20:00.000Z' })
    // Recorded facts only: the incident's own lifecycle is untouched by what the source says.
    expect(again.state).toBe(logged.state)
  })
})
