import { z } from 'zod'
import { ROLES } from '../incident/roles'
import { IMPACTS, PRIORITIES, URGENCIES } from '../incident/priority'
import { HIERARCHICAL_TRIGGERS, SUPPORT_LEVELS } from '../incident/levels'
import { DISCLOSURE_DEADLINES, DISCLOSURE_REGIMES, DISCLOSURE_TRIGGERS } from '../security/disclosure'
import { ROUTING_RULE_KINDS } from '../automation/routing'
import { CANCEL_REASONS, CHANNELS, HOLD_REASONS, LINK_KINDS } from '../incident/vocabulary'
import { ALERT_ACTIONS } from '../intake/alertActions'
import { EVENT_TYPES, IMPORTED_STEP_TYPES, MAIL_TEMPLATE_IDS, type EventPayloads, type EventType, type IncidentEvent } from './events'
import { ID_PATTERN, LIMITS } from './limits'
import { isHlc } from './hlc'

/**
 * Validation of everything that enters the event log, shared by the renderer (before a local
 * commit), the server (on every push) and imports. Messages are written for the person who
 * will read them in an error panel.
 */

function text(label: string, max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${label} is required.` : `${label} must be text.`) })
    .max(max, `${label} is too long (at most ${max} characters).`)
}

function requiredText(label: string, max: number) {
  return text(label, max).refine((value) => value.trim().length > 0, `${label} is required.`)
}

function optionalText(label: string, max: number) {
  return text(label, max).nullable()
}

function oneOf<T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, { error: `${label} must be one of: ${values.join(', ')}.` })
}

function numberIn<T extends readonly number[]>(label: string, values: T) {
  return z
    .number({ error: `${label} must be a number.` })
    .refine((value): value is T[number] => values.includes(value), `${label} must be one of ${values.join(', ')}.`)
}

/** A count another tool kept (reopens, reassignments): a whole number, bounded so a typo cannot pass for history. */
function count(label: string) {
  return z
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(0, `${label} cannot be negative.`)
    .max(10_000, `${label} is at most 10000.`)
}

const uuid = (label: string) => z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, `${label} must be a UUID.`)

export const personSchema = z.strictObject({
  userId: requiredText('User id', LIMITS.userId),
  displayName: requiredText('Name', LIMITS.name),
})

export const actorSchema = z.strictObject({
  userId: requiredText('User id', LIMITS.userId),
  displayName: requiredText('Name', LIMITS.name),
  role: oneOf('Role', ROLES),
})

const callerSchema = z.strictObject({
  name: requiredText('Caller', LIMITS.name),
  contact: text('Caller contact', LIMITS.contact).optional(),
  vip: z.boolean().optional(),
})

const instant = (label: string) => z.iso.datetime({ offset: true, error: `${label} must be an ISO 8601 date-time.` })

function list(label: string, max: number) {
  return z.array(requiredText(label, max), { error: `${label} must be a list.` }).max(LIMITS.listItems, `At most ${LIMITS.listItems} entries in ${label.toLowerCase()}.`)
}

const originSchema = z.strictObject({
  system: requiredText('Source system', LIMITS.label),
  number: requiredText('Original number', LIMITS.label),
  openedAt: instant('Original opened time'),
  closedAt: instant('Original closed time').nullable(),
  state: optionalText('Original state', LIMITS.label),
  resolvedAt: instant('Original resolved time').nullable().optional(),
  priority: numberIn('Original priority', PRIORITIES).nullable().optional(),
  reopenCount: count('Original reopen count').optional(),
  reassignmentCount: count('Original reassignment count').optional(),
})

const cadence = z
  .number({ error: 'Update cadence must be a number of minutes.' })
  .int('Update cadence must be whole minutes.')
  .min(5, 'Stakeholder updates can be due at most every 5 minutes.')
  .max(LIMITS.updateCadenceMinutes, `Update cadence is at most ${LIMITS.updateCadenceMinutes} minutes.`)

const DEADLINE_IDS = DISCLOSURE_DEADLINES.map((definition) => definition.id) as [string, ...string[]]

const impact = numberIn('Impact', IMPACTS)
const urgency = numberIn('Urgency', URGENCIES)
const level = numberIn('Support level', SUPPORT_LEVELS)

const detailChangesSchema = z.strictObject({
  shortDescription: requiredText('Short description', LIMITS.shortDescription).optional(),
  description: text('Description', LIMITS.description).optional(),
  caller: callerSchema.optional(),
  channel: oneOf('Channel', CHANNELS).optional(),
  location: optionalText('Location', LIMITS.name).optional(),
  service: optionalText('Service', LIMITS.name).optional(),
  configurationItem: optionalText('Configuration item', LIMITS.name).optional(),
})

const loggedSchema = z.strictObject({
  number: requiredText('Incident number', LIMITS.incidentNumber),
  numberIsProvisional: z.boolean(),
  shortDescription: requiredText('Short description', LIMITS.shortDescription),
  description: text('Description', LIMITS.description),
  caller: callerSchema,
  channel: oneOf('Channel', CHANNELS),
  category: optionalText('Category', LIMITS.label),
  subcategory: optionalText('Subcategory', LIMITS.label),
  service: optionalText('Service', LIMITS.name),
  configurationItem: optionalText('Configuration item', LIMITS.name),
  location: optionalText('Location', LIMITS.name),
  impact,
  urgency,
  priority: numberIn('Priority', PRIORITIES),
  level,
  assignmentGroup: optionalText('Assignment group', LIMITS.name),
  routedBy: z.strictObject({ kind: oneOf('Routing rule', ROUTING_RULE_KINDS), label: requiredText('Routing rule', LIMITS.name) }).optional(),
  origin: originSchema.nullable().optional(),
})

/**
 * An imported incident's steps (events.ts IncidentImported): each an event type a desk decides
 * after logging, with that type's own payload schema, and its own time.
 */
const importedStepSchema = z.strictObject({
  type: oneOf('Imported step', IMPORTED_STEP_TYPES),
  payload: z.unknown(),
  occurredAt: instant('Imported step time'),
})

const payloadSchemas = {
  IncidentLogged: loggedSchema,
  IncidentImported: z
    .strictObject({
      logged: loggedSchema,
      steps: z.array(importedStepSchema).max(LIMITS.importedSteps, `At most ${LIMITS.importedSteps} imported steps.`),
    })
    // Each step's payload by its own type's schema, and the parsed payload kept, as for an event.
    .transform((value, context) => ({
      ...value,
      steps: value.steps.map((step, index) => {
        const payload = validatePayload(step.type, step.payload)
        if (!payload.ok) context.addIssue({ code: 'custom', path: ['steps', index, 'payload'], message: payload.error })
        return payload.ok ? { ...step, payload: payload.value } : step
      }),
    })),
  IncidentCategorized: z.strictObject({
    category: requiredText('Category', LIMITS.label),
    subcategory: optionalText('Subcategory', LIMITS.label),
    service: optionalText('Service', LIMITS.name),
    configurationItem: optionalText('Configuration item', LIMITS.name),
  }),
  IncidentPrioritized: z.strictObject({ impact, urgency, priority: numberIn('Priority', PRIORITIES) }),
  IncidentAssigned: z.strictObject({
    assignmentGroup: optionalText('Assignment group', LIMITS.name),
    assignee: personSchema.nullable(),
  }),
  IncidentAcknowledged: z.strictObject({ assignee: personSchema }),
  WorkNoteAdded: z.strictObject({ text: requiredText('Work note', LIMITS.note) }),
  CallerCommentAdded: z.strictObject({
    text: requiredText('Comment', LIMITS.note),
    direction: oneOf('Comment direction', ['to_caller', 'from_caller'] as const),
  }),
  IncidentPutOnHold: z
    .strictObject({
      reason: oneOf('Hold reason', HOLD_REASONS),
      callerComment: optionalText('Comment to the caller', LIMITS.note),
    })
    .refine(
      (payload) => payload.reason !== 'awaiting_caller' || (payload.callerComment ?? '').trim().length > 0,
      { message: 'A comment to the caller is required when waiting on the caller.', path: ['callerComment'] },
    ),
  IncidentResumed: z.strictObject({ cause: oneOf('Resume cause', ['manual', 'caller_replied'] as const) }),
  IncidentEscalated: z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('functional'),
      fromLevel: level,
      toLevel: level,
      toGroup: requiredText('Assignment group', LIMITS.name),
      reason: requiredText('Escalation reason', LIMITS.reason),
    }),
    z.strictObject({
      kind: z.literal('hierarchical'),
      manager: requiredText('Manager', LIMITS.name),
      trigger: oneOf('Trigger', HIERARCHICAL_TRIGGERS),
      reason: requiredText('Escalation reason', LIMITS.reason),
    }),
  ]),
  IncidentResolved: z.strictObject({
    // A built-in code or one of the organization's own (config/resolutionCodes.ts): an id.
    resolutionCode: requiredText('Resolution code', LIMITS.label).regex(ID_PATTERN, 'Resolution code must be an id: lower-case letters, digits, "-" and "_".'),
    resolutionNotes: requiredText('Resolution notes', LIMITS.note),
    cascadedFrom: uuid('Parent incident').nullable(),
  }),
  IncidentClosed: z.strictObject({ cause: oneOf('Close cause', ['caller_confirmed', 'auto_close'] as const) }),
  IncidentReopened: z.strictObject({ reason: requiredText('Reopen reason', LIMITS.reason) }),
  IncidentCanceled: z.strictObject({
    reason: oneOf('Cancel reason', CANCEL_REASONS),
    note: optionalText('Cancel note', LIMITS.reason),
  }),
  MajorIncidentDeclared: z.strictObject({
    incidentManager: personSchema,
    reason: requiredText('Reason for declaring a major incident', LIMITS.reason),
    affectedServices: list('Affected services', LIMITS.name).optional(),
    updateCadenceMinutes: cadence.optional(),
    nextUpdateDueAt: instant('Next update due').nullable().optional(),
  }),
  IncidentLinked: z.strictObject({
    kind: oneOf('Link kind', LINK_KINDS),
    targetIncidentId: uuid('Linked incident'),
  }),
  IncidentNumbered: z.strictObject({ number: requiredText('Incident number', LIMITS.incidentNumber) }),
  IncidentDetailsEdited: z
    .strictObject({ changes: detailChangesSchema, previous: detailChangesSchema })
    .refine((payload) => Object.keys(payload.changes).length > 0, { message: 'An edit must change at least one field.', path: ['changes'] }),
  AttachmentAdded: z.strictObject({
    attachmentId: uuid('Attachment id'),
    name: requiredText('File name', LIMITS.name),
    mediaType: requiredText('File type', LIMITS.label),
    size: z
      .number({ error: 'File size must be a number.' })
      .int()
      .min(0)
      .max(LIMITS.attachmentBytes, `A file can be at most ${LIMITS.attachmentBytes / 1024 / 1024} MB.`),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'File hash must be a SHA-256 in lower-case hex.'),
  }),
  MajorIncidentUpdatePosted: z.strictObject({
    text: requiredText('Update', LIMITS.note),
    audience: requiredText('Audience', LIMITS.name),
    nextUpdateDueAt: instant('Next update due').nullable(),
  }),
  MajorIncidentDetailsUpdated: z
    .strictObject({
      affectedServices: list('Affected services', LIMITS.name).optional(),
      updateCadenceMinutes: cadence.optional(),
      incidentManager: personSchema.optional(),
    })
    .refine((payload) => Object.keys(payload).length > 0, 'An update must change something.'),
  PostIncidentReviewRecorded: z.strictObject({
    summary: requiredText('Summary', LIMITS.note),
    rootCause: requiredText('Root cause', LIMITS.note),
    lessonsLearned: text('Lessons learned', LIMITS.note),
    followUpActions: list('Follow-up actions', LIMITS.reason),
  }),
  DisclosureRegimesSet: z.strictObject({
    regimes: z.array(oneOf('Regime', DISCLOSURE_REGIMES)).max(DISCLOSURE_REGIMES.length),
  }),
  DisclosureTriggerRecorded: z.strictObject({
    trigger: oneOf('Trigger', DISCLOSURE_TRIGGERS),
    occurredAt: instant('When it happened'),
    note: optionalText('Note', LIMITS.reason),
  }),
  DisclosureSubmitted: z.strictObject({
    deadlineId: oneOf('Deadline', DEADLINE_IDS),
    submittedAt: instant('Submitted at'),
    reference: optionalText('Reference', LIMITS.label),
  }),
  AlertReceived: z.strictObject({
    source: requiredText('Alert source', LIMITS.label),
    sourceName: requiredText('Alert source name', LIMITS.name),
    dedupKey: requiredText('Alert key', LIMITS.alertKey),
    action: oneOf('Alert action', ALERT_ACTIONS),
    count: z.number().int().min(1, 'An alert event stands for at least one delivery.').max(1_000_000),
    summary: text('Alert summary', LIMITS.shortDescription),
    severity: optionalText('Alert severity', LIMITS.label),
    firstAt: instant('First delivery'),
    lastAt: instant('Last delivery'),
  }),
  AlertStormDetected: z.strictObject({
    source: requiredText('Alert source', LIMITS.label),
    sourceName: requiredText('Alert source name', LIMITS.name),
    service: requiredText('Service', LIMITS.name),
    alerts: z.number().int().min(2),
    windowMinutes: z.number().int().min(1),
  }),
  MailReceived: z.strictObject({
    messageId: requiredText('Message-ID', LIMITS.messageId),
    from: requiredText('Sender', LIMITS.contact),
    subject: text('Subject', LIMITS.shortDescription),
    autoReply: z.boolean(),
  }),
  MailSent: z.strictObject({
    messageId: requiredText('Message-ID', LIMITS.messageId),
    template: oneOf('Mail template', MAIL_TEMPLATE_IDS),
    to: z.array(requiredText('Recipient', LIMITS.contact)).min(1).max(LIMITS.recipients),
    subject: text('Subject', LIMITS.mailSubject),
    forEventId: uuid('Event'),
  }),
  MailFailed: z.strictObject({
    template: oneOf('Mail template', MAIL_TEMPLATE_IDS),
    to: z.array(requiredText('Recipient', LIMITS.contact)).min(1).max(LIMITS.recipients),
    subject: text('Subject', LIMITS.mailSubject),
    forEventId: uuid('Event'),
    error: requiredText('Error', LIMITS.reason),
    attempts: z.number().int().min(1),
    gaveUp: z.boolean(),
  }),
} satisfies { [T in EventType]: z.ZodType }

const envelopeSchema = z.strictObject({
  id: uuid('Event id'),
  incidentId: uuid('Incident id'),
  type: oneOf('Event type', EVENT_TYPES),
  payload: z.unknown(),
  actor: actorSchema,
  deviceId: requiredText('Device id', LIMITS.deviceId),
  hlc: z.string().refine(isHlc, 'Clock must be a hybrid logical clock value.'),
  occurredAt: z.iso.datetime({ offset: true, error: 'Time must be an ISO 8601 date-time.' }),
  schemaVersion: z.number().int().min(1).max(1),
})

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; error: string }

/** Readable one-line summary of a zod error: "caller.name: Caller is required." */
export function describeZodError(error: z.ZodError, prefix = ''): string {
  return error.issues
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.')
      return path ? `${path}: ${issue.message}` : issue.message
    })
    .join(' ')
}

/** `prefix` names where the payload sits (`payload` inside an event), so every issue's path starts there. */
export function validatePayload<T extends EventType>(type: T, payload: unknown, prefix = ''): ValidationResult<EventPayloads[T]> {
  const result = payloadSchemas[type].safeParse(payload)
  if (!result.success) return { ok: false, error: describeZodError(result.error, prefix) }
  return { ok: true, value: result.data as EventPayloads[T] }
}

/**
 * Checks an event's envelope alone (id, actor, device, clock, time), for an event whose payload
 * the lifecycle has just validated (`decide` runs validatePayload on every draft): the desk's
 * own commits and imports, where a second pass over the payload was most of the stamping's cost.
 */
export function validateEnvelope(input: unknown): ValidationResult<unknown> {
  const envelope = envelopeSchema.safeParse(input)
  return envelope.success ? { ok: true, value: envelope.data } : { ok: false, error: describeZodError(envelope.error) }
}

/** Checks a whole event (envelope and payload) as it arrives from another device or a file. */
export function validateEvent(input: unknown): ValidationResult<IncidentEvent> {
  const envelope = envelopeSchema.safeParse(input)
  if (!envelope.success) return { ok: false, error: describeZodError(envelope.error) }
  // Prefixing each issue (not the joined text) keeps every path whole: "payload.caller.name: …",
  // and "payload: Unrecognized key …" rather than "payload.Unrecognized key …".
  const payload = validatePayload(envelope.data.type, envelope.data.payload, 'payload')
  if (!payload.ok) return { ok: false, error: payload.error }
  return { ok: true, value: { ...envelope.data, payload: payload.value } as IncidentEvent }
}
