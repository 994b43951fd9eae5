import { idFromLabel, type Category, type Subcategory, type Taxonomy } from '../config/taxonomy'

/**
 * Values a file uses that the desk does not know yet (issue #9: "never a row refused for a value
 * the admin can accept with one click"). The plan lists each once, with how many rows use it; the
 * person maps it to a value the desk has, adds it to the taxonomy in the same import, or leaves
 * the field empty. Until every one is settled nothing is imported, and no row is refused for one.
 */
export type UnknownValueKind = 'category' | 'subcategory' | 'channel'

export interface UnknownValue {
  /** Names the value in `ValueChoices`: kind, the parent category for a subcategory, and the text lower-cased. */
  key: string
  kind: UnknownValueKind
  /** As the file writes it (its first spelling). */
  text: string
  /** A subcategory's category: the desk's id (possibly one added by this import) and its label. */
  category: { id: string; label: string } | null
  /** Rows that use it, and the first of their lines. */
  count: number
  firstLine: number
}

/**
 * What to do with an unknown value.
 * - `map`: read it as this id the desk already has (a category, subcategory or channel).
 * - `add`: add it to the taxonomy as it is written (categories and subcategories only).
 * - `blank`: import the rows with the field left empty (not for a channel, which every incident has).
 */
export type ValueChoice = { kind: 'map'; to: string } | { kind: 'add' } | { kind: 'blank' }

/** The person's choices, by `UnknownValue.key`. */
export type ValueChoices = Readonly<Record<string, ValueChoice>>

export function unknownValueKey(kind: UnknownValueKind, text: string, categoryId: string | null = null): string {
  const spelled = text.trim().toLowerCase()
  return kind === 'subcategory' ? `subcategory:${categoryId ?? ''}:${spelled}` : `${kind}:${spelled}`
}

/** Whether a choice can settle a value of this kind. */
export function choiceFits(kind: UnknownValueKind, choice: ValueChoice): boolean {
  return kind === 'channel' ? choice.kind === 'map' : true
}

/**
 * The desk's taxonomy as this import will leave it: entries the person chose to add are added the
 * first time a row uses them, with an id made from their label (`idFromLabel`), new categories
 * after the existing ones and new subcategories after their category's. The base is copied only
 * once something is added.
 */
export interface TaxonomyDraft {
  findCategory(text: string): Category | undefined
  findSubcategory(category: Category, text: string): Subcategory | undefined
  addCategory(text: string): Category
  addSubcategory(categoryId: string, text: string): Subcategory | undefined
  /** The taxonomy with the additions, the base itself when nothing was added. */
  result(): Taxonomy
  added(): number
}

export function taxonomyDraft(base: Taxonomy): TaxonomyDraft {
  let categories: Category[] | null = null
  let added = 0
  const current = () => categories ?? base.categories
  const own = (): Category[] => (categories ??= base.categories.map((category) => ({ ...category, subcategories: [...category.subcategories] })))
  return {
    findCategory: (text) => findEntry(text, current()),
    findSubcategory: (category, text) => findEntry(text, category.subcategories),
    addCategory(text) {
      const list = own()
      const category = { id: idFromLabel(text, list.map((entry) => entry.id)), label: text.trim(), subcategories: [] }
      list.push(category)
      added++
      return category
    },
    addSubcategory(categoryId, text) {
      const parent = own().find((category) => category.id === categoryId)
      if (!parent) return undefined
      const subcategory = { id: idFromLabel(text, parent.subcategories.map((entry) => entry.id)), label: text.trim() }
      parent.subcategories.push(subcategory)
      added++
      return subcategory
    },
    result: () => (categories ? { categories } : base),
    added: () => added,
  }
}

/** An entry by id or label, ignoring case and surrounding spaces. */
export function findEntry<T extends { id: string; label: string }>(text: string, entries: readonly T[]): T | undefined {
  const key = text.trim().toLowerCase()
  return entries.find((entry) => entry.id.toLowerCase() === key || entry.label.toLowerCase() === key)
}
