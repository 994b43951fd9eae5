import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from '../incident/priority'
import { DEFAULT_CALENDARS, type BusinessCalendar } from '../sla/calendar'
import { DEFAULT_SLA_POLICY, type SlaPolicy } from '../sla/policy'
import type { SlaRulesHistory } from '../sla/rulesHistory'
import type { ResolutionCodeEntry } from './resolutionCodes'
import type { ServiceCatalogue } from './serviceCatalogue'

/**
 * The part of the admin-edited configuration the domain needs. Configuration is data
 * (DESIGN §2): it is versioned and synced; a standalone desk keeps its own.
 */
export interface DomainConfig {
  priorityMatrix: PriorityMatrix
  /** A resolved incident the caller never confirms closes by itself after this many days. */
  autoCloseDays: number
  slaPolicy: SlaPolicy
  /** Business-hours calendars by id, referenced by the SLA policy. */
  calendars: Readonly<Record<string, BusinessCalendar>>
  /** The service catalogue, for services with SLA targets of their own; none by default. */
  services?: ServiceCatalogue
  /** The resolution codes a resolution may use; absent: the built-in ones. */
  resolutionCodes?: readonly ResolutionCodeEntry[]
  /** How often a major incident's stakeholders get an update unless its manager sets another cadence. */
  majorUpdateCadenceMinutes: number
  /**
   * The SLA policy and calendars as they were in force over time, the current ones last
   * (sla/rulesHistory.ts); absent or single: the ones above, for all time.
   */
  slaHistory?: SlaRulesHistory
}

export const DEFAULT_DOMAIN_CONFIG: DomainConfig = {
  priorityMatrix: DEFAULT_PRIORITY_MATRIX,
  autoCloseDays: 7,
  slaPolicy: DEFAULT_SLA_POLICY,
  calendars: DEFAULT_CALENDARS,
  majorUpdateCadenceMinutes: 30,
}
