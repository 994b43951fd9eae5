import { z } from 'zod'
import { ID_PATTERN, LIMITS } from '../events/limits'
import { english, type Translator } from '../i18n/translator'
import { SECURITY_CATEGORY } from '../incident/vocabulary'

/**
 * The categories an incident is filed under (DESIGN §2: configuration is data). Incidents store
 * the ids; labels are looked up here, so an admin can rename a category without rewriting the
 * log. Ids are short slugs, stable once incidents use them.
 */
export interface Subcategory {
  id: string
  label: string
  /** The assignment group (by name) an incident filed here is routed to at logging; else its category's. */
  defaultGroup?: string
}

export interface Category {
  id: string
  label: string
  subcategories: Subcategory[]
  /** The assignment group (by name) an incident filed under this category is routed to at logging. */
  defaultGroup?: string
}

export interface Taxonomy {
  categories: Category[]
}


/** What an id or a name belongs to, for the messages that name it. */
export type ConfigEntryKind = 'category' | 'subcategory' | 'template'

/** The checks below, worded in one language: the desk's for the editor, English for the server. */
export function idSchemaIn({ t }: Translator, what: ConfigEntryKind) {
  return z
    .string({ error: t('configCheck.idText', { what }) })
    .min(1, t('configCheck.idRequired', { what }))
    .max(LIMITS.label, t('configCheck.idTooLong', { what, max: LIMITS.label }))
    .regex(ID_PATTERN, t('configCheck.idPattern', { what }))
}

export function nameSchemaIn({ t }: Translator, what: ConfigEntryKind) {
  return z
    .string({ error: t('configCheck.nameText', { what }) })
    .max(LIMITS.label, t('configCheck.nameTooLong', { what, max: LIMITS.label }))
    .refine((value) => value.trim().length > 0, t('configCheck.nameRequired', { what }))
}

function taxonomySchemaIn(translator: Translator) {
  const { t } = translator
  const defaultGroup = z
    .string({ error: t('configCheck.groupText') })
    .max(LIMITS.label, t('configCheck.groupTooLong', { max: LIMITS.label }))
    .optional()
  const subcategorySchema = z.object({ id: idSchemaIn(translator, 'subcategory'), label: nameSchemaIn(translator, 'subcategory'), defaultGroup })
  const categorySchema = z
    .object({
      id: idSchemaIn(translator, 'category'),
      label: nameSchemaIn(translator, 'category'),
      subcategories: z.array(subcategorySchema).max(100, t('configCheck.tooManySubcategories', { max: 100 })),
      defaultGroup,
    })
    .superRefine((category, context) => {
      const seen = new Set<string>()
      category.subcategories.forEach((subcategory, index) => {
        if (seen.has(subcategory.id)) {
          context.addIssue({
            code: 'custom',
            path: ['subcategories', index, 'id'],
            message: t('configCheck.twoSubcategories', { category: category.label, id: subcategory.id }),
          })
        }
        seen.add(subcategory.id)
      })
    })
  return z
    .object({
      categories: z.array(categorySchema).min(1, t('configCheck.needsCategory')).max(200, t('configCheck.tooManyCategories', { max: 200 })),
    })
    .superRefine((taxonomy, context) => {
      const seen = new Set<string>()
      taxonomy.categories.forEach((category, index) => {
        if (seen.has(category.id)) {
          context.addIssue({ code: 'custom', path: ['categories', index, 'id'], message: t('configCheck.twoCategories', { id: category.id }) })
        }
        seen.add(category.id)
      })
      // The visibility rule (security incidents are seen only by the security group) keys on this
      // id; without the category nobody could file one, and renaming the id would expose them.
      if (!seen.has(SECURITY_CATEGORY)) {
        context.addIssue({ code: 'custom', path: ['categories'], message: t('configCheck.securityKept', { id: SECURITY_CATEGORY }) })
      }
    })
}

export type ConfigValidation<T> = { ok: true; value: T } | { ok: false; errors: string[] }

