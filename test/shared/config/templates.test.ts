import { describe, expect, it } from 'vitest'
import { DEFAULT_TAXONOMY, type Taxonomy } from '../../../src-shared/config/taxonomy'
import { DEFAULT_TEMPLATES, templatesBrokenBy, validateTemplates, type IncidentTemplate } from '../../../src-shared/config/templates'

const PASSWORD_RESET = DEFAULT_TEMPLATES.find((template) => template.id === 'password_reset')!

function template(overrides: Partial<IncidentTemplate>): IncidentTemplate {
  return { ...PASSWORD_RESET, ...overrides }
}

describe('template validation', () => {
  it('accepts the default templates against the default taxonomy, covering the common L1 cases', () => {
    expect(validateTemplates(DEFAULT_TEMPLATES, DEFAULT_TAXONOMY)).toEqual({ ok: true, value: DEFAULT_TEMPLATES })
    expect(DEFAULT_TEMPLATES.map((entry) => entry.name)).toEqual(
      expect.arrayContaining(['Password reset', 'Printer not printing', 'VPN cannot connect', 'New starter set-up']),
    )
  })

  it('refuses a template whose category the taxonomy does not have', () => {
    expect(validateTemplates([template({ category: 'facilities', subcategory: null })], DEFAULT_TAXONOMY)).toEqual({
      ok: false,
      errors: ['Template "Password reset" uses the category "facilities", which the taxonomy does not have.'],
    })
  })

  it('refuses a template whose subcategory is not in its category', () => {
    expect(validateTemplates([template({ category: 'network', subcategory: 'password_reset' })], DEFAULT_TAXONOMY)).toEqual({
      ok: false,
      errors: ['Template "Password reset" uses the subcategory "password_reset", which Network does not have.'],
    })
  })

  it('refuses a subcategory without a category, and two templates with one id', () => {
    expect(validateTemplates([template({ category: null })], DEFAULT_TAXONOMY)).toEqual({
      ok: false,
      errors: ['Template "Password reset" has a subcategory but no category.'],
    })
    expect(validateTemplates([PASSWORD_RESET, template({ name: 'Password reset (again)' })], DEFAULT_TAXONOMY)).toEqual({
      ok: false,
      errors: ['Two templates have the id "password_reset".'],
    })
  })

  it.each([
    ['a blank name', { name: ' ' }, 'Template name is required.'],
    ['an impact outside 1-3', { impact: 4 as never }, 'Impact must be one of 1, 2, 3.'],
    ['an unknown channel', { channel: 'fax' as never }, 'Channel must be one of: phone, email, walk_in, self_service, monitoring, field_visit.'],
    ['a short description over the limit', { shortDescription: 'x'.repeat(161) }, 'Short description is too long (at most 160 characters).'],
  ])('refuses a template with %s', (_case, overrides, message) => {
    expect(validateTemplates([template(overrides)], DEFAULT_TAXONOMY)).toEqual({ ok: false, errors: [message] })
  })

  it('accepts a template that leaves every field to the agent', () => {
    const blank = template({ channel: null, category: null, subcategory: null, impact: null, urgency: null, shortDescription: '', description: '' })
    expect(validateTemplates([blank], DEFAULT_TAXONOMY).ok).toBe(true)
  })

  it('names the templates a taxonomy edit would leave pointing nowhere', () => {
    const withoutAccess: Taxonomy = { categories: DEFAULT_TAXONOMY.categories.filter((category) => category.id !== 'access') }
    expect(templatesBrokenBy(DEFAULT_TEMPLATES, withoutAccess).map((entry) => entry.id)).toEqual(['password_reset', 'account_locked', 'new_starter'])
    expect(templatesBrokenBy(DEFAULT_TEMPLATES, DEFAULT_TAXONOMY)).toEqual([])
  })
})
