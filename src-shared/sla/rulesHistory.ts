import { compileCalendar, parseInstant, type BusinessCalendar, type CompiledCalendar } from './calendar'
import type { ServiceCatalogue } from '../config/serviceCatalogue'
import type { SlaPolicy } from './policy'

/**
 * The SLA rules (policy and calendars) as they were in force over time (DESIGN §2: configuration
 * is versioned data). A clock is counted with the calendar in force over each stretch it ran and
 * judged by the targets in force when it ended (or now, while it runs), so a calendar changed
 * today moves the running deadlines but does not rewrite last quarter's met and missed clocks.
 */
export interface SlaRules {
  slaPolicy: SlaPolicy
  calendars: Readonly<Record<string, BusinessCalendar>>
  /** The service catalogue, for services with targets of their own (config/services.ts). */
  services?: ServiceCatalogue
}

export interface SlaRulesVersion extends SlaRules {
  /** ISO instant it came into force; '' for the rules in force from the beginning. */
  from: string
}

/**
 * What SLA clocks depend on, as a text to compare: the policy, the calendars and the services'
 * own targets (by service name, how incidents name them), not who owns a service or its CIs.
 */
export function slaTermsKey(rules: SlaRules): string {
  const serviceTargets = (rules.services ?? []).filter((service) => service.sla).map((service) => [service.name.trim().toLowerCase(), service.sla])
  return JSON.stringify([rules.slaPolicy, rules.calendars, serviceTargets])
}

/** In force-from order; empty or a single version means one set of rules for all time. */
export type SlaRulesHistory = readonly SlaRulesVersion[]

/** The version in force at `ms`: the last one that came into force at or before it, else the first. */
export function versionAt(history: SlaRulesHistory, ms: number): SlaRulesVersion {
  let found = history[0]!
  for (const version of history) {
    if (version.from === '' || parseInstant(version.from) <= ms) found = version
    else break
  }
  return found
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>()

/** Compiled once per calendar object: a report judges thousands of clocks on a handful of versions. */
export function compiledCalendar(calendar: BusinessCalendar): CompiledCalendar {
  let result = compiled.get(calendar)
  if (!result) compiled.set(calendar, (result = compileCalendar(calendar)))
  return result
}

/** A stretch of running time cut where the rules changed, each piece with the calendar in force over it. */
export interface CalendarPiece {
  start: number
  end: number
  calendar: CompiledCalendar
}

/**
 * Cuts [start, end) at every change of `history` inside it, each piece counted on the calendar
 * `calendarOf` gives for the version in force over it (the one its policy names for the clock's
 * priority then).
 */
export function piecesOf(history: SlaRulesHistory, calendarOf: (version: SlaRulesVersion) => CompiledCalendar, start: number, end: number): CalendarPiece[] {
  const pieces: CalendarPiece[] = []
  let pieceStart = start
  let version = versionAt(history, start)
  for (const next of history) {
    if (next.from === '') continue
    const at = parseInstant(next.from)
    if (at <= pieceStart) continue
    if (at >= end) break
    pieces.push({ start: pieceStart, end: at, calendar: calendarOf(version) })
    pieceStart = at
    version = next
  }
  pieces.push({ start: pieceStart, end, calendar: calendarOf(version) })
  return pieces
}
