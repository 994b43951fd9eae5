import { z } from 'zod'
import { newId } from '../../src-shared/events/ids'
import { SUPPORT_LEVELS } from '../../src-shared/incident/levels'
import { PRIORITIES } from '../../src-shared/incident/priority'
import { INCIDENT_STATES } from '../../src-shared/incident/vocabulary'
import type { IncidentDeskDatabase } from './database'
import { ASSIGNMENT_FILTERS, defaultFilter, DEFAULT_SORT, QUEUE_COLUMNS, SLA_FILTERS, type QueueViewDefinition, type SavedQueueView, type SaveViewResult } from '../../src-shared/queue/queueView'
import { t } from '../i18n/activeLanguage'

/**
 * Named queue views: a filter and a sort a person saved under a name, kept on this desk.
 *
 * Persistence lives here and only here: one entry of the `config` table (schema v3), the whole
 * list at once so a reader never sees half a save. Desks from before v3 kept the list in the
 * `meta` table; {@link migrateSavedViews} moves it, and until it has run the reads still find it.
 */
export type { SavedQueueView, SaveViewResult }

/** The list's key in the `config` table, and (before schema v3) in `meta`. */
export const SAVED_VIEWS_KEY = 'queue.savedViews'
export const MAX_VIEW_NAME_LENGTH = 60
export const MAX_SAVED_VIEWS = 50

function builtIn(id: string, name: string, filter: Partial<QueueViewDefinition['filter']>): SavedQueueView {
  return { id, name, builtIn: true, view: { filter: { ...defaultFilter(), ...filter }, sort: { ...DEFAULT_SORT } } }
}

/** What every desk starts with; the first is the queue's home. */
export const BUILT_IN_VIEWS: readonly SavedQueueView[] = [
  builtIn('builtin-open', 'All open', {}),
  builtIn('builtin-mine', 'My work', { assignment: 'mine' }),
  builtIn('builtin-unassigned', 'Unassigned', { assignment: 'unassigned' }),
  builtIn('builtin-sla', 'SLA at risk', { sla: 'at_risk' }),
  builtIn('builtin-major', 'Major incidents', { majorOnly: true }),
]

const viewSchema = z.object({
  filter: z.object({
    assignment: z.enum(ASSIGNMENT_FILTERS),
    states: z.array(z.enum(INCIDENT_STATES)),
    priorities: z.array(z.union(PRIORITIES.map((priority) => z.literal(priority)))),
    levels: z.array(z.union(SUPPORT_LEVELS.map((level) => z.literal(level)))),
    categories: z.array(z.string().max(100)).max(200),
    sla: z.enum(SLA_FILTERS),
    majorOnly: z.boolean(),
    securityOnly: z.boolean(),
  }),
  sort: z.object({ column: z.enum(QUEUE_COLUMNS), direction: z.enum(['asc', 'desc']) }),
})

const storedViewSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(MAX_VIEW_NAME_LENGTH),
  view: viewSchema,
})

type StoredView = z.infer<typeof storedViewSchema>

function parseStored(raw: unknown): StoredView[] {
  if (!Array.isArray(raw)) return []
  // An entry written by a newer or broken build is skipped, not allowed to take the queue down.
  return raw.flatMap((entry) => {
    const parsed = storedViewSchema.safeParse(entry)
    return parsed.success ? [parsed.data] : []
  })
}

/** The config entry's views, then any pre-v3 ones not yet moved whose name is not taken (a read may run before the migration). */
async function readStored(db: IncidentDeskDatabase): Promise<StoredView[]> {
  const [current, legacy] = await Promise.all([db.config.get(SAVED_VIEWS_KEY), db.meta.get(SAVED_VIEWS_KEY)])
  return mergeViews(parseStored(current?.value), parseStored(legacy?.value))
}

function mergeViews(current: readonly StoredView[], legacy: readonly StoredView[]): StoredView[] {
  const names = new Set(current.map((view) => view.name.toLocaleLowerCase()))
  const moved = legacy.filter((view) => !names.has(view.name.toLocaleLowerCase()))
  return [...current, ...moved].slice(0, MAX_SAVED_VIEWS)
}

/** Writes the list to `config` and drops the pre-v3 copy; callers hold a rw transaction over both tables. */
async function writeStored(db: IncidentDeskDatabase, views: readonly StoredView[]): Promise<void> {
  await db.config.put({ key: SAVED_VIEWS_KEY, value: views, updatedAt: new Date().toISOString() })
  await db.meta.delete(SAVED_VIEWS_KEY)
}