/** Zod's issues as sentences for the admin who made the edit; the first one is the one to fix. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => issue.message)
}

/** One schema per language, built when first asked for. */
export function schemaPerLanguage<Schema>(build: (translator: Translator) => Schema): (translator: Translator) => Schema {
  const built = new WeakMap<Translator, Schema>()
  return (translator) => {
    let schema = built.get(translator)
    if (!schema) {
      schema = build(translator)
      built.set(translator, schema)
    }
    return schema
  }
}

const taxonomySchemaFor = schemaPerLanguage(taxonomySchemaIn)

/** The taxonomy checked, its problems worded in `translator`'s language (English by default: the server's). */
export function validateTaxonomy(input: unknown, translator: Translator = english()): ConfigValidation<Taxonomy> {
  const parsed = taxonomySchemaFor(translator).safeParse(input)
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: describeIssues(parsed.error) }
}

export function findCategory(taxonomy: Taxonomy, categoryId: string | null | undefined): Category | undefined {
  return categoryId ? taxonomy.categories.find((category) => category.id === categoryId) : undefined
}

/** The label to show for a stored id; an id the taxonomy no longer has is shown as it is. */
export function categoryLabel(taxonomy: Taxonomy, categoryId: string | null | undefined): string | null {
  if (!categoryId) return null
  return findCategory(taxonomy, categoryId)?.label ?? categoryId
}

export function subcategoryLabel(taxonomy: Taxonomy, categoryId: string | null | undefined, subcategoryId: string | null | undefined): string | null {
  if (!subcategoryId) return null
  return findCategory(taxonomy, categoryId)?.subcategories.find((subcategory) => subcategory.id === subcategoryId)?.label ?? subcategoryId
}

/** An id for a new entry from its label ("Wi-Fi" → "wi-fi"), unique among `taken`. */
export function idFromLabel(label: string, taken: Iterable<string>): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 60) || 'item'
  const used = new Set(taken)
  if (!used.has(base)) return base
  let suffix = 2
  while (used.has(`${base}_${suffix}`)) suffix += 1
  return `${base}_${suffix}`
}

function entries(pairs: readonly (readonly [string, string])[]): Subcategory[] {
  return pairs.map(([id, label]) => ({ id, label }))
}

/** What a new desk starts with: the categories a typical IT service desk files under. */
export const DEFAULT_TAXONOMY: Taxonomy = {
  categories: [
    {
      id: 'hardware',
      label: 'Hardware',
      subcategories: entries([
        ['laptop', 'Laptop'],
        ['desktop', 'Desktop'],
        ['printer', 'Printer'],
        ['peripheral', 'Peripheral'],
        ['mobile', 'Mobile device'],
      ]),
    },
    {
      id: 'software',
      label: 'Software',
      subcategories: entries([
        ['installation', 'Installation'],
        ['error', 'Error or crash'],
        ['licence', 'Licence'],
        ['business_application', 'Business application'],
      ]),
    },
    {
      id: 'network',
      label: 'Network',
      subcategories: entries([
        ['vpn', 'VPN'],
        ['wifi', 'Wi-Fi'],
        ['lan', 'LAN'],
        ['internet', 'Internet access'],
      ]),
    },
    {
      id: 'access',
      label: 'Access',
      subcategories: entries([
        ['password_reset', 'Password reset'],
        ['account_locked', 'Account locked'],
        ['permissions', 'Permissions'],
        ['new_starter', 'New starter'],
      ]),
    },
    {
      id: 'email',
      label: 'Email',
      subcategories: entries([
        ['delivery', 'Delivery'],
        ['mailbox', 'Mailbox'],
        ['calendar', 'Calendar'],
      ]),
    },
    {
      id: SECURITY_CATEGORY,
      label: 'Security',
      subcategories: entries([
        ['phishing', 'Phishing'],
        ['malware', 'Malware'],
        ['data_loss', 'Data loss'],
        ['unauthorized_access', 'Unauthorized access'],
      ]),
    },
    {
      id: 'telephony',
      label: 'Telephony',
      subcategories: entries([
        ['desk_phone', 'Desk phone'],
        ['softphone', 'Softphone'],
        ['voicemail', 'Voicemail'],
      ]),
    },
    { id: 'other', label: 'Other', subcategories: [] },
  ],
}
