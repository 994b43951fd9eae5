import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { routeAtLogging } from '../../../src-shared/automation/routing'
import { DEFAULT_ORG_CONFIG, domainConfigOf, slaHistoryOf, validateConfigSection, type ConfigChange } from '../../../src-shared/config/orgConfig'
import { findService, targetsFor, type CatalogueService } from '../../../src-shared/config/serviceCatalogue'
import { servicesFromCsv } from '../../../src-shared/config/serviceCsv'
import { DEFAULT_TAXONOMY, type Taxonomy } from '../../../src-shared/config/taxonomy'
import { DEFAULT_SLA_POLICY } from '../../../src-shared/sla/policy'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/cmdb/${name}`, import.meta.url), 'utf8')

const EMAIL: CatalogueService = {
  id: 'email',
  name: 'Email',
  criticality: 'critical',
  ownerGroup: 'Messaging',
  items: [{ id: 'exchange_01', name: 'EXCHANGE-01' }],
  sla: { 2: { responseMinutes: 15, resolutionMinutes: 120, calendarId: '24x7' } },
}

describe('the service catalogue', () => {
  it('finds a service by id or by name, whatever the case and the spaces around it', () => {
    expect(findService([EMAIL], ' email ')?.id).toBe('email')
    expect(findService([EMAIL], 'EMAIL')?.id).toBe('email')
    expect(findService([EMAIL], 'Mail')).toBeUndefined()
    expect(findService([EMAIL], null)).toBeUndefined()
  })

  it('gives a service’s own targets for the priorities it has, the policy’s for the others and for unknown services', () => {
    expect(targetsFor(DEFAULT_SLA_POLICY, [EMAIL], 'Email', 2)).toEqual(EMAIL.sla![2])
    expect(targetsFor(DEFAULT_SLA_POLICY, [EMAIL], 'Email', 3)).toBe(DEFAULT_SLA_POLICY[3])
    expect(targetsFor(DEFAULT_SLA_POLICY, [EMAIL], 'Payroll', 2)).toBe(DEFAULT_SLA_POLICY[2])
  })

  it('refuses duplicate ids and names, unknown criticalities, calendars that do not exist and bad targets, with every reason', () => {
    const check = (value: unknown) => validateConfigSection('services', value, DEFAULT_ORG_CONFIG)
    expect(check([EMAIL])).toEqual({ ok: true, value: [EMAIL] })
    const twice = check([EMAIL, { ...EMAIL, id: 'email' }, { ...EMAIL, id: 'mail', name: ' EMAIL ' }])
    expect(twice.ok ? [] : twice.errors).toEqual(['Two services have the id "email".', 'Two services are named "Email".', 'Two services are named " EMAIL ".'])
    expect(check([{ ...EMAIL, criticality: 'essential' }])).toMatchObject({ ok: false, errors: ['Criticality must be one of: critical, high, medium, low.'] })
    expect(check([{ ...EMAIL, sla: { 2: { ...EMAIL.sla![2], calendarId: 'paris' } } }])).toMatchObject({ ok: false, errors: ['Email, P2 High: calendar "paris" does not exist.'] })
    expect(check([{ ...EMAIL, sla: { 2: { ...EMAIL.sla![2], resolutionMinutes: 10 } } }])).toMatchObject({ ok: false, errors: [expect.stringMatching(/resolution target cannot be shorter/)] })
    expect(check([{ ...EMAIL, items: [{ id: 'Bad Id', name: 'x' }] }])).toMatchObject({ ok: false })
  })

  it('keeps a calendar a service’s own targets use from being removed', () => {
    const config = { ...DEFAULT_ORG_CONFIG, services: [EMAIL] }
    const withoutAllDay = Object.fromEntries(Object.entries(config.calendars).filter(([id]) => id !== '24x7'))
    const policyOnWeekdays = Object.fromEntries(Object.entries(DEFAULT_SLA_POLICY).map(([priority, targets]) => [priority, { ...targets, calendarId: 'weekdays' }]))
    const checked = validateConfigSection('calendars', withoutAllDay, { ...config, slaPolicy: policyOnWeekdays as typeof DEFAULT_SLA_POLICY })
    expect(checked).toMatchObject({ ok: false, errors: [expect.stringMatching(/^Email, P2 High: calendar "24x7" does not exist/)] })
  })

  it('routes by subcategory first, then the service’s owner group, then the category', () => {
    const taxonomy: Taxonomy = {
      categories: DEFAULT_TAXONOMY.categories.map((category) =>
        category.id === 'network' ? { ...category, defaultGroup: 'Network Operations', subcategories: category.subcategories.map((sub) => (sub.id === 'vpn' ? { ...sub, defaultGroup: 'Remote Access' } : sub)) } : category,
      ),
    }
    const rules = { taxonomy, services: [EMAIL] }
    expect(routeAtLogging(rules, { category: 'network', subcategory: 'vpn', service: 'Email' })).toEqual({ group: 'Remote Access', rule: { kind: 'subcategory', label: 'VPN' } })
    expect(routeAtLogging(rules, { category: 'network', subcategory: 'wifi', service: 'email' })).toEqual({ group: 'Messaging', rule: { kind: 'service', label: 'Email' } })
    expect(routeAtLogging(rules, { category: 'network', subcategory: null, service: 'Unknown' })).toEqual({ group: 'Network Operations', rule: { kind: 'category', label: 'Network' } })
    expect(routeAtLogging(rules, { category: null, subcategory: null, service: 'Email' })).toEqual({ group: 'Messaging', rule: { kind: 'service', label: 'Email' } })
  })

  it('dates a version of the SLA rules when a service’s targets change, not when only its owner or CIs do', () => {
    const change = (seq: number, value: unknown): ConfigChange => ({ seq, id: `c${seq}`, section: 'services', value, changedAt: `2026-0${seq}-01T00:00:00.000Z`, changedBy: { userId: 'u-alex', displayName: 'Alex' } })
    const { sla: _none, ...plain } = EMAIL
    const history = slaHistoryOf(DEFAULT_ORG_CONFIG, [change(1, [plain]), change(2, [{ ...plain, ownerGroup: 'Other' }]), change(3, [EMAIL])])
    expect(history.map((version) => version.from)).toEqual(['', '2026-03-01T00:00:00.000Z'])
    expect(domainConfigOf({ ...DEFAULT_ORG_CONFIG, services: [EMAIL] }, history).slaHistory?.at(-1)?.services).toEqual([EMAIL])
  })
})

describe('the service catalogue from CSV', () => {
  it('reads a ServiceNow cmdb_ci_service export: name, support_group and its misspelt busines_criticality', () => {
    const result = servicesFromCsv(fixture('servicenow-cmdb_ci_service.csv'), [])
    expect(result).toMatchObject({ ok: true, value: { addedServices: 3, addedItems: 0, errors: [] } })
    if (!result.ok) return
    expect(result.value.catalogue).toEqual([
      { id: 'email', name: 'Email', criticality: 'critical', ownerGroup: 'Messaging', items: [] },
      { id: 'payroll', name: 'Payroll', criticality: 'high', ownerGroup: 'HR Applications', items: [] },
      { id: 'intranet', name: 'Intranet', criticality: 'low', items: [] },
    ])
    expect(validateConfigSection('services', result.value.catalogue, DEFAULT_ORG_CONFIG).ok).toBe(true)
  })

  it('merges one row per CI into the catalogue being edited, each CI once, and leaves out broken rows with their line', () => {
    const result = servicesFromCsv(fixture('cis.csv'), [EMAIL])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const { catalogue, addedServices, addedItems, errors } = result.value
    expect({ addedServices, addedItems }).toEqual({ addedServices: 1, addedItems: 2 })
    expect(catalogue.find((service) => service.id === 'email')).toEqual({ ...EMAIL, items: [...EMAIL.items, { id: 'exchange_02', name: 'EXCHANGE-02' }] })
    expect(catalogue.find((service) => service.id === 'payroll')).toEqual({ id: 'payroll', name: 'Payroll', criticality: 'medium', items: [{ id: 'payroll_db', name: 'PAYROLL-DB' }] })
    expect(catalogue.some((service) => service.name === 'Wiki')).toBe(false)
    expect(errors.map((error) => [error.line, error.message])).toEqual([
      [6, 'The service is empty.'],
      [7, 'Criticality "essential" is not one of critical, high, medium, low (or ServiceNow’s "1 - most critical" to "4 - not critical").'],
    ])
    expect(validateConfigSection('services', catalogue, DEFAULT_ORG_CONFIG).ok).toBe(true)
  })

  it('refuses a file without a service column, naming the headers it looks for', () => {
    expect(servicesFromCsv('ci,owner\nA,B\n', [])).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^The file has no service column: name one of service, business service/) } })
  })
})
