import { z } from 'zod'
import { LIMITS } from '../events/limits'
import { IMPACTS, URGENCIES, type Impact, type Urgency } from '../incident/priority'
import { CHANNELS, type Channel } from '../incident/vocabulary'
import { english, type Translator } from '../i18n/translator'
import { describeIssues, findCategory, idSchemaIn, nameSchemaIn, schemaPerLanguage, type ConfigValidation, type Taxonomy } from './taxonomy'

/**
 * A template for a common case (password reset, printer, VPN, new starter): the fields it fills
 * in on the log form so an L1 agent only adds who called and what is specific. A null field is
 * left as the agent has it. Admin-edited configuration (DESIGN §2).
 */
export interface IncidentTemplate {
  id: string
  /** What the agent picks it by. */
  name: string
  channel: Channel | null
  category: string | null
  subcategory: string | null
  impact: Impact | null
  urgency: Urgency | null
  shortDescription: string
  /** A skeleton the agent completes: the questions to ask, the checks already done. */
  description: string
}

function templatesSchemaIn(translator: Translator) {
  const { t } = translator
  const scale = <T extends readonly number[]>(field: 'impact' | 'urgency', values: T) =>
    z
      .number({ error: t('configCheck.scaleNumber', { field }) })
      .refine((value): value is T[number] => values.includes(value), t('configCheck.scaleValues', { field, values: values.join(', ') }))
      .nullable()
  const template = z
    .object({
      id: idSchemaIn(translator, 'template'),
      name: nameSchemaIn(translator, 'template'),
      channel: z.enum(CHANNELS, { error: t('configCheck.channel', { values: CHANNELS.join(', ') }) }).nullable(),
      category: z.string().max(LIMITS.label).nullable(),
      subcategory: z.string().max(LIMITS.label).nullable(),
      impact: scale('impact', IMPACTS),
      urgency: scale('urgency', URGENCIES),
      shortDescription: z.string().max(LIMITS.shortDescription, t('configCheck.textTooLong', { field: 'shortDescription', max: LIMITS.shortDescription })),
      description: z.string().max(LIMITS.description, t('configCheck.textTooLong', { field: 'description', max: LIMITS.description })),
    })
    .superRefine((template, context) => {
      if (template.subcategory !== null && template.category === null) {
        context.addIssue({ code: 'custom', path: ['subcategory'], message: t('configCheck.subcategoryAlone', { name: template.name }) })
      }
    })
  return z.array(template).max(200, t('configCheck.tooManyTemplates', { max: 200 }))
}

const templatesSchemaFor = schemaPerLanguage(templatesSchemaIn)

/**
 * Checks templates on their own and against the taxonomy they fill in from: a template that
 * names a category the taxonomy does not have would file incidents nowhere. Problems are worded
 * in `translator`'s language (English by default: the server's).
 */
export function validateTemplates(input: unknown, taxonomy: Taxonomy, translator: Translator = english()): ConfigValidation<IncidentTemplate[]> {
  const { t } = translator
  const parsed = templatesSchemaFor(translator).safeParse(input)
  if (!parsed.success) return { ok: false, errors: describeIssues(parsed.error) }
  const errors: string[] = []
  const seen = new Set<string>()
  for (const template of parsed.data) {
    if (seen.has(template.id)) errors.push(t('configCheck.twoTemplates', { id: template.id }))
    seen.add(template.id)
    if (template.category === null) continue
    const category = findCategory(taxonomy, template.category)
    if (!category) {
      errors.push(t('configCheck.unknownCategory', { name: template.name, category: template.category }))
    } else if (template.subcategory !== null && !category.subcategories.some((subcategory) => subcategory.id === template.subcategory)) {
      errors.push(t('configCheck.unknownSubcategory', { name: template.name, subcategory: template.subcategory, category: category.label }))
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: parsed.data }
}

/** Templates whose category or subcategory a taxonomy edit removed; the editor names them before saving. */
export function templatesBrokenBy(templates: readonly IncidentTemplate[], taxonomy: Taxonomy): IncidentTemplate[] {
  return templates.filter((template) => {
    if (template.category === null) return false
    const category = findCategory(taxonomy, template.category)
    if (!category) return true
    return template.subcategory !== null && !category.subcategories.some((subcategory) => subcategory.id === template.subcategory)
  })
}

/** What a new desk starts with: the cases an L1 desk logs many times a day. */
export const DEFAULT_TEMPLATES: IncidentTemplate[] = [
  {
    id: 'password_reset',
    name: 'Password reset',
    channel: 'phone',
    category: 'access',
    subcategory: 'password_reset',
    impact: 3,
    urgency: 2,
    shortDescription: 'Password reset requested',
    description: 'Account: \nIdentity verified by: \nSystems affected: \nReset done and caller signed in: yes / no',
  },
  {
    id: 'account_locked',
    name: 'Account locked',
    channel: 'phone',
    category: 'access',
    subcategory: 'account_locked',
    impact: 3,
    urgency: 2,
    shortDescription: 'Account locked out',
    description: 'Account: \nIdentity verified by: \nLocked since: \nUnlocked and caller signed in: yes / no',
  },
  {
    id: 'printer',
    name: 'Printer not printing',
    channel: null,
    category: 'hardware',
    subcategory: 'printer',
    impact: 3,
    urgency: 3,
    shortDescription: 'Printer not printing',
    description: 'Printer name / asset tag: \nLocation: \nError shown on the printer: \nOther users affected: yes / no',
  },
  {
    id: 'vpn',
    name: 'VPN cannot connect',
    channel: null,
    category: 'network',
    subcategory: 'vpn',
    impact: 3,
    urgency: 2,
    shortDescription: 'Cannot connect to the VPN',
    description: 'Client version: \nError message: \nWorking from (home, hotel, site): \nInternet works without VPN: yes / no',
  },
  {
    id: 'new_starter',
    name: 'New starter set-up',
    channel: 'email',
    category: 'access',
    subcategory: 'new_starter',
    impact: 3,
    urgency: 3,
    shortDescription: 'New starter needs accounts and equipment',
    description: 'Name: \nStart date: \nManager: \nDepartment: \nEquipment needed: \nSystems and groups: ',
  },
  {
    id: 'phishing',
    name: 'Phishing email reported',
    channel: 'email',
    category: 'security',
    subcategory: 'phishing',
    impact: 3,
    urgency: 2,
    shortDescription: 'Suspected phishing email reported',
    description: 'Sender: \nSubject: \nReceived at: \nLink clicked or attachment opened: yes / no\nCredentials entered: yes / no',
  },
]
