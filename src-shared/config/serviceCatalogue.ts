import type { Priority } from '../incident/priority'
import type { SlaTargets } from '../sla/policy'

/**
 * The service catalogue (DESIGN §2: configuration is data): the business services the desk
 * supports, each with the configuration items (CIs) it runs on, the group that owns it and how
 * critical it is. Incidents name their service and CI by name, as the tools they are imported
 * from export them (ServiceNow's display values), so a lookup here is by id or by name, case
 * and surrounding spaces ignored.
 *
 * A service can carry its own SLA targets for some priorities (a payroll service answering P2
 * in 15 minutes); the organization's policy applies to the others.
 */
export const CRITICALITIES = ['critical', 'high', 'medium', 'low'] as const
export type Criticality = (typeof CRITICALITIES)[number]

export interface ConfigurationItem {
  id: string
  name: string
}

export type ServiceSlaTargets = Partial<Record<`${Priority}`, SlaTargets>>

export interface CatalogueService {
  id: string
  name: string
  criticality: Criticality
  /** The assignment group (by name) that owns it: routing at logging sends its incidents there. */
  ownerGroup?: string
  items: ConfigurationItem[]
  /** Targets in place of the organization's policy for these priorities. */
  sla?: ServiceSlaTargets
}

export type ServiceCatalogue = readonly CatalogueService[]

/** Bounds that keep the catalogue one change a desk pulls in a second, not an export. */
export const MAX_SERVICES = 1_000
export const MAX_ITEMS = 10_000

export function serviceKey(name: string): string {
  return name.trim().toLowerCase()
}

/**
 * Each catalogue's services by id and by name key, built once per catalogue: every SLA clock
 * looks its incident's service up, and a report or a recompute computes thousands of clocks.
 */
const lookups = new WeakMap<ServiceCatalogue, Map<string, CatalogueService>>()

function lookupOf(catalogue: ServiceCatalogue): Map<string, CatalogueService> {
  let lookup = lookups.get(catalogue)
  if (!lookup) {
    lookup = new Map()
    // The first service in order that has a key keeps it, as a scan in order would find it.
    for (const service of catalogue) {
      for (const key of [service.id, serviceKey(service.name)]) if (!lookup.has(key)) lookup.set(key, service)
    }
    lookups.set(catalogue, lookup)
  }
  return lookup
}

/** The service an incident's `service` field names (its id or its name), if the catalogue has it. */
export function findService(catalogue: ServiceCatalogue, named: string | null | undefined): CatalogueService | undefined {
  if (!named?.trim()) return undefined
  return lookupOf(catalogue).get(serviceKey(named))
}

/** The SLA targets of a priority for an incident of `service`: the service's own where it has them, else the policy's. */
export function targetsFor(policy: Readonly<Record<Priority, SlaTargets>>, catalogue: ServiceCatalogue | undefined, service: string | null | undefined, priority: Priority): SlaTargets {
  const own = catalogue && service ? findService(catalogue, service)?.sla?.[`${priority}`] : undefined
  return own ?? policy[priority]
}
