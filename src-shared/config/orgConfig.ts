import { z } from 'zod'
import { english, type Translator } from '../i18n/translator'
import { PRIORITIES, validatePriorityMatrix, type PriorityMatrix } from '../incident/priority'
import { ISO_WEEKDAYS, validateCalendar, type BusinessCalendar } from '../sla/calendar'
import { validateSlaPolicy, type SlaPolicy } from '../sla/policy'
import { DEFAULT_RESOLUTION_CODES, type ResolutionCodeEntry } from './resolutionCodes'
import { validateResolutionCodes } from './resolutionCodesCheck'
import type { ServiceCatalogue } from './serviceCatalogue'
import { serviceTargetsProblem, validateServices } from './services'
import { slaTermsKey, type SlaRulesHistory, type SlaRulesVersion } from '../sla/rulesHistory'
import { DEFAULT_DOMAIN_CONFIG, type DomainConfig } from './domainConfig'
import { DEFAULT_TAXONOMY, describeIssues, validateTaxonomy, type ConfigValidation, type Taxonomy } from './taxonomy'
import { DEFAULT_TEMPLATES, templatesBrokenBy, validateTemplates, type IncidentTemplate } from './templates'

/**
 * The organization's rules as data (DESIGN §2 "Configuration is data too"), in sections an admin
 * edits one at a time. On a desk joined to a server they come from the server as numbered
 * changes, each saying who made it and when; a standalone desk keeps its own. The same checks run
 * on the server (which refuses a bad change) and on the desk (which ignores a value it cannot
 * read, written by a newer version, and keeps the one before).
 */
export interface OrgConfig {
  taxonomy: Taxonomy
  templates: IncidentTemplate[]
  priorityMatrix: PriorityMatrix
  slaPolicy: SlaPolicy
  calendars: Readonly<Record<string, BusinessCalendar>>
  /** The service catalogue: services, their CIs, owner group, criticality and own SLA targets. */
  services: ServiceCatalogue
  /** The resolution codes offered, the built-in ones and the organization's own. */
  resolutionCodes: readonly ResolutionCodeEntry[]
  autoCloseDays: number
}

/** In the order a whole configuration is checked: what a section is checked against comes before it. */
export const CONFIG_SECTIONS = ['taxonomy', 'templates', 'priorityMatrix', 'calendars', 'slaPolicy', 'services', 'resolutionCodes', 'autoCloseDays'] as const
export type ConfigSection = (typeof CONFIG_SECTIONS)[number]

export function isConfigSection(value: unknown): value is ConfigSection {
  return typeof value === 'string' && (CONFIG_SECTIONS as readonly string[]).includes(value)
}

export const DEFAULT_ORG_CONFIG: OrgConfig = {
  taxonomy: DEFAULT_TAXONOMY,
  templates: DEFAULT_TEMPLATES,
  priorityMatrix: DEFAULT_DOMAIN_CONFIG.priorityMatrix,
  slaPolicy: DEFAULT_DOMAIN_CONFIG.slaPolicy,
  calendars: DEFAULT_DOMAIN_CONFIG.calendars,
  services: [],
  resolutionCodes: DEFAULT_RESOLUTION_CODES,
  autoCloseDays: DEFAULT_DOMAIN_CONFIG.autoCloseDays,
}

/**
 * The part of the configuration the lifecycle and the SLA clocks read; with the SLA rules'
 * history (slaHistoryOf) when the clocks are to be effective-dated.
 */
export function domainConfigOf(config: OrgConfig, slaHistory: SlaRulesHistory = []): DomainConfig {
  return {
    ...DEFAULT_DOMAIN_CONFIG,
    priorityMatrix: config.priorityMatrix,
    slaPolicy: config.slaPolicy,
    calendars: config.calendars,
    services: config.services,
    resolutionCodes: config.resolutionCodes,
    autoCloseDays: config.autoCloseDays,
    ...(slaHistory.length > 1 ? { slaHistory } : {}),
  }
}

/**
 * The SLA policy and calendars in force over time, from the numbered changes (server order) on
 * top of `base`: a version from each change of either, dated when the server accepted it. Empty
 * when they never changed.
 */
export function slaHistoryOf(base: OrgConfig, changes: readonly ConfigChange[]): SlaRulesHistory {
  const history: SlaRulesVersion[] = [{ from: '', slaPolicy: base.slaPolicy, calendars: base.calendars, services: base.services }]
  let config = base
  for (const change of changes) {
    const next = applyConfigChanges(config, [change])
    if ((next.slaPolicy !== config.slaPolicy || next.calendars !== config.calendars || next.services !== config.services) && slaTermsKey(next) !== slaTermsKey(config)) {
      history.push({ from: change.changedAt, slaPolicy: next.slaPolicy, calendars: next.calendars, services: next.services })
    }
    config = next
  }
  return history.length > 1 ? history : []
}

/** One accepted change of one section, as the server numbered it. */
export interface ConfigChange {
  /** The server's order of configuration changes; a desk pulls after the last one it has. */
  seq: number
  id: string
  section: ConfigSection
  value: unknown
  changedAt: string
  changedBy: { userId: string; displayName: string }
}

