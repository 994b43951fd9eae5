import type { RoutingRule } from '../automation/routing'
import type { PersonRef } from './roles'
import type { Impact, Urgency } from './priority'
import type { HierarchicalTrigger, SupportLevel } from './levels'
import type { DisclosureRegime, DisclosureTrigger } from '../security/disclosure'
import type { AttachmentDescriptor, Caller, ImportOrigin } from './incident'
import type { CancelReason, Channel, HoldReason, LinkKind, ResolutionCode } from './vocabulary'

/**
 * What a person asks the desk to do, one per ITIL workflow step. Commands are verbs; the
 * lifecycle turns an allowed command into past-tense events. Each payload carries exactly the
 * fields its step requires, so a resolve without a code does not compile.
 */
export type Command =
  | {
      action: 'log'
      incidentId: string
      number: string
      numberIsProvisional: boolean
      shortDescription: string
      description: string
      caller: Caller
      channel: Channel
      category?: string | null
      subcategory?: string | null
      service?: string | null
      configurationItem?: string | null
      location?: string | null
      impact: Impact
      urgency: Urgency
      assignmentGroup?: string | null
      /** The routing rule that chose the group, when one did (automation/routing.ts). */
      routedBy?: RoutingRule | null
      /** Set by a CSV import: the incident's number and timestamps in the tool it came from. */
      origin?: ImportOrigin | null
    }
  | {
      action: 'categorize'
      incidentId: string
      category: string
      subcategory?: string | null
      service?: string | null
      configurationItem?: string | null
    }
  | { action: 'prioritize'; incidentId: string; impact: Impact; urgency: Urgency }
  | { action: 'assign'; incidentId: string; assignmentGroup: string | null; assignee: PersonRef | null }
  | { action: 'acknowledge'; incidentId: string }
  | { action: 'addWorkNote'; incidentId: string; text: string }
  | { action: 'addCallerComment'; incidentId: string; text: string; direction: 'to_caller' | 'from_caller' }
  | { action: 'hold'; incidentId: string; reason: HoldReason; callerComment?: string | null }
  | { action: 'resume'; incidentId: string }
  | {
      action: 'escalate'
      incidentId: string
      escalation:
        | { kind: 'functional'; toLevel: SupportLevel; toGroup: string; reason: string }
        | { kind: 'hierarchical'; manager: string; trigger: HierarchicalTrigger; reason: string }
    }
  | { action: 'resolve'; incidentId: string; resolutionCode: ResolutionCode; resolutionNotes: string }
  | { action: 'close'; incidentId: string; cause: 'caller_confirmed' | 'auto_close' }
  | { action: 'reopen'; incidentId: string; reason: string }
  | { action: 'cancel'; incidentId: string; reason: CancelReason; note?: string | null }
  | {
      action: 'declareMajor'
      incidentId: string
      incidentManager: PersonRef
      reason: string
      affectedServices?: string[]
      /** Minutes between stakeholder updates; the domain default when omitted. */
      updateCadenceMinutes?: number
    }
  | { action: 'link'; incidentId: string; kind: LinkKind; targetIncidentId: string }
  | { action: 'editDetails'; incidentId: string; changes: DetailChanges }
  | { action: 'attach'; incidentId: string; attachment: AttachmentDescriptor }
  | { action: 'postMajorUpdate'; incidentId: string; text: string; audience: string; nextUpdateDueAt?: string | null }
  | {
      action: 'updateMajor'
      incidentId: string
      affectedServices?: string[]
      updateCadenceMinutes?: number
      incidentManager?: PersonRef
    }
  | {
      action: 'recordReview'
      incidentId: string
      summary: string
      rootCause: string
      lessonsLearned: string
      followUpActions: string[]
    }
  | { action: 'trackDisclosure'; incidentId: string; step: DisclosureStep }

/** The header fields a person edits in place; an edit carries only the fields it changes. */
export interface DetailFields {
  shortDescription: string
  description: string
  caller: Caller
  channel: Channel
  location: string | null
  service: string | null
  configurationItem: string | null
}
export type DetailChanges = Partial<DetailFields>
export const DETAIL_FIELDS = [
  'shortDescription',
  'description',
  'caller',
  'channel',
  'location',
  'service',
  'configurationItem',
] as const satisfies readonly (keyof DetailFields)[]

/** One step of a security incident's disclosure tracking. */
export type DisclosureStep =
  | { kind: 'regimes'; regimes: DisclosureRegime[] }
  | { kind: 'trigger'; trigger: DisclosureTrigger; occurredAt: string; note: string | null }
  | { kind: 'submitted'; deadlineId: string; submittedAt: string; reference: string | null }

export type Action = Command['action']
export type CommandOf<A extends Action> = Extract<Command, { action: A }>

/** Every action on an existing incident (logging creates one, so it is not in this list). */
export const INCIDENT_ACTIONS = [
  'categorize',
  'prioritize',
  'assign',
  'acknowledge',
  'addWorkNote',
  'addCallerComment',
  'hold',
  'resume',
  'escalate',
  'resolve',
  'close',
  'reopen',
  'cancel',
  'declareMajor',
  'link',
  'editDetails',
  'attach',
  'postMajorUpdate',
  'updateMajor',
  'recordReview',
  'trackDisclosure',
] as const satisfies readonly Exclude<Action, 'log'>[]
export type IncidentAction = (typeof INCIDENT_ACTIONS)[number]

export const ACTION_LABELS: Record<Action, string> = {
  log: 'Log incident',
  categorize: 'Categorize',
  prioritize: 'Prioritize',
  assign: 'Assign',
  acknowledge: 'Acknowledge',
  addWorkNote: 'Add work note',
  addCallerComment: 'Comment to caller',
  hold: 'Put on hold',
  resume: 'Resume',
  escalate: 'Escalate',
  resolve: 'Resolve',
  close: 'Close',
  reopen: 'Reopen',
  cancel: 'Cancel',
  declareMajor: 'Declare major incident',
  link: 'Link',
  editDetails: 'Edit details',
  attach: 'Attach file',
  postMajorUpdate: 'Post stakeholder update',
  updateMajor: 'Update major incident',
  recordReview: 'Record post-incident review',
  trackDisclosure: 'Track disclosure',
}
