import type { Command, IncidentAction } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { HIERARCHICAL_TRIGGERS, SUPPORT_LEVELS, type HierarchicalTrigger, type SupportLevel } from '../../src-shared/incident/levels'
import type { Actor, PersonRef } from '../../src-shared/incident/roles'
import {
  CANCEL_REASONS,
  HOLD_REASONS,
  LINK_KINDS,
  RESOLUTION_CODES,
  type CancelReason,
  type HoldReason,
  type LinkKind,
  type ResolutionCode,
} from '../../src-shared/incident/vocabulary'
import { LINK_KIND_LABELS } from '../activity/activityEntries'
import { t } from '../i18n/activeLanguage'

/**
 * Which workflow steps the incident view's action bar offers, and what each one's dialog asks:
 * exactly the fields that step's command carries (commands.ts), no more. Pure, so the table is
 * tested without a browser; the dialogs render it field by field.
 *
 * Steps done elsewhere in the view are not in the bar: in-place header edits (editDetails,
 * categorize, prioritize, assign), the note composer (addWorkNote, addCallerComment), and the
 * major-incident and disclosure panels (postMajorUpdate, updateMajor, recordReview, trackDisclosure).
 */
export const BAR_ACTIONS = [
  'acknowledge',
  'resume',
  'hold',
  'escalate',
  'resolve',
  'close',
  'reopen',
  'cancel',
  'declareMajor',
  'link',
  'attach',
] as const satisfies readonly IncidentAction[]
export type BarAction = (typeof BAR_ACTIONS)[number]

/** Steps taken in one click: the command carries nothing but the incident. */
export const ONE_CLICK_ACTIONS: readonly BarAction[] = ['acknowledge', 'resume']

/** Steps that open a dialog of fields (attach opens the file picker instead). */
export type DialogAction = Exclude<BarAction, 'acknowledge' | 'resume' | 'attach'>

/** The button's words. Distinct from every other button in the view ("Close" closes the view). */
export const BAR_LABELS: Record<BarAction, string> = {
  acknowledge: 'Take it',
  resume: 'Resume',
  hold: 'Put on hold…',
  escalate: 'Escalate…',
  resolve: 'Resolve…',
  close: 'Confirm closure…',
  reopen: 'Reopen…',
  cancel: 'Cancel incident…',
  declareMajor: 'Declare major…',
  link: 'Link…',
  attach: 'Attach file…',
}

export const DIALOG_TITLES: Record<DialogAction, string> = {
  hold: 'Put on hold',
  escalate: 'Escalate',
  resolve: 'Resolve',
  close: 'Close the incident',
  reopen: 'Reopen',
  cancel: 'Cancel the incident',
  declareMajor: 'Declare a major incident',
  link: 'Link to another incident',
}

export type FormValues = Record<string, string>

export interface FieldOption {
  value: string
  label: string
}

export interface FieldSpec {
  name: string
  label: string
  control: 'select' | 'text' | 'textarea' | 'checkbox' | 'radio'
  options?: readonly FieldOption[]
  /** Required given the other values (a caller comment only for Awaiting Caller). */
  required: (values: FormValues) => boolean
  /** Shown given the other values (functional fields only for a functional escalation). */
  shown: (values: FormValues) => boolean
  hint?: string
}

const always = () => true
const never = () => false

function field(spec: Omit<FieldSpec, 'required' | 'shown'> & { required?: FieldSpec['required'] | boolean; shown?: FieldSpec['shown'] }): FieldSpec {
  const required = spec.required
  return {
    ...spec,
    required: typeof required === 'function' ? required : required ? always : never,
    shown: spec.shown ?? always,
  }
}

export const HIERARCHICAL_TRIGGER_LABELS: Record<HierarchicalTrigger, string> = {
  sla_at_risk: 'SLA at risk',
  vip_caller: 'VIP caller',
  customer_complaint: 'Customer complaint',
  other: 'Other',
}

export const CANCEL_REASON_LABELS: Record<CancelReason, string> = {
  duplicate: 'Duplicate',
  not_an_incident: 'Not an incident',
  logged_in_error: 'Logged in error',
}

/** The levels a functional escalation may go to from `level`: only up (levels.ts). */
export function escalationLevels(level: SupportLevel): SupportLevel[] {
  return SUPPORT_LEVELS.filter((candidate) => candidate > level)
}

