/**
 * The one seam between the server and its database. Two adapters implement it with the same
 * SQL: embedded PGlite (a data directory, the default) and PostgreSQL (`DATABASE_URL`), so the
 * server code never knows which one it runs on.
 */
export interface Queryable {
  /** One statement with `$1…` parameters; rows come back as plain objects. */
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>
}

export interface TransactionOptions {
  /**
   * Take this transaction-scoped advisory lock (pg_advisory_xact_lock) first, held to the end.
   * On PostgreSQL it goes in the same round trip as BEGIN: on the append path, where every
   * round trip is spent holding the lock, that one is worth saving.
   */
  advisoryLock?: number
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres'
  /**
   * Runs `work` in one transaction on one connection: committed when it resolves, rolled back
   * when it throws. Inside, use only `tx`: on PGlite a query on the database itself would wait
   * for this very transaction to finish.
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>
  close(): Promise<void>
}

/** PostgreSQL's error codes the server reacts to (https://www.postgresql.org/docs/15/errcodes-appendix.html). */
export const PG_UNIQUE_VIOLATION = '23505'

export function isDatabaseError(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}

/** int8 columns arrive as strings from `pg` and as numbers from PGlite; seqs stay far below 2^53. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value
  if (typeof value === 'string' || typeof value === 'bigint') return Number(value)
  throw new TypeError(`Expected a number from the database, got ${typeof value}.`)
}

export function toNullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : toNumber(value)
}

export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'string') return new Date(value).toISOString()
  throw new TypeError(`Expected a timestamp from the database, got ${typeof value}.`)
}
