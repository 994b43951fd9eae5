import { findCategory, type Taxonomy } from '../../src-shared/config/taxonomy'
import type { IncidentTemplate } from '../../src-shared/config/templates'
import type { Impact, Urgency } from '../../src-shared/incident/priority'
import type { Channel } from '../../src-shared/incident/vocabulary'
import type { LogIncidentInput } from '../store/incidentStore'

/** Everything on the log form, as typed (untrimmed) so the inputs show what the agent wrote. */
export interface LogDraft {
  callerName: string
  callerContact: string
  location: string
  channel: Channel
  templateId: string
  shortDescription: string
  category: string
  subcategory: string
  service: string
  configurationItem: string
  impact: Impact
  urgency: Urgency
  description: string
}

export type DraftField = Exclude<keyof LogDraft, 'templateId'>

/** A blank form. Low impact and urgency: the agent raises them, never has to lower a guess. */
export function emptyDraft(channel: Channel = 'phone'): LogDraft {
  return {
    callerName: '',
    callerContact: '',
    location: '',
    channel,
    templateId: '',
    shortDescription: '',
    category: '',
    subcategory: '',
    service: '',
    configurationItem: '',
    impact: 3,
    urgency: 3,
    description: '',
  }
}

/**
 * Fills in what `template` sets. Fields the agent typed into themselves are kept: a template
 * picked after the short description was written must not throw it away. Fields a previous
 * template filled are replaced, so trying templates one after another leaves only the last.
 */
export function applyTemplate(draft: LogDraft, template: IncidentTemplate, edited: ReadonlySet<DraftField>): LogDraft {
  const next: LogDraft = { ...draft, templateId: template.id }
  const set = <K extends DraftField>(field: K, value: LogDraft[K] | null) => {
    if (value === null || edited.has(field)) return
    next[field] = value
  }
  set('channel', template.channel)
  set('shortDescription', template.shortDescription || null)
  set('description', template.description || null)
  set('impact', template.impact)
  set('urgency', template.urgency)
  if (template.category !== null && !edited.has('category')) {
    next.category = template.category
    if (!edited.has('subcategory')) next.subcategory = template.subcategory ?? ''
  }
  return next
}

/** A category change clears a subcategory that belongs to another category. */
export function withCategory(draft: LogDraft, category: string, taxonomy: Taxonomy): LogDraft {
  const keeps = findCategory(taxonomy, category)?.subcategories.some((subcategory) => subcategory.id === draft.subcategory) ?? false
  return { ...draft, category, subcategory: keeps ? draft.subcategory : '' }
}

function orNull(value: string): string | null {
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed
}

/** What the store is asked to log; the store and the lifecycle decide whether it is valid. */
export function toLogInput(draft: LogDraft): LogIncidentInput {
  const contact = draft.callerContact.trim()
  return {
    shortDescription: draft.shortDescription.trim(),
    description: draft.description.trim(),
    caller: contact ? { name: draft.callerName.trim(), contact } : { name: draft.callerName.trim() },
    channel: draft.channel,
    category: orNull(draft.category),
    subcategory: orNull(draft.subcategory),
    service: orNull(draft.service),
    configurationItem: orNull(draft.configurationItem),
    location: orNull(draft.location),
    impact: draft.impact,
    urgency: draft.urgency,
  }
}
