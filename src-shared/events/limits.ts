/**
 * Field size limits. Every text that enters the log is bounded: an event is synced to every
 * desk and kept forever, so one pasted log file must not bloat fifty machines.
 */
export const LIMITS = {
  shortDescription: 160,
  description: 10_000,
  note: 20_000,
  reason: 2_000,
  name: 200,
  contact: 200,
  label: 100,
  userId: 100,
  deviceId: 64,
  incidentNumber: 32,
  /** A monitoring alert's deduplication key (Alertmanager's fingerprint is 16 hex digits; others send longer). */
  alertKey: 200,
  /** An e-mail's Message-ID (RFC 5322 puts no bound on it; 998 is a line's). */
  messageId: 998,
  mailSubject: 998,
  /** Addresses one notification goes to (a stakeholder list). */
  recipients: 500,
  /** Affected services of a major incident, follow-up actions of a review. */
  listItems: 50,
  /** Bytes of one attachment (photos from a phone camera fit; a disk image does not). */
  attachmentBytes: 10 * 1024 * 1024,
  /** Attachments on one incident. */
  attachmentsPerIncident: 20,
  /** Steps packed into one imported incident's event (importedEvents.ts): an import writes at most ~8; unfolded ids have two digits. */
  importedSteps: 99,
  /** Minutes between major-incident stakeholder updates. */
  updateCadenceMinutes: 24 * 60,
} as const

/** A configuration id (category, service, resolution code…): lower-case letters, digits, `-` and `_`; safe in CSV, URLs and index keys. */
export const ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/
