import type { ScryptCost } from './accounts/passwords'
import type { LoginLimits } from './auth/loginLimit'
import type { Database } from './db/database'
import type { MailSettings } from './mail/settings'
import type { AppendSignal } from './sync/appendSignal'
import type { EventAppender } from './sync/appender'

/**
 * What every route plugin works with, handed to each explicitly as plugin options (no
 * module-level state, nothing hidden in decorators). All state that matters lives in the
 * database, so any number of instances can serve the same desks.
 */
export interface ServerContext {
  database: Database
  /** Appends pushes to the event log, several per transaction under load (sync/appender.ts). */
  appender: EventAppender
  /** Told after every append this instance commits (appender, alert intake). */
  appended: AppendSignal
  /** The server's clock; tests pass a controllable one (token expiry, rate-limit windows). */
  now: () => Date
  tokenTtlMs: number
  loginLimits: LoginLimits
  /** Mail in and out; null when not configured (no notifications, no listener). */
  mail: MailSettings | null
  /** Lower only in tests, where hashing at full cost would dominate the run time. */
  scryptCost?: ScryptCost | undefined
}
