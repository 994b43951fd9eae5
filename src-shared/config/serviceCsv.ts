import { parseCsvText, type CsvRowError } from '../csv/parse'
import { worded } from '../i18n/worded'
import { CRITICALITIES, serviceKey, type CatalogueService, type Criticality, type ServiceCatalogue } from './serviceCatalogue'
import { idFromLabel } from './taxonomy'

/**
 * The service catalogue from a CSV file: one row per configuration item (or per service, with
 * the CI column empty or absent), merged into the catalogue an admin is editing. Headers are
 * matched by name, case ignored, including ServiceNow's CMDB exports (`name`, `support_group`,
 * and `busines_criticality`, misspelt there, with values like "1 - most critical").
 */
const HEADERS = {
  service: ['service', 'business service', 'business_service', 'service name', 'name'],
  item: ['configuration item', 'configuration_item', 'ci', 'cmdb_ci', 'ci name'],
  owner: ['owner group', 'owner_group', 'support group', 'support_group', 'assignment group', 'assignment_group', 'managed by group', 'managed_by_group'],
  criticality: ['criticality', 'business criticality', 'business_criticality', 'busines_criticality'],
} as const

/** ServiceNow's four business criticalities, and plain words and numbers, onto the catalogue's four. */
const CRITICALITY_WORDS: Record<string, Criticality> = {
  '1 - most critical': 'critical',
  '2 - somewhat critical': 'high',
  '3 - less critical': 'medium',
  '4 - not critical': 'low',
  '1': 'critical',
  '2': 'high',
  '3': 'medium',
  '4': 'low',
  ...Object.fromEntries(CRITICALITIES.map((value) => [value, value])),
}

export interface ServiceCsvImport {
  catalogue: CatalogueService[]
  /** Services the file added, and configuration items it added to new or existing services. */
  addedServices: number
  addedItems: number
  /** Rows left out, each with its line: the rest is imported. */
  errors: CsvRowError[]
}

export type ServiceCsvResult = { ok: true; value: ServiceCsvImport } | { ok: false; error: ReturnType<typeof worded> }

export function servicesFromCsv(text: string, current: ServiceCatalogue): ServiceCsvResult {
  const parsed = parseCsvText(text)
  const header = parsed.header.map((cell) => cell.trim().toLowerCase())
  const column = (names: readonly string[]) => header.findIndex((cell) => names.includes(cell))
  const at = { service: column(HEADERS.service), item: column(HEADERS.item), owner: column(HEADERS.owner), criticality: column(HEADERS.criticality) }
  if (at.service < 0) return { ok: false, error: worded('services.csv.noServiceColumn', { headers: HEADERS.service.join(', ') }) }
  const catalogue = current.map((service) => ({ ...service, items: [...service.items] }))
  const byName = new Map(catalogue.map((service) => [serviceKey(service.name), service]))
  const errors: CsvRowError[] = [...parsed.errors]
  let addedServices = 0
  let addedItems = 0
  for (const record of parsed.records) {
    const cell = (index: number) => (index >= 0 ? record.cells[index]!.trim() : '')
    const name = cell(at.service)
    if (!name) {
      errors.push({ line: record.line, ...worded('services.csv.noService') })
      continue
    }
    const criticalityText = cell(at.criticality).toLowerCase()
    const criticality = criticalityText ? CRITICALITY_WORDS[criticalityText] : undefined
    if (criticalityText && !criticality) {
      errors.push({ line: record.line, ...worded('services.csv.badCriticality', { value: cell(at.criticality), values: CRITICALITIES.join(', ') }) })
      continue
    }
    let service = byName.get(serviceKey(name))
    if (!service) {
      service = { id: idFromLabel(name, catalogue.map((entry) => entry.id)), name, criticality: criticality ?? 'medium', items: [] }
      catalogue.push(service)
      byName.set(serviceKey(name), service)
      addedServices += 1
    } else if (criticality) {
      service.criticality = criticality
    }
    const owner = cell(at.owner)
    if (owner) service.ownerGroup = owner
    const item = cell(at.item)
    if (item && !service.items.some((existing) => serviceKey(existing.name) === serviceKey(item))) {
      service.items.push({ id: idFromLabel(item, service.items.map((existing) => existing.id)), name: item })
      addedItems += 1
    }
  }
  return { ok: true, value: { catalogue, addedServices, addedItems, errors: errors.sort((a, b) => a.line - b.line) } }
}
