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
    expect(routeAtLogging({ taxonomy: ROUTED }, { category: 'network', subcategory: 'vpn' })).toEqual({ group: 'Remote Access', rule: { kind: 'subcategory', label: 'VPN' } })
    expect(routeAtLogging({ taxonomy: ROUTED }, { category: 'network', subcategory: 'wifi' })).toEqual({ group: 'Network Operations', rule: { kind: 'category', label: 'Network' } })
    expect(routeAtLogging({ taxonomy: ROUTED }, { category: 'network', subcategory: null })).toEqual({ group: 'Network Operations', rule: { kind: 'category', label: 'Network' } })
  })

  it('routes nowhere without a default group, an unknown category or a blank one', () => {
    expect(routeAtLogging({ taxonomy: ROUTED }, { category: 'hardware', subcategory: 'laptop' })).toBeNull()
    expect(routeAtLogging({ taxonomy: ROUTED }, { category: 'no-such-category', subcategory: null })).toBeNull()
    expect(routeAtLogging({ taxonomy: ROUTED }, { category: null, subcategory: null })).toBeNull()
    const blank: Taxonomy = { categories: [{ id: 'other', label: 'Other', subcategories: [], defaultGroup: '  ' }] }
    expect(routeAtLogging({ taxonomy: blank }, { category: 'other', subcategory: null })).toBeNull()
  })
})
