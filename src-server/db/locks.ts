/**
 * Keys of the transaction-scoped advisory locks (pg_advisory_xact_lock) the server takes. They
 * are what make several server instances on one PostgreSQL safe without any in-memory
 * coordination. Arbitrary constants, distinct from each other; never reuse one for another purpose.
 */
export const LOCKS = {
  /** Held while migrations run, so two instances starting at once migrate once. */
  migrations: 72_640_001,
  /** Held by every push from its first read to its commit: see sync/eventLog.ts for why. */
  appendEvents: 72_640_002,
  /** Held while creating the first admin, so two first starts create one. */
  initialAdmin: 72_640_003,
  /** Held by every configuration change from its read of the current configuration to its commit (orgConfig/configLog.ts). */
  configChanges: 72_640_004,
  /** Held while the outbound fan-out reads the log after its cursor and queues deliveries (outbound/fanOut.ts). */
  outboundFanOut: 72_640_005,
  /** Held while notifications are queued from the log after the mail cursor (mail/outbox.ts). */
  mailFanOut: 72_640_006,
} as const
