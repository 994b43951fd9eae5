import { z } from 'zod'
import { LIMITS } from '../../src-shared/events/limits'
import type { IncidentAction } from '../../src-shared/incident/commands'
import { HIERARCHICAL_TRIGGERS } from '../../src-shared/incident/levels'
import { DISCLOSURE_REGIMES, DISCLOSURE_TRIGGERS } from '../../src-shared/security/disclosure'
import { CANCEL_REASONS, CHANNELS, HOLD_REASONS, LINK_KINDS } from '../../src-shared/incident/vocabulary'

/**
 * The body of each lifecycle action of the public API: the command's own fields, as the desk's
 * forms send them to the shared `decide`. Shapes only (types, bounds): whether the action is
 * allowed, and what a field's value must be, is the shared rules' to say. These schemas are the
 * requests' validation and, through the OpenAPI document, their documentation.
 */
const text = (max: number) => z.string().max(max)
const person = z.strictObject({ userId: z.string().min(1).max(LIMITS.userId), displayName: z.string().min(1).max(LIMITS.name) })
const level = z.union([z.literal(1), z.literal(2), z.literal(3)])
const oneTo3 = z.union([z.literal(1), z.literal(2), z.literal(3)])

export const callerSchema = z.strictObject({ name: text(LIMITS.name).min(1), contact: text(LIMITS.contact).optional(), vip: z.boolean().optional() })

export const createIncidentSchema = z.strictObject({
  shortDescription: text(LIMITS.shortDescription).min(1),
  description: text(LIMITS.description).optional(),
  caller: callerSchema,
  channel: z.enum(CHANNELS).optional(),
  category: text(LIMITS.label).nullable().optional(),
  subcategory: text(LIMITS.label).nullable().optional(),
  service: text(LIMITS.name).nullable().optional(),
  configurationItem: text(LIMITS.name).nullable().optional(),
  location: text(LIMITS.name).nullable().optional(),
  impact: oneTo3,
  urgency: oneTo3,
  /** Omitted: the organization's routing rules choose, as on the desk's log form. */
  assignmentGroup: text(LIMITS.name).nullable().optional(),
})

export const editDetailsSchema = z.strictObject({
  shortDescription: text(LIMITS.shortDescription).min(1).optional(),
  description: text(LIMITS.description).optional(),
  caller: callerSchema.optional(),
  channel: z.enum(CHANNELS).optional(),
  location: text(LIMITS.name).nullable().optional(),
  service: text(LIMITS.name).nullable().optional(),
  configurationItem: text(LIMITS.name).nullable().optional(),
})

/** Every action a desk can take on an incident but attaching a file (the bytes go through the sync API's attachments). */
export const ACTION_BODIES = {
  categorize: z.strictObject({ category: text(LIMITS.label).min(1), subcategory: text(LIMITS.label).nullable().optional(), service: text(LIMITS.name).nullable().optional(), configurationItem: text(LIMITS.name).nullable().optional() }),
  prioritize: z.strictObject({ impact: oneTo3, urgency: oneTo3 }),
  assign: z.strictObject({ assignmentGroup: text(LIMITS.name).nullable(), assignee: person.nullable() }),
  acknowledge: z.strictObject({}),
  addWorkNote: z.strictObject({ text: text(LIMITS.note).min(1) }),
  addCallerComment: z.strictObject({ text: text(LIMITS.note).min(1), direction: z.enum(['to_caller', 'from_caller']) }),
  hold: z.strictObject({ reason: z.enum(HOLD_REASONS), callerComment: text(LIMITS.note).nullable().optional() }),
  resume: z.strictObject({}),
  escalate: z.strictObject({
    escalation: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('functional'), toLevel: level, toGroup: text(LIMITS.name).min(1), reason: text(LIMITS.reason).min(1) }),
      z.strictObject({ kind: z.literal('hierarchical'), manager: text(LIMITS.name).min(1), trigger: z.enum(HIERARCHICAL_TRIGGERS), reason: text(LIMITS.reason).min(1) }),
    ]),
  }),
  resolve: z.strictObject({ resolutionCode: text(LIMITS.label).min(1), resolutionNotes: text(LIMITS.note).min(1) }),
  // Auto-close is the server's own rule; through the API a close is the caller's confirmation.
  close: z.strictObject({ cause: z.literal('caller_confirmed') }),
  reopen: z.strictObject({ reason: text(LIMITS.reason).min(1) }),
  cancel: z.strictObject({ reason: z.enum(CANCEL_REASONS), note: text(LIMITS.reason).nullable().optional() }),
  declareMajor: z.strictObject({
    incidentManager: person,
    reason: text(LIMITS.reason).min(1),
    affectedServices: z.array(text(LIMITS.name)).max(LIMITS.listItems).optional(),
    updateCadenceMinutes: z.number().int().min(5).max(LIMITS.updateCadenceMinutes).optional(),
  }),
  link: z.strictObject({ kind: z.enum(LINK_KINDS), targetIncidentId: z.uuid() }),
  postMajorUpdate: z.strictObject({ text: text(LIMITS.note).min(1), audience: text(LIMITS.name).min(1), nextUpdateDueAt: z.iso.datetime({ offset: true }).nullable().optional() }),
  updateMajor: z.strictObject({
    affectedServices: z.array(text(LIMITS.name)).max(LIMITS.listItems).optional(),
    updateCadenceMinutes: z.number().int().min(5).max(LIMITS.updateCadenceMinutes).optional(),
    incidentManager: person.optional(),
  }),
  recordReview: z.strictObject({ summary: text(LIMITS.note).min(1), rootCause: text(LIMITS.note).min(1), lessonsLearned: text(LIMITS.note), followUpActions: z.array(text(LIMITS.reason)).max(LIMITS.listItems) }),
  trackDisclosure: z.strictObject({
    step: z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('regimes'), regimes: z.array(z.enum(DISCLOSURE_REGIMES)).max(DISCLOSURE_REGIMES.length) }),
      z.strictObject({ kind: z.literal('trigger'), trigger: z.enum(DISCLOSURE_TRIGGERS), occurredAt: z.iso.datetime({ offset: true }), note: text(LIMITS.reason).nullable() }),
      z.strictObject({ kind: z.literal('submitted'), deadlineId: z.string().max(LIMITS.label), submittedAt: z.iso.datetime({ offset: true }), reference: text(LIMITS.label).nullable() }),
    ]),
  }),
} satisfies Partial<Record<IncidentAction, z.ZodType>>

export type ApiAction = keyof typeof ACTION_BODIES
