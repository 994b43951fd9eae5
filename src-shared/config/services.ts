/** Checking the service catalogue (serviceCatalogue.ts) an admin saves, and the groups it names. */
import { z } from 'zod'
import { ID_PATTERN, LIMITS } from '../events/limits'
import { english, type Translator } from '../i18n/translator'
import { PRIORITIES, PRIORITY_LABELS, type Priority } from '../incident/priority'
import type { BusinessCalendar } from '../sla/calendar'
import { slaTargetsProblem } from '../sla/policy'
import { CRITICALITIES, MAX_ITEMS, MAX_SERVICES, serviceKey, type CatalogueService, type ServiceCatalogue } from './serviceCatalogue'
import { describeIssues, schemaPerLanguage, type ConfigValidation } from './taxonomy'

function servicesSchemaIn({ t }: Translator) {
  const id = (what: 'service' | 'item') =>
    z
      .string()
      .min(1, t('serviceCheck.idRequired', { what }))
      .max(LIMITS.label, t('serviceCheck.idTooLong', { what, max: LIMITS.label }))
      .regex(ID_PATTERN, t('serviceCheck.idPattern', { what }))
  const name = (what: 'service' | 'item') =>
    z
      .string()
      .max(LIMITS.name, t('serviceCheck.nameTooLong', { what, max: LIMITS.name }))
      .refine((value) => value.trim().length > 0, t('serviceCheck.nameRequired', { what }))
  const targets = z.strictObject({
    responseMinutes: z.number(),
    resolutionMinutes: z.number(),
    calendarId: z.string().max(64),
    escalateToGroup: z.string().max(LIMITS.label).optional(),
  })
  const service = z.strictObject({
    id: id('service'),
    name: name('service'),
    criticality: z.enum(CRITICALITIES, { error: t('serviceCheck.criticality', { values: CRITICALITIES.join(', ') }) }),
    ownerGroup: z.string().max(LIMITS.label, t('configCheck.groupTooLong', { max: LIMITS.label })).optional(),
    items: z.array(z.strictObject({ id: id('item'), name: name('item') })),
    sla: z.strictObject(Object.fromEntries(PRIORITIES.map((priority) => [String(priority), targets.optional()])) as Record<`${Priority}`, z.ZodOptional<typeof targets>>).optional(),
  })
  return z
    .array(service)
    .max(MAX_SERVICES, t('serviceCheck.tooManyServices', { max: MAX_SERVICES }))
    .superRefine((services, context) => {
      const ids = new Set<string>()
      const names = new Set<string>()
      let items = 0
      services.forEach((entry, index) => {
        if (ids.has(entry.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: t('serviceCheck.twoIds', { id: entry.id }) })
        if (names.has(serviceKey(entry.name))) context.addIssue({ code: 'custom', path: [index, 'name'], message: t('serviceCheck.twoNames', { name: entry.name }) })
        ids.add(entry.id)
        names.add(serviceKey(entry.name))
        const itemIds = new Set<string>()
        for (const item of entry.items) {
          if (itemIds.has(item.id)) context.addIssue({ code: 'custom', path: [index, 'items'], message: t('serviceCheck.twoItems', { service: entry.name, id: item.id }) })
          itemIds.add(item.id)
        }
        items += entry.items.length
      })
      if (items > MAX_ITEMS) context.addIssue({ code: 'custom', path: [], message: t('serviceCheck.tooManyItems', { max: MAX_ITEMS }) })
    })
}

const servicesSchemaFor = schemaPerLanguage(servicesSchemaIn)

/**
 * The catalogue checked, against the calendars its SLA targets name; problems worded in
 * `translator`'s language (English by default: the server's).
 */
export function validateServices(input: unknown, calendars: Readonly<Record<string, BusinessCalendar>>, translator: Translator = english()): ConfigValidation<CatalogueService[]> {
  const parsed = servicesSchemaFor(translator).safeParse(input)
  if (!parsed.success) return { ok: false, errors: describeIssues(parsed.error) }
  const problem = serviceTargetsProblem(parsed.data as CatalogueService[], calendars)
  return problem ? { ok: false, errors: [problem] } : { ok: true, value: parsed.data as CatalogueService[] }
}

/** Why a service's own SLA targets cannot be used with these calendars (a removed calendar), or undefined. */
export function serviceTargetsProblem(catalogue: ServiceCatalogue, calendars: Readonly<Record<string, BusinessCalendar>>): string | undefined {
  for (const service of catalogue) {
    for (const priority of PRIORITIES) {
      const targets = service.sla?.[`${priority}`]
      const problem = targets && slaTargetsProblem(`${service.name}, ${PRIORITY_LABELS[priority]}`, targets, calendars)
      if (problem) return problem
    }
  }
  return undefined
}

/** Every group name the catalogue routes or escalates to, for the server to check they exist. */
export function groupsNamedBy(catalogue: ServiceCatalogue): string[] {
  const named = new Set<string>()
  for (const service of catalogue) {
    if (service.ownerGroup?.trim()) named.add(service.ownerGroup.trim())
    for (const priority of PRIORITIES) {
      const group = service.sla?.[`${priority}`]?.escalateToGroup?.trim()
      if (group) named.add(group)
    }
  }
  return [...named]
}
