import { z } from 'zod'
import { IMPACTS, URGENCIES, type Impact, type Urgency } from '../incident/priority'
import { describeZodError, type ValidationResult } from '../events/schemas'
import { ID_PATTERN, LIMITS } from '../events/limits'

/**
 * Monitoring alerts (issue: intake): what a monitoring source may tell the desk about one alert,
 * and the rules an admin sets per source for turning its alerts into incidents. Shared, so the
 * server applies them and the desk's administration checks an edit with the same schema.
 */

export { ALERT_ACTIONS, type AlertAction } from './alertActions'

export interface SeverityMapping {
  impact: Impact
  urgency: Urgency
}

export interface AlertCorrelation {
  /** Alerts on one service within this many minutes of its first become children of the first's incident. */
  windowMinutes: number
  /** This many alerts on one service inside the window propose a major incident (once per window). */
  stormThreshold: number
}

export interface AlertSourceRules {
  /** Severity, lower-cased as the source spells it ("critical", "warning"…), to impact and urgency. */
  severities: Record<string, SeverityMapping>
  /** For an alert without a severity, or with one the table does not name. */
  otherSeverity: SeverityMapping
  /** A recovery from the source resolves its incident (never a major incident: that is its manager's call). */
  resolveOnRecovery: boolean
  /** The resolution code such a resolution carries. */
  resolutionCode: string
  /** Null: every alert is its own incident. */
  correlation: AlertCorrelation | null
  /** The Alertmanager label that names the service (`service` unless the source labels it otherwise). */
  serviceLabel: string
  /** The category new incidents from this source are filed under; none leaves them for triage. */
  category: string | null
}

export const DEFAULT_ALERT_SOURCE_RULES: AlertSourceRules = {
  severities: {
    critical: { impact: 1, urgency: 1 },
    error: { impact: 2, urgency: 1 },
    warning: { impact: 2, urgency: 2 },
    info: { impact: 3, urgency: 3 },
  },
  otherSeverity: { impact: 2, urgency: 2 },
  resolveOnRecovery: true,
  resolutionCode: 'solution_provided',
  correlation: { windowMinutes: 10, stormThreshold: 20 },
  serviceLabel: 'service',
  category: null,
}

/** Bounds of a source's rules: a severity table is a handful of words, not a document. */
export const ALERT_RULE_LIMITS = { severities: 50, windowMinutes: 24 * 60, stormThreshold: 100_000 } as const

const mapping = z.strictObject({
  impact: z.union(IMPACTS.map((value) => z.literal(value)), { error: 'Impact must be 1, 2 or 3.' }),
  urgency: z.union(URGENCIES.map((value) => z.literal(value)), { error: 'Urgency must be 1, 2 or 3.' }),
})

export const alertSourceRulesSchema = z.strictObject({
  severities: z
    .record(z.string().min(1).max(LIMITS.label), mapping)
    .refine((table) => Object.keys(table).length <= ALERT_RULE_LIMITS.severities, `At most ${ALERT_RULE_LIMITS.severities} severities.`),
  otherSeverity: mapping,
  resolveOnRecovery: z.boolean(),
  resolutionCode: z.string().regex(ID_PATTERN, 'A resolution code is an id: lower-case letters, digits, - and _.').max(LIMITS.label),
  correlation: z
    .strictObject({
      windowMinutes: z.number().int().min(1, 'The correlation window is at least 1 minute.').max(ALERT_RULE_LIMITS.windowMinutes, 'The correlation window is at most a day.'),
      stormThreshold: z.number().int().min(2, 'A storm is at least 2 alerts.').max(ALERT_RULE_LIMITS.stormThreshold),
    })
    .nullable(),
  serviceLabel: z.string().min(1).max(LIMITS.label),
  category: z.string().regex(ID_PATTERN, 'A category is an id: lower-case letters, digits, - and _.').max(LIMITS.label).nullable(),
})

export function validateAlertSourceRules(input: unknown): ValidationResult<AlertSourceRules> {
  const result = alertSourceRulesSchema.safeParse(input)
  if (!result.success) return { ok: false, error: describeZodError(result.error) }
  // Severities are matched without regard to case ("CRITICAL" from one tool, "critical" from another).
  const severities = Object.fromEntries(Object.entries(result.data.severities).map(([name, value]) => [name.trim().toLowerCase(), value]))
  return { ok: true, value: { ...result.data, severities } as AlertSourceRules }
}

/** Impact and urgency of a new incident from an alert of this severity. */
export function severityMapping(rules: AlertSourceRules, severity: string | null): SeverityMapping {
  if (severity === null) return rules.otherSeverity
  return rules.severities[severity.trim().toLowerCase()] ?? rules.otherSeverity
}

/** A source's id is its URL segment: `/api/v1/intake/alerts/<id>`. */
export const SOURCE_ID_PATTERN = ID_PATTERN
