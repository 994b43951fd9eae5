import { findCategory, type Taxonomy } from '../config/taxonomy'

/**
 * Routing at logging (DESIGN §1 categorization): where a new incident goes first. The
 * subcategory's default group when it has one, else its category's, else none (the desk's
 * triage queue). Pure, so the log form shows the same answer offline that the server would give.
 */
export interface Routing {
  group: string
  /** What decided it, for the form's hint and the timeline: the category or subcategory's label. */
  rule: { kind: 'subcategory' | 'category'; label: string }
}

export function routeAtLogging(taxonomy: Taxonomy, categoryId: string | null | undefined, subcategoryId: string | null | undefined): Routing | null {
  const category = findCategory(taxonomy, categoryId)
  if (!category) return null
  const subcategory = subcategoryId ? category.subcategories.find((candidate) => candidate.id === subcategoryId) : undefined
  const fromSubcategory = subcategory?.defaultGroup?.trim()
  if (subcategory && fromSubcategory) return { group: fromSubcategory, rule: { kind: 'subcategory', label: subcategory.label } }
  const fromCategory = category.defaultGroup?.trim()
  if (fromCategory) return { group: fromCategory, rule: { kind: 'category', label: category.label } }
  return null
}
