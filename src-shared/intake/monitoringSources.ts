import type { AlertSourceRules } from './alertRules'

/**
 * A monitoring source as an admin manages it (server: src-server/intake/sources.ts; desk:
 * Administration → Monitoring). Its key is never part of it: the server shows a key once, when it
 * issues one ({@link IssuedSourceKey}), and keeps only its hash.
 */
export interface MonitoringSource {
  /** Its URL segment: alerts go to `/api/v1/intake/alerts/<id>`. */
  id: string
  name: string
  rules: AlertSourceRules
  /** Whether a key is live, and its last four characters to tell keys apart. */
  hasKey: boolean
  keyHint: string | null
  keyIssuedAt: string | null
  createdAt: string
}

export interface IssuedSourceKey {
  source: MonitoringSource
  /** Shown once: the sender's bearer token. */
  key: string
}

export interface CreateSourceRequest {
  id: string
  name: string
  rules?: AlertSourceRules
}

export interface UpdateSourceRequest {
  name?: string
  rules?: AlertSourceRules
}

/** The path under a sync server's address where a source posts its alerts. */
export function alertIntakePath(sourceId: string): string {
  return `/api/v1/intake/alerts/${encodeURIComponent(sourceId)}`
}