const priority = z.union(PRIORITIES.map((value) => z.literal(value)) as unknown as [z.ZodLiteral<1>, z.ZodLiteral<2>])
const matrixRow = z.tuple([priority, priority, priority])
const matrixShape = z.tuple([matrixRow, matrixRow, matrixRow])

const hoursRange = z.strictObject({ start: z.string().max(5), end: z.string().max(5) })
const calendarShape = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  timeZone: z.string().min(1).max(64),
  weeklyHours: z.strictObject(Object.fromEntries(ISO_WEEKDAYS.map((day) => [String(day), z.array(hoursRange).max(8)])) as Record<string, z.ZodArray<typeof hoursRange>>),
  holidays: z.array(z.string().max(10)).max(2_000),
})
const calendarsShape = z.record(z.string().min(1).max(64), calendarShape)
const targetsShape = z.strictObject({ responseMinutes: z.number(), resolutionMinutes: z.number(), calendarId: z.string().max(64), escalateToGroup: z.string().max(100).optional() })
const policyShape = z.strictObject(Object.fromEntries(PRIORITIES.map((value) => [String(value), targetsShape])) as Record<string, typeof targetsShape>)

function shaped<T>(schema: z.ZodType, input: unknown, check: (value: T) => string | undefined): ConfigValidation<T> {
  const parsed = schema.safeParse(input)
  if (!parsed.success) return { ok: false, errors: describeIssues(parsed.error) }
  const problem = check(parsed.data as T)
  return problem ? { ok: false, errors: [problem] } : { ok: true, value: parsed.data as T }
}

/**
 * Checks a new value of one section against the rest of the configuration it will live with:
 * templates must file into categories the taxonomy has, the SLA policy must name calendars that
 * exist, a calendar the policy or a service's own targets use cannot be removed. Worded in `translator`'s language where the
 * checks are translated (English by default: the server's).
 */
export function validateConfigSection(section: ConfigSection, input: unknown, current: OrgConfig, translator: Translator = english()): ConfigValidation<unknown> {
  switch (section) {
    case 'taxonomy': {
      const checked = validateTaxonomy(input, translator)
      if (!checked.ok) return checked
      const broken = templatesBrokenBy(current.templates, checked.value)
      if (broken.length > 0) return { ok: false, errors: broken.map((template) => translator.t('config.templates.broken', { name: template.name })) }
      return checked
    }
    case 'templates':
      return validateTemplates(input, current.taxonomy, translator)
    case 'priorityMatrix':
      return shaped<PriorityMatrix>(matrixShape, input, validatePriorityMatrix)
    case 'slaPolicy':
      return shaped<SlaPolicy>(policyShape, input, (policy) => validateSlaPolicy(policy, current.calendars))
    case 'calendars':
      return shaped<Record<string, BusinessCalendar>>(calendarsShape, input, (calendars) => {
        for (const [id, calendar] of Object.entries(calendars)) {
          if (calendar.id !== id) return `Calendar "${id}" is stored under another id ("${calendar.id}").`
          const problem = validateCalendar(calendar)
          if (problem) return `${calendar.name}: ${problem}`
        }
        return validateSlaPolicy(current.slaPolicy, calendars) ?? serviceTargetsProblem(current.services, calendars)
      })
    case 'services':
      return validateServices(input, current.calendars, translator)
    case 'resolutionCodes':
      return validateResolutionCodes(input, translator)
    case 'autoCloseDays':
      return shaped<number>(z.number().int().min(1).max(365), input, () => undefined)
  }
}

/**
 * The configuration after `changes` (in server order) on top of `base`. A value this version
 * cannot read (a newer server's) is skipped and the section keeps its previous value: the desk
 * goes on with rules it understands rather than stopping.
 */
export function applyConfigChanges(base: OrgConfig, changes: readonly Pick<ConfigChange, 'section' | 'value'>[]): OrgConfig {
  let config = base
  for (const change of changes) {
    const checked = validateConfigSection(change.section, change.value, config)
    if (checked.ok) config = { ...config, [change.section]: checked.value }
  }
  return config
}

/**
 * A whole configuration from one stored value per section (a desk's config table), each checked
 * against the others. Two passes, because each value was valid against the others when it was
 * saved but a fixed order can check one against a neighbour's default: a policy naming a calendar
 * added with it is accepted once that calendar is in.
 */
export function orgConfigFromSections(values: Partial<Record<ConfigSection, unknown>>): OrgConfig {
  const present = CONFIG_SECTIONS.filter((section) => values[section] !== undefined).map((section) => ({ section, value: values[section] }))
  return applyConfigChanges(applyConfigChanges(DEFAULT_ORG_CONFIG, present), present)
}

/**
 * The configuration in force at `instant`: the changes made up to it. What an incident's SLA and
 * a report over a past range are computed with, so a change today does not rewrite last quarter.
 */
export function configInForceAt(base: OrgConfig, changes: readonly ConfigChange[], instant: string): OrgConfig {
  return applyConfigChanges(
    base,
    changes.filter((change) => change.changedAt <= instant),
  )
}
