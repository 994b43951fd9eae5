import { findService, type ServiceCatalogue } from '../config/serviceCatalogue'
import { findCategory, type Taxonomy } from '../config/taxonomy'

/**
 * Routing at logging (DESIGN §1 categorization): where a new incident goes first. The most
 * specific rule wins: the subcategory's default group, else the owner group of the service it is
 * logged against, else its category's default group, else none (the desk's triage queue). Pure,
 * so the log form shows the same answer offline that the server would give.
 */
export const ROUTING_RULE_KINDS = ['subcategory', 'service', 'category'] as const

/** What decided a routing, for the form's hint and the timeline: the subcategory, service or category, by name. */
export interface RoutingRule {
  kind: (typeof ROUTING_RULE_KINDS)[number]
  label: string
}

export interface Routing {
  group: string
  rule: RoutingRule
}

/** What a new incident is filed under, as the log form or an import has it. */
export interface RoutingFacts {
  category: string | null | undefined
  subcategory: string | null | undefined
  service?: string | null
}

export function routeAtLogging(rules: { taxonomy: Taxonomy; services?: ServiceCatalogue }, facts: RoutingFacts): Routing | null {
  const category = findCategory(rules.taxonomy, facts.category)
  const subcategory = category && facts.subcategory ? category.subcategories.find((candidate) => candidate.id === facts.subcategory) : undefined
  const fromSubcategory = subcategory?.defaultGroup?.trim()
  if (subcategory && fromSubcategory) return { group: fromSubcategory, rule: { kind: 'subcategory', label: subcategory.label } }
  const service = rules.services ? findService(rules.services, facts.service) : undefined
  const fromService = service?.ownerGroup?.trim()
  if (service && fromService) return { group: fromService, rule: { kind: 'service', label: service.name } }
  const fromCategory = category?.defaultGroup?.trim()
  if (category && fromCategory) return { group: fromCategory, rule: { kind: 'category', label: category.label } }
  return null
}
