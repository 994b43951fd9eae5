import { describe, expect, it } from 'vitest'
import { routeAtLogging } from '../../../src-shared/automation/routing'
import { DEFAULT_TAXONOMY, type Taxonomy } from '../../../src-shared/config/taxonomy'

const ROUTED: Taxonomy = {
  categories: DEFAULT_TAXONOMY.categories.map((category) =>
    category.id === 'network'
      ? { ...category, defaultGroup: 'Network Operations', subcategories: category.subcategories.map((sub) => (sub.id === 'vpn' ? { ...sub, defaultGroup: 'Remote Access' } : sub)) }
      : category,
  ),
}

describe('routing at logging', () => {
  it('sends an incident to its subcategory’s group, else its category’s, and says which rule decided', () => {
    expect(routeAtLogging(ROUTED, 'network', 'vpn')).toEqual({ group: 'Remote Access', rule: { kind: 'subcategory', label: 'VPN' } })
    expect(routeAtLogging(ROUTED, 'network', 'wifi')).toEqual({ group: 'Network Operations', rule: { kind: 'category', label: 'Network' } })
    expect(routeAtLogging(ROUTED, 'network', null)).toEqual({ group: 'Network Operations', rule: { kind: 'category', label: 'Network' } })
  })

  it('routes nowhere without a default group, an unknown category or a blank one', () => {
    expect(routeAtLogging(ROUTED, 'hardware', 'laptop')).toBeNull()
    expect(routeAtLogging(ROUTED, 'no-such-category', null)).toBeNull()
    expect(routeAtLogging(ROUTED, null, null)).toBeNull()
    const blank: Taxonomy = { categories: [{ id: 'other', label: 'Other', subcategories: [], defaultGroup: '  ' }] }
    expect(routeAtLogging(blank, 'other', null)).toBeNull()
  })
})
