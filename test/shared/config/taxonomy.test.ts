import { describe, expect, it } from 'vitest'
import { categoryLabel, DEFAULT_TAXONOMY, idFromLabel, subcategoryLabel, validateTaxonomy, type Taxonomy } from '../../../src-shared/config/taxonomy'
import { translatorFor } from '../../../src-shared/i18n/translator'
import { SECURITY_CATEGORY } from '../../../src-shared/incident/vocabulary'

function withCategories(categories: Taxonomy['categories']): Taxonomy {
  return { categories }
}

const security = { id: SECURITY_CATEGORY, label: 'Security', subcategories: [] }

describe('taxonomy validation', () => {
  it('accepts the default taxonomy, which files security incidents under the restricted category id', () => {
    expect(validateTaxonomy(DEFAULT_TAXONOMY)).toEqual({ ok: true, value: DEFAULT_TAXONOMY })
    expect(DEFAULT_TAXONOMY.categories.find((category) => category.id === SECURITY_CATEGORY)?.subcategories.map((entry) => entry.label)).toEqual(
      expect.arrayContaining(['Phishing', 'Malware', 'Data loss']),
    )
  })

  it('refuses two categories with the same id', () => {
    const result = validateTaxonomy(
      withCategories([security, { id: 'network', label: 'Network', subcategories: [] }, { id: 'network', label: 'Networking', subcategories: [] }]),
    )
    expect(result).toEqual({ ok: false, errors: ['Two categories have the id "network".'] })
  })

  it('words its problems in the editor’s language, English by default', () => {
    const unnamed = withCategories([security, { id: 'Network!', label: ' ', subcategories: [] }])
    expect(validateTaxonomy(unnamed, translatorFor('fr'))).toEqual({
      ok: false,
      errors: ['L’identifiant de la catégorie ne peut contenir que des minuscules, des chiffres, « - » et « _ ».', 'Le nom de la catégorie est obligatoire.'],
    })
    expect(validateTaxonomy(unnamed)).toEqual({
      ok: false,
      errors: ['Category id may use only lower-case letters, digits, "-" and "_".', 'Category name is required.'],
    })
  })

  it('refuses two subcategories with the same id in one category, but allows the same id in two categories', () => {
    const vpn = { id: 'vpn', label: 'VPN' }
    expect(validateTaxonomy(withCategories([security, { id: 'network', label: 'Network', subcategories: [vpn, { id: 'vpn', label: 'Remote access' }] }]))).toEqual({
      ok: false,
      errors: ['Network has two subcategories with the id "vpn".'],
    })
    expect(
      validateTaxonomy(
        withCategories([security, { id: 'network', label: 'Network', subcategories: [vpn] }, { id: 'access', label: 'Access', subcategories: [vpn] }]),
      ).ok,
    ).toBe(true)
  })

  it('refuses a taxonomy without the Security category, which restricts security incidents', () => {
    const result = validateTaxonomy(withCategories([{ id: 'hardware', label: 'Hardware', subcategories: [] }]))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors).toEqual([expect.stringContaining('The Security category (id "security") cannot be removed')])
  })

  it.each([
    ['a blank name', { id: 'hardware', label: '   ', subcategories: [] }, 'Category name is required.'],
    ['an id with capitals and spaces', { id: 'Hard ware', label: 'Hardware', subcategories: [] }, 'Category id may use only lower-case letters, digits, "-" and "_".'],
    ['a name over the label limit', { id: 'hardware', label: 'x'.repeat(101), subcategories: [] }, 'Category name is too long (at most 100 characters).'],
  ])('refuses a category with %s', (_case, category, message) => {
    expect(validateTaxonomy(withCategories([security, category]))).toEqual({ ok: false, errors: [message] })
  })

  it('refuses something that is not a taxonomy at all', () => {
    expect(validateTaxonomy(null).ok).toBe(false)
    expect(validateTaxonomy({ categories: [] })).toEqual({ ok: false, errors: ['The taxonomy needs at least one category.', expect.any(String)] })
  })
})

describe('taxonomy labels and ids', () => {
  it('shows labels for stored ids, and an id the taxonomy no longer has as it is', () => {
    expect(categoryLabel(DEFAULT_TAXONOMY, 'network')).toBe('Network')
    expect(subcategoryLabel(DEFAULT_TAXONOMY, 'network', 'wifi')).toBe('Wi-Fi')
    expect(categoryLabel(DEFAULT_TAXONOMY, 'facilities')).toBe('facilities')
    expect(categoryLabel(DEFAULT_TAXONOMY, null)).toBeNull()
  })

  it('makes an id from a new entry’s name that is valid and not taken', () => {
    expect(idFromLabel('Wi-Fi', [])).toBe('wi_fi')
    expect(idFromLabel('Réseau local', [])).toBe('reseau_local')
    expect(idFromLabel('Printer', ['printer', 'printer_2'])).toBe('printer_3')
    expect(idFromLabel('!!!', [])).toBe('item')
    const made = idFromLabel('Cloud & SaaS', DEFAULT_TAXONOMY.categories.map((category) => category.id))
    expect(validateTaxonomy(withCategories([...DEFAULT_TAXONOMY.categories, { id: made, label: 'Cloud & SaaS', subcategories: [] }])).ok).toBe(true)
  })
})
