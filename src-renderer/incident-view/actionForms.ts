import type { Command, IncidentAction } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { HIERARCHICAL_TRIGGERS, SUPPORT_LEVELS, type HierarchicalTrigger, type SupportLevel } from '../../src-shared/incident/levels'
import type { Actor, PersonRef } from '../../src-shared/incident/roles'
import {
  CANCEL_REASONS,
  HOLD_REASONS,
  LINK_KINDS,
  type CancelReason,
  type HoldReason,
  type LinkKind,
  type ResolutionCode,
} from '../../src-shared/incident/vocabulary'
import { t } from '../i18n/activeLanguage'
import { resolutionCodeChoices } from '../config/resolutionCodeNames'

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
        field({ name: 'reason', label: t('field.reason'), control: 'select', required: true, options: HOLD_REASONS.map((value) => ({ value, label: t(`hold.${value}`) })) }),
        field({
          name: 'callerComment',
          label: t('field.callerComment'),
          control: 'textarea',
          required: (values) => values.reason === 'awaiting_caller',
          hint: t('field.callerComment.hint'),
        }),
      ]
    case 'escalate': {
      const levels = escalationLevels(incident.level)
      return [
        field({
          name: 'kind',
          label: t('field.kind'),
          control: 'radio',
          required: true,
          options: [
            { value: 'functional', label: t('field.kind.functional') },
            { value: 'hierarchical', label: t('field.kind.hierarchical') },
          ],
        }),
        field({
          name: 'toLevel',
          label: t('field.toLevel'),
          control: 'select',
          required: isFunctional,
          shown: isFunctional,
          options: levels.map((level) => ({ value: String(level), label: t(`level.${level}`) })),
          hint: levels.length === 0 ? t('field.toLevel.top', { level: t(`level.${incident.level}`) }) : undefined,
        }),
        field({ name: 'toGroup', label: t('field.group'), control: 'text', required: isFunctional, shown: isFunctional }),
        field({ name: 'manager', label: t('field.manager'), control: 'text', required: isHierarchical, shown: isHierarchical }),
        field({
          name: 'trigger',
          label: t('field.trigger'),
          control: 'select',
          required: isHierarchical,
          shown: isHierarchical,
          options: HIERARCHICAL_TRIGGERS.map((value) => ({ value, label: t(`trigger.${value}`) })),
        }),
        field({ name: 'reason', label: t('field.reason'), control: 'textarea', required: true, hint: t('field.reason.hint') }),
      ]
    }
    case 'resolve':
      return [
        field({
          name: 'resolutionCode',
          label: t('field.resolutionCode'),
          control: 'select',
          required: true,
          options: resolutionCodeChoices(),
        }),
        field({ name: 'resolutionNotes', label: t('field.resolutionNotes'), control: 'textarea', required: true }),
      ]
    case 'close':
      return [field({ name: 'callerConfirmed', label: t('field.callerConfirmed'), control: 'checkbox', required: true })]
    case 'reopen':
      return [field({ name: 'reason', label: t('field.reopenReason'), control: 'textarea', required: true })]
    case 'cancel':
      return [
        field({ name: 'reason', label: t('field.reason'), control: 'select', required: true, options: CANCEL_REASONS.map((value) => ({ value, label: t(`cancel.${value}`) })) }),
        field({ name: 'note', label: t('field.note'), control: 'textarea' }),
      ]
    case 'declareMajor':
      return [
        field({
          name: 'incidentManager',
          label: t('field.incidentManager'),
          control: 'select',
          required: true,
          options: managerCandidates(incident, actor).map((person) => ({ value: person.userId, label: person.displayName })),
        }),
        field({ name: 'reason', label: t('field.majorReason'), control: 'textarea', required: true }),
        field({ name: 'affectedServices', label: t('field.affectedServices'), control: 'text', hint: t('field.affectedServices.hint') }),
      ]
    case 'link':
      return [
        field({
          name: 'kind',
          label: t('field.linkKind'),
          control: 'select',
          required: true,
          options: LINK_KINDS.map((value) => ({ value, label: t(`linkSide.${value}`) })),
        }),
        field({ name: 'target', label: t('field.target'), control: 'text', required: true, hint: t('field.target.hint') }),
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
        message: spec.control === 'checkbox' ? t('dialog.tick', { label: spec.label }) : t('dialog.required', { label: spec.label }),
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
      if (!manager) return { ok: false, field: 'incidentManager', message: t('dialog.chooseManager') }
      const affectedServices = text('affectedServices')
        .split(',')
        .map((service) => service.trim())
        .filter((service) => service.length > 0)
      return { ok: true, command: { action, incidentId, incidentManager: manager, reason: text('reason'), affectedServices } }
    }
    case 'link':
      if (!extra.targetIncidentId) return { ok: false, field: 'target', message: t('dialog.noSuchNumber', { number: text('target') }) }
      return { ok: true, command: { action, incidentId, kind: values.kind as LinkKind, targetIncidentId: extra.targetIncidentId } }
  }
}

/** Incident numbers are typed loosely ("inc12", " INC0000012 "); this is the stored form. */
export function normalizeIncidentNumber(typed: string): string {
  const trimmed = typed.trim().toUpperCase()
  const digits = /^(?:INC)?0*(\d{1,7})$/.exec(trimmed)
  return digits ? `INC${digits[1]!.padStart(7, '0')}` : trimmed
}
