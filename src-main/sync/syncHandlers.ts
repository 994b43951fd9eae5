import { Buffer } from 'node:buffer'
import { z } from 'zod'
import { RENDERER_SYNC_TRIGGERS } from '../../src-shared/ipc/contract'
import { pushRequestSchema, SYNC_LIMITS } from '../../src-shared/sync/protocol'
import { SYNC_ROUND_OUTCOMES, type SyncScheduler } from '../../src-shared/sync/schedule'
import type { MainApiHandlers } from '../ipc/channelHandler'
import { identifierArgument, parseArgumentsWith } from './ipcArguments'
import type { ServerConnection } from './serverConnection'

type SyncChannel =
  | 'sync.push'
  | 'sync.pull'
  | 'sync.snapshot'
  | 'sync.incidentEvents'
  | 'sync.config'
  | 'sync.request'
  | 'sync.reportProgress'
  | 'sync.reportResult'

export interface SyncHandlerOptions {
  connection: ServerConnection
  scheduler: Pick<SyncScheduler, 'trigger' | 'roundFinished' | 'roundProgressed'>
  /** Shows a long round's progress (0..1) on the taskbar; null clears it. */
  showProgress: (fraction: number | null) => void
}

/** The server's cursors and snapshot keys are short opaque strings. */
const cursorArgument = z.string().min(1).max(200)

const pushArguments = z.tuple([pushRequestSchema]).refine(
  // The server refuses bigger bodies with 413 anyway; refusing here spares the upload.
  ([request]) => Buffer.byteLength(JSON.stringify(request)) <= SYNC_LIMITS.maxBodyBytes,
  `A push must be at most ${SYNC_LIMITS.maxBodyBytes} bytes; send fewer events at a time.`,
)
const pullArguments = z.tuple([cursorArgument, z.number().int().min(1).max(SYNC_LIMITS.maxPullPage)])
const snapshotArguments = z.tuple([cursorArgument.nullable(), z.number().int().min(1).max(SYNC_LIMITS.maxSnapshotPage)])
const incidentArguments = z.tuple([identifierArgument])
const configArguments = z.tuple([cursorArgument])
const requestArguments = z.tuple([z.enum(RENDERER_SYNC_TRIGGERS)])
const progressArguments = z.tuple([z.number().min(0).max(1).nullable()])
const resultArguments = z.tuple([z.enum(SYNC_ROUND_OUTCOMES)])

/**
 * `sync.*`: the protocol's calls, made by main with the session token, and the renderer's side
 * of the schedule (it runs the rounds, main decides when).
 */
export function createSyncHandlers(options: SyncHandlerOptions): Pick<MainApiHandlers, SyncChannel> {
  const { connection, scheduler, showProgress } = options
  return {
    'sync.push': {
      parseArguments: (raw) => parseArgumentsWith(pushArguments, raw),
      handle: (request) => connection.call((client) => client.push(request)),
    },
    'sync.pull': {
      parseArguments: (raw) => parseArgumentsWith(pullArguments, raw),
      handle: (after, limit) => connection.call((client) => client.pull(after, limit)),
    },
    'sync.snapshot': {
      parseArguments: (raw) => parseArgumentsWith(snapshotArguments, raw),
      handle: (after, limit) => connection.call((client) => client.snapshot(after, limit)),
    },
    'sync.incidentEvents': {
      parseArguments: (raw) => parseArgumentsWith(incidentArguments, raw),
      handle: (incidentId) => connection.call((client) => client.incidentEvents(incidentId)),
    },
    'sync.config': {
      parseArguments: (raw) => parseArgumentsWith(configArguments, raw),
      handle: (after) => connection.call((client) => client.config(after)),
    },
    'sync.request': {
      parseArguments: (raw) => parseArgumentsWith(requestArguments, raw),
      handle: async (trigger) => scheduler.trigger(trigger),
    },
    'sync.reportProgress': {
      parseArguments: (raw) => parseArgumentsWith(progressArguments, raw),
      handle: async (fraction) => {
        scheduler.roundProgressed()
        showProgress(fraction)
      },
    },
    'sync.reportResult': {
      parseArguments: (raw) => parseArgumentsWith(resultArguments, raw),
      handle: async (outcome) => {
        showProgress(null)
        // Main, not the page, knows whether the session ended: a real 401 has already cleared it
        // (serverConnection). A page that says "unauthorized" while main still holds a session
        // was not ready yet (it had not heard of the session); that must not stop the schedule
        // until the next sign-in, so it counts as an ordinary failed round.
        const sessionEnded = outcome !== 'unauthorized' || (await connection.current()) === null
        scheduler.roundFinished(sessionEnded ? outcome : 'failed')
      },
    },
  }
}