/** People a major incident can be handed to on this desk: the actor, the assignee, the current manager. */
export function managerCandidates(incident: Incident, actor: Actor): PersonRef[] {
  const people: PersonRef[] = [{ userId: actor.userId, displayName: actor.displayName }]
  for (const person of [incident.assignee, incident.incidentManager]) {
    if (person && !people.some((known) => known.userId === person.userId)) people.push(person)
  }
  return people
}

const isFunctional = (values: FormValues) => values.kind !== 'hierarchical'
const isHierarchical = (values: FormValues) => values.kind === 'hierarchical'

/** The fields of `action`'s dialog for this incident, in order. */
export function dialogFields(action: DialogAction, incident: Incident, actor: Actor): FieldSpec[] {
  switch (action) {
    case 'hold':
      return [
        field({ name: 'reason', label: 'Reason', control: 'select', required: true, options: HOLD_REASONS.map((value) => ({ value, label: t(`hold.${value}`) })) }),
        field({
          name: 'callerComment',
          label: 'Comment to the caller',
          control: 'textarea',
          required: (values) => values.reason === 'awaiting_caller',
          hint: 'The caller reads this. Required for Awaiting Caller: say what you need from them.',
        }),
      ]
    case 'escalate': {
      const levels = escalationLevels(incident.level)
      return [
        field({
          name: 'kind',
          label: 'Kind of escalation',
          control: 'radio',
          required: true,
          options: [
            { value: 'functional', label: 'Functional: move it to a higher support level' },
            { value: 'hierarchical', label: 'Hierarchical: notify a manager, keep it here' },
          ],
        }),
        field({
          name: 'toLevel',
          label: 'To level',
          control: 'select',
          required: isFunctional,
          shown: isFunctional,
          options: levels.map((level) => ({ value: String(level), label: t(`level.${level}`) })),
          hint: levels.length === 0 ? `Already at ${t(`level.${incident.level}`)}: notify a manager instead.` : undefined,
        }),
        field({ name: 'toGroup', label: 'Assignment group', control: 'text', required: isFunctional, shown: isFunctional }),
        field({ name: 'manager', label: 'Manager to notify', control: 'text', required: isHierarchical, shown: isHierarchical }),
        field({
          name: 'trigger',
          label: 'Why the manager',
          control: 'select',
          required: isHierarchical,
          shown: isHierarchical,
          options: HIERARCHICAL_TRIGGERS.map((value) => ({ value, label: HIERARCHICAL_TRIGGER_LABELS[value] })),
        }),
        field({ name: 'reason', label: 'Reason', control: 'textarea', required: true, hint: 'Shown in the queue and the incident history.' }),
      ]
    }
    case 'resolve':
      return [
        field({
          name: 'resolutionCode',
          label: 'Resolution code',
          control: 'select',
          required: true,
          options: RESOLUTION_CODES.map((value) => ({ value, label: t(`resolution.${value}`) })),
        }),
        field({ name: 'resolutionNotes', label: 'Resolution notes', control: 'textarea', required: true }),
      ]
    case 'close':
      return [field({ name: 'callerConfirmed', label: 'The caller confirmed the service is restored', control: 'checkbox', required: true })]
    case 'reopen':
      return [field({ name: 'reason', label: 'Reason for reopening', control: 'textarea', required: true })]
    case 'cancel':
      return [
        field({ name: 'reason', label: 'Reason', control: 'select', required: true, options: CANCEL_REASONS.map((value) => ({ value, label: CANCEL_REASON_LABELS[value] })) }),
        field({ name: 'note', label: 'Note', control: 'textarea' }),
      ]
    case 'declareMajor':
      return [
        field({
          name: 'incidentManager',
          label: 'Incident manager',
          control: 'select',
          required: true,
          options: managerCandidates(incident, actor).map((person) => ({ value: person.userId, label: person.displayName })),
        }),
        field({ name: 'reason', label: 'Why it is major', control: 'textarea', required: true }),
        field({ name: 'affectedServices', label: 'Affected services', control: 'text', hint: 'Separate services with commas.' }),
      ]
    case 'link':
      return [
        field({
          name: 'kind',
          label: 'This incident is',
          control: 'select',
          required: true,
          options: LINK_KINDS.map((value) => ({ value, label: LINK_KIND_LABELS[value] })),
        }),
        field({ name: 'target', label: 'Incident number', control: 'text', required: true, hint: 'For example INC0000012.' }),
      ]
  }
}

