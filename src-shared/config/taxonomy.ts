import { z } from 'zod'
import { LIMITS } from '../events/limits'
import { SECURITY_CATEGORY } from '../incident/vocabulary'

/**
 * The categories an incident is filed under (DESIGN §2: configuration is data). Incidents store
 * the ids; labels are looked up here, so an admin can rename a category without rewriting the
 * log. Ids are short slugs, stable once incidents use them.
 */
export interface Subcategory {
  id: string
  label: string
}

export interface Category {
  id: string
  label: string
  subcategories: Subcategory[]
}

export interface Taxonomy {
  categories: Category[]
}

/** Lower-case letters, digits, `-` and `_`: safe in CSV, URLs and index keys. */
const ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/

function idSchema(what: string) {
  return z
    .string({ error: `${what} id must be text.` })
    .min(1, `${what} id is required.`)
    .max(LIMITS.label, `${what} id is too long (at most ${LIMITS.label} characters).`)
    .regex(ID_PATTERN, `${what} id may use only lower-case letters, digits, "-" and "_".`)
}

function labelSchema(what: string) {
  return z
    .string({ error: `${what} name must be text.` })
    .max(LIMITS.label, `${what} name is too long (at most ${LIMITS.label} characters).`)
    .refine((value) => value.trim().length > 0, `${what} name is required.`)
}

const subcategorySchema = z.object({ id: idSchema('Subcategory'), label: labelSchema('Subcategory') })

const categorySchema = z
  .object({
    id: idSchema('Category'),
    label: labelSchema('Category'),
    subcategories: z.array(subcategorySchema).max(100, 'A category has at most 100 subcategories.'),
  })
  .superRefine((category, context) => {
    const seen = new Set<string>()
    category.subcategories.forEach((subcategory, index) => {
      if (seen.has(subcategory.id)) {
        context.addIssue({
          code: 'custom',
          path: ['subcategories', index, 'id'],
          message: `${category.label} has two subcategories with the id "${subcategory.id}".`,
        })
      }
      seen.add(subcategory.id)
    })
  })

export const taxonomySchema = z
  .object({
    categories: z.array(categorySchema).min(1, 'The taxonomy needs at least one category.').max(200, 'The taxonomy has at most 200 categories.'),
  })
  .superRefine((taxonomy, context) => {
    const seen = new Set<string>()
    taxonomy.categories.forEach((category, index) => {
      if (seen.has(category.id)) {
        context.addIssue({ code: 'custom', path: ['categories', index, 'id'], message: `Two categories have the id "${category.id}".` })
      }
      seen.add(category.id)
    })
    // The visibility rule (security incidents are seen only by the security group) keys on this
    // id; without the category nobody could file one, and renaming the id would expose them.
    if (!seen.has(SECURITY_CATEGORY)) {
      context.addIssue({
        code: 'custom',
        path: ['categories'],
        message: `The Security category (id "${SECURITY_CATEGORY}") cannot be removed: security incidents are restricted by it.`,
      })
    }
  })

export type ConfigValidation<T> = { ok: true; value: T } | { ok: false; errors: string[] }

/** Zod's issues as sentences for the admin who made the edit; the first one is the one to fix. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => issue.message)
}

export function validateTaxonomy(input: unknown): ConfigValidation<Taxonomy> {
  const parsed = taxonomySchema.safeParse(input)
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
