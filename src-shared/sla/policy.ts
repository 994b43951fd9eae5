import { PRIORITIES, PRIORITY_LABELS, type Priority } from '../incident/priority'
import { CALENDAR_24X7, CALENDAR_WEEKDAYS, type BusinessCalendar } from './calendar'

/**
 * SLA targets per priority (DESIGN §1 SLA). Targets are business minutes on the named calendar:
 * "4 h" on the weekday calendar is four open hours, however many nights and weekends lie between.
 */
export interface SlaTargets {
  /** Time to first response: assignment to a person or acknowledgement. */
  responseMinutes: number
  /** Time to resolution, On Hold time excluded. */
  resolutionMinutes: number
  calendarId: string
  /**
   * Where a breach of this target escalates functionally (an assignment group by name, of a
   * higher support level than the incident's); absent: a breach only goes to the group's manager.
   */
  escalateToGroup?: string
}

export type SlaPolicy = Readonly<Record<Priority, SlaTargets>>

/** A running clock turns to warning when this share of its target is used (75 %). */
export const SLA_WARNING_THRESHOLD = 0.75
/** ...and is breached when the whole target is used (100 %), not a millisecond later. */
export const SLA_BREACH_THRESHOLD = 1

/** One business day of the default weekday calendar (08:00–18:00). */
export const BUSINESS_DAY_MINUTES = 10 * 60

const HOUR_MINUTES = 60

/**
 * Defaults an admin is expected to tune. P1 runs on the 24×7 calendar: a critical outage at 2 am
 * on a Sunday is due at 6 am. P2–P5 run on the weekday calendar, so their "days" are business
 * days of 10 open hours: P3's "3 days" is 30 open hours, which is three full working days
 * whichever hour of the day the incident arrives.
 */
export const DEFAULT_SLA_POLICY: SlaPolicy = {
  1: { responseMinutes: 15, resolutionMinutes: 4 * HOUR_MINUTES, calendarId: CALENDAR_24X7.id },
  2: { responseMinutes: 30, resolutionMinutes: 8 * HOUR_MINUTES, calendarId: CALENDAR_WEEKDAYS.id },
  3: { responseMinutes: 4 * HOUR_MINUTES, resolutionMinutes: 3 * BUSINESS_DAY_MINUTES, calendarId: CALENDAR_WEEKDAYS.id },
  4: { responseMinutes: 8 * HOUR_MINUTES, resolutionMinutes: 5 * BUSINESS_DAY_MINUTES, calendarId: CALENDAR_WEEKDAYS.id },
  5: { responseMinutes: 2 * BUSINESS_DAY_MINUTES, resolutionMinutes: 10 * BUSINESS_DAY_MINUTES, calendarId: CALENDAR_WEEKDAYS.id },
}

function isPositiveMinutes(value: number): boolean {
  return Number.isSafeInteger(value) && value > 0
}

/**
 * Why the policy cannot be used with these calendars, or undefined when it can. A policy naming
 * a calendar that does not exist would leave every clock of that priority without hours.
 */
export function validateSlaPolicy(policy: SlaPolicy, calendars: Readonly<Record<string, BusinessCalendar>>): string | undefined {
  for (const priority of PRIORITIES) {
    const targets = policy[priority]
    const label = PRIORITY_LABELS[priority]
    if (!targets) return `${label} has no SLA targets.`
    const problem = slaTargetsProblem(label, targets, calendars)
    if (problem) return problem
  }
  return undefined
}

/** Why one priority's targets (`label` names them) cannot be used with these calendars, or undefined. */
export function slaTargetsProblem(label: string, targets: SlaTargets, calendars: Readonly<Record<string, BusinessCalendar>>): string | undefined {
  if (!isPositiveMinutes(targets.responseMinutes)) return `${label}: the response target must be a whole number of minutes above 0.`
  if (!isPositiveMinutes(targets.resolutionMinutes)) return `${label}: the resolution target must be a whole number of minutes above 0.`
  if (targets.resolutionMinutes < targets.responseMinutes) return `${label}: the resolution target cannot be shorter than the response target.`
  if (!Object.hasOwn(calendars, targets.calendarId)) return `${label}: calendar "${targets.calendarId}" does not exist.`
  return undefined
}