/** What a dialog starts with: the first choice of each select, nothing typed. */
export function initialValues(action: DialogAction, incident: Incident, actor: Actor): FormValues {
  const values: FormValues = {}
  for (const spec of dialogFields(action, incident, actor)) {
    if (spec.control === 'checkbox') values[spec.name] = ''
    else if ((spec.control === 'select' || spec.control === 'radio') && spec.options?.length) values[spec.name] = spec.options[0]!.value
    else values[spec.name] = ''
  }
  if (action === 'escalate' && escalationLevels(incident.level).length === 0) values.kind = 'hierarchical'
  if (action === 'link') values.kind = 'related'
  return values
}

export type BuiltCommand = { ok: true; command: Command } | { ok: false; field: string | null; message: string }

/** The first required field left empty, with the sentence that says so. */
export function missingField(action: DialogAction, incident: Incident, actor: Actor, values: FormValues): { field: string; message: string } | null {
  for (const spec of dialogFields(action, incident, actor)) {
    if (!spec.shown(values) || !spec.required(values)) continue
    if ((values[spec.name] ?? '').trim() === '') {
      return {
        field: spec.name,
        message: spec.control === 'checkbox' ? `Tick “${spec.label}” to close the incident.` : `${spec.label} is required.`,
      }
    }
  }
  return null
}

/**
 * The command a filled dialog stands for. Required fields are checked here so the person hears
 * which one is missing; everything else (levels, states, roles) is the lifecycle's to refuse.
 * `targetIncidentId` is the link target the dialog resolved from the typed number.
 */
export function commandFor(
  action: DialogAction,
  incident: Incident,
  actor: Actor,
  values: FormValues,
  extra: { targetIncidentId?: string } = {},
): BuiltCommand {
  const missing = missingField(action, incident, actor, values)
  if (missing) return { ok: false, ...missing }
  const incidentId = incident.id
  const text = (name: string) => (values[name] ?? '').trim()
  switch (action) {
    case 'hold':
      return { ok: true, command: { action, incidentId, reason: values.reason as HoldReason, callerComment: text('callerComment') || null } }
    case 'escalate':
      if (values.kind === 'hierarchical') {
        return {
          ok: true,
          command: { action, incidentId, escalation: { kind: 'hierarchical', manager: text('manager'), trigger: values.trigger as HierarchicalTrigger, reason: text('reason') } },
        }
      }
      return {
        ok: true,
        command: {
          action,
          incidentId,
          escalation: { kind: 'functional', toLevel: Number(values.toLevel) as SupportLevel, toGroup: text('toGroup'), reason: text('reason') },
        },
      }
    case 'resolve':
      return { ok: true, command: { action, incidentId, resolutionCode: values.resolutionCode as ResolutionCode, resolutionNotes: text('resolutionNotes') } }
    case 'close':
      return { ok: true, command: { action, incidentId, cause: 'caller_confirmed' } }
    case 'reopen':
      return { ok: true, command: { action, incidentId, reason: text('reason') } }
    case 'cancel':
      return { ok: true, command: { action, incidentId, reason: values.reason as CancelReason, note: text('note') || null } }
    case 'declareMajor': {
      const manager = managerCandidates(incident, actor).find((person) => person.userId === values.incidentManager)
      if (!manager) return { ok: false, field: 'incidentManager', message: 'Choose the incident manager.' }
      const affectedServices = text('affectedServices')
        .split(',')
        .map((service) => service.trim())
        .filter((service) => service.length > 0)
      return { ok: true, command: { action, incidentId, incidentManager: manager, reason: text('reason'), affectedServices } }
    }
    case 'link':
      if (!extra.targetIncidentId) return { ok: false, field: 'target', message: `No incident numbered ${text('target')} on this desk.` }
      return { ok: true, command: { action, incidentId, kind: values.kind as LinkKind, targetIncidentId: extra.targetIncidentId } }
  }
}

/** Incident numbers are typed loosely ("inc12", " INC0000012 "); this is the stored form. */
export function normalizeIncidentNumber(typed: string): string {
  const trimmed = typed.trim().toUpperCase()
  const digits = /^(?:INC)?0*(\d{1,7})$/.exec(trimmed)
  return digits ? `INC${digits[1]!.padStart(7, '0')}` : trimmed
}
