import { createHash } from 'node:crypto'
import { z } from 'zod'
import { describeZodError } from '../../src-shared/events/schemas'
import { LIMITS } from '../../src-shared/events/limits'
import { oneLine } from '../inboundText'
import { ALERT_ACTIONS, type AlertAction, type AlertSourceRules } from '../../src-shared/intake/alertRules'

/**
 * The two alert formats the intake reads, turned into one shape:
 *
 * - Prometheus Alertmanager's webhook (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config):
 *   `{ version: "4", status, alerts: [{ status, labels, annotations, startsAt, endsAt, fingerprint }], … }`.
 *   Grafana's webhook contact point sends the same shape with fields of its own (orgId, values,
 *   silenceURL…), which are ignored. Each alert in the group is one delivery; its fingerprint is
 *   its key (older Alertmanagers omit it: the key is then a hash of its labels, as Alertmanager
 *   computes its own from them).
 * - A generic JSON event, for tools that can post a template:
 *   `{ action: "trigger" | "acknowledge" | "resolve", dedupKey, summary, severity?, service?, details?, eventId? }`.
 *   `eventId` is the sender's idempotency key: a retried delivery is answered, not counted again.
 */
export interface IncomingAlert {
  action: AlertAction
  dedupKey: string
  /** One line for the incident's short description and the timeline. */
  summary: string
  /** Everything else the source said, as text for the incident's description. */
  description: string
  severity: string | null
  /** A generic event's service; an Alertmanager alert names it by a label (see {@link serviceOf}). */
  service: string | null
  /** An Alertmanager alert's labels (the group's common ones included); null for a generic event. */
  labels: Record<string, string> | null
  deliveryId: string | null
}

/** The service an alert is on: the source's service label of an Alertmanager alert, a generic event's `service`. */
export function serviceOf(alert: IncomingAlert, rules: Pick<AlertSourceRules, 'serviceLabel'>): string | null {
  return alert.labels ? blankToNull(alert.labels[rules.serviceLabel]) : alert.service
}

/** Alerts in one request: Alertmanager groups rarely hold more; a larger group is truncated by Alertmanager itself (`truncatedAlerts`). */
export const MAX_ALERTS_PER_REQUEST = 1_000

const labelMap = z.record(z.string(), z.string(), { error: 'Labels and annotations are objects of text values.' })

const alertmanagerSchema = z.object({
  version: z.string().optional(),
  status: z.enum(['firing', 'resolved'], { error: 'status must be "firing" or "resolved".' }).optional(),
  receiver: z.string().optional(),
  groupLabels: labelMap.optional(),
  commonLabels: labelMap.optional(),
  commonAnnotations: labelMap.optional(),
  externalURL: z.string().optional(),
  truncatedAlerts: z.number().optional(),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved'], { error: 'Each alert\'s status must be "firing" or "resolved".' }),
        labels: labelMap,
        annotations: labelMap.optional(),
        startsAt: z.string().optional(),
        endsAt: z.string().optional(),
        generatorURL: z.string().optional(),
        fingerprint: z.string().max(LIMITS.alertKey).optional(),
      }),
      { error: 'alerts must be a list.' },
    )
    .min(1, 'The payload holds no alert.')
    .max(MAX_ALERTS_PER_REQUEST, `At most ${MAX_ALERTS_PER_REQUEST} alerts per request.`),
})

const genericSchema = z.strictObject({
  action: z.enum(ALERT_ACTIONS, { error: 'action must be "trigger", "acknowledge" or "resolve".' }),
  dedupKey: z.string({ error: 'dedupKey is required: the key that makes repeats of one alert one incident.' }).trim().min(1, 'dedupKey is required.').max(LIMITS.alertKey, `dedupKey is at most ${LIMITS.alertKey} characters.`),
  summary: z.string().max(1_000, 'summary is at most 1,000 characters.').optional(),
  severity: z.string().max(LIMITS.label, `severity is at most ${LIMITS.label} characters.`).nullable().optional(),
  service: z.string().max(LIMITS.name, `service is at most ${LIMITS.name} characters.`).nullable().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  eventId: z.string().min(1).max(LIMITS.alertKey, `eventId is at most ${LIMITS.alertKey} characters.`).optional(),
})

export type ParsedAlerts = { ok: true; format: 'alertmanager' | 'generic'; alerts: IncomingAlert[] } | { ok: false; error: string }

/** Reads a request body as either format; a body that is neither gets the reasons it is not. */
export function parseAlerts(body: unknown): ParsedAlerts {
  if (body !== null && typeof body === 'object' && 'alerts' in body) {
    const parsed = alertmanagerSchema.safeParse(body)
    if (!parsed.success) return { ok: false, error: `Not a valid Alertmanager webhook payload: ${describeZodError(parsed.error)}` }
    return { ok: true, format: 'alertmanager', alerts: parsed.data.alerts.map((alert) => fromAlertmanager(alert, parsed.data)) }
  }
  const parsed = genericSchema.safeParse(body)
  if (!parsed.success) return { ok: false, error: `Not a valid alert event: ${describeZodError(parsed.error)}` }
  const event = parsed.data
  if (event.action === 'trigger' && !event.summary?.trim()) return { ok: false, error: 'Not a valid alert event: summary is required for a trigger.' }
  return {
    ok: true,
    format: 'generic',
    alerts: [
      {
        action: event.action,
        dedupKey: event.dedupKey,
        summary: oneLine(event.summary ?? ''),
        description: describeFields({ summary: event.summary, ...(event.details ?? {}) }),
        severity: blankToNull(event.severity),
        service: blankToNull(event.service),
        labels: null,
        deliveryId: event.eventId ?? null,
      },
    ],
  }
}

type AlertmanagerPayload = z.infer<typeof alertmanagerSchema>
type AlertmanagerAlert = AlertmanagerPayload['alerts'][number]

function fromAlertmanager(alert: AlertmanagerAlert, group: AlertmanagerPayload): IncomingAlert {
  const labels = { ...group.commonLabels, ...alert.labels }
  const annotations = { ...group.commonAnnotations, ...alert.annotations }
  const summary = annotations.summary ?? annotations.description ?? labels.alertname ?? 'Alert'
  return {
    action: alert.status === 'firing' ? 'trigger' : 'resolve',
    dedupKey: alert.fingerprint?.trim() || labelsFingerprint(alert.labels),
    summary: oneLine(summary),
    description: describeFields({ ...annotations, ...labels, startsAt: alert.startsAt, generatorURL: alert.generatorURL }),
    severity: blankToNull(labels.severity),
    service: null,
    labels,
    // Alertmanager re-sends a firing alert every repeat_interval: each is an occurrence.
    deliveryId: null,
  }
}

/** A stable key from an alert's labels, whatever their order: the same alert, the same key. */
function labelsFingerprint(labels: Record<string, string>): string {
  const canonical = Object.keys(labels)
    .sort()
    .map((name) => `${name}\u0000${labels[name]}`)
    .join('\u0001')
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16)
}


function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim()
  return trimmed ? trimmed : null
}

/** `name: value` lines, values that are not text as JSON, bounded like any description. */
function describeFields(fields: Record<string, unknown>): string {
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
  const text = lines.join('\n')
  return text.length <= LIMITS.description ? text : `${text.slice(0, LIMITS.description - 1)}…`
}
