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
} as const