/**
 * Moves views saved by a desk from before schema v3 (a `meta` entry) into `config`: read old,
 * write new, delete old, in one transaction, so a crash leaves one copy or the other, never
 * none. A view whose name is already in `config` keeps the `config` version. Entries that do
 * not parse are dropped with the old key (they were already invisible). Returns how many views
 * moved; running it again moves nothing.
 */
export async function migrateSavedViews(db: IncidentDeskDatabase): Promise<number> {
  // Nearly always nothing to move: look first, so a start-up does not hold a write lock on
  // `meta` (counters, session) while the queue reads its first rows.
  if (!(await db.meta.get(SAVED_VIEWS_KEY))) return 0
  return db.transaction('rw', db.config, db.meta, async () => {
    const legacy = await db.meta.get(SAVED_VIEWS_KEY)
    if (!legacy) return 0
    const current = parseStored((await db.config.get(SAVED_VIEWS_KEY))?.value)
    const merged = mergeViews(current, parseStored(legacy.value))
    await writeStored(db, merged)
    return merged.length - current.length
  })
}

/** Built-in views first, then the saved ones in the order they were saved. */
export async function readSavedViews(db: IncidentDeskDatabase): Promise<SavedQueueView[]> {
  return withBuiltIns(await readStored(db))
}

/**
 * The views as a reader of the `config` entry alone sees them (the page, through the data
 * worker): the worker moves pre-v3 views into it when it opens the store (migrateSavedViews).
 */
export function savedViewsOf(storedValue: unknown): SavedQueueView[] {
  return withBuiltIns(parseStored(storedValue).slice(0, MAX_SAVED_VIEWS))
}

function withBuiltIns(stored: readonly StoredView[]): SavedQueueView[] {
  return [...BUILT_IN_VIEWS, ...stored.map((view) => ({ ...view, builtIn: false }))]
}

/**
 * Saves `view` under `name`. A name already in use is refused (say which), unless
 * `replace` is set and the existing view is not a built-in one: then that view is updated.
 */
export async function saveView(
  db: IncidentDeskDatabase,
  name: string,
  view: QueueViewDefinition,
  options: { replace?: boolean } = {},
): Promise<SaveViewResult> {
  const trimmed = name.trim()
  if (trimmed.length === 0) return { ok: false, reason: 'invalid', error: t('views.needsName') }
  if (trimmed.length > MAX_VIEW_NAME_LENGTH) return { ok: false, reason: 'invalid', error: t('views.tooLong', { max: MAX_VIEW_NAME_LENGTH }) }
  const checked = viewSchema.safeParse(view)
  if (!checked.success) return { ok: false, reason: 'invalid', error: t('views.unknown') }
  const key = trimmed.toLocaleLowerCase()
  if (BUILT_IN_VIEWS.some((builtInView) => builtInView.name.toLocaleLowerCase() === key)) {
    return { ok: false, reason: 'invalid', error: t('views.builtIn', { name: trimmed }) }
  }
  return db.transaction('rw', db.config, db.meta, async () => {
    const stored = await readStored(db)
    const existing = stored.find((candidate) => candidate.name.toLocaleLowerCase() === key)
    if (existing && !options.replace) return { ok: false, reason: 'exists', error: t('views.exists', { name: existing.name }) }
    if (!existing && stored.length >= MAX_SAVED_VIEWS) {
      return { ok: false, reason: 'full', error: t('views.tooMany', { max: MAX_SAVED_VIEWS }) }
    }
    const saved: StoredView = { id: existing?.id ?? newId(), name: trimmed, view: checked.data }
    await writeStored(db, existing ? stored.map((candidate) => (candidate.id === existing.id ? saved : candidate)) : [...stored, saved])
    return { ok: true, view: { ...saved, builtIn: false } }
  })
}

/** Deletes a saved view; built-in views stay. Returns whether anything was deleted. */
export async function deleteView(db: IncidentDeskDatabase, id: string): Promise<boolean> {
  if (BUILT_IN_VIEWS.some((view) => view.id === id)) return false
  return db.transaction('rw', db.config, db.meta, async () => {
    const stored = await readStored(db)
    const kept = stored.filter((view) => view.id !== id)
    if (kept.length === stored.length) return false
    await writeStored(db, kept)
    return true
  })
}
