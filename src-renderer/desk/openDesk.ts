import * as Comlink from 'comlink'
import { activeTranslator, t, useLanguage } from '../i18n/activeLanguage'
import type { DeskChange } from '../../src-shared/data/deskDataContract'
import { connectDeskData, type DeskData } from '../data-worker/connectDeskData'
import { DEFAULT_DATABASE_NAME } from '../store/databaseName'
import type { IncidentStore, StoreRefusal } from '../store/incidentStore'
import type { DeskSession } from '../store/session'
import { refusal } from '../../src-shared/incident/refusal'

/** Listeners for what the data worker reports changed (DeskChange). */
export interface DeskChanges {
  listen(listener: (change: DeskChange) => void): () => void
}

/** Everything the screens need to read and change incidents on this device. */
export interface Desk {
  readonly session: DeskSession
  /** The store's commands, run in the data worker. */
  readonly store: IncidentStore
  /** The data worker (src-shared/data/deskDataContract.ts). */
  readonly data: DeskData
  readonly changes: DeskChanges
}

/** How long the worker may take to open the store before the start-up screen says so. */
const WORKER_START_LIMIT_MS = 30_000

/**
 * Starts the desk's data worker, which opens (and upgrades) the local store and the desk's
 * identity (created on first run). The page holds no connection to the store of its own: it
 * asks the worker, and hears of writes through its change notices. Rejects when IndexedDB is
 * unavailable (a private window that forbids it, a disk that is full) or the worker cannot
 * start, which the start-up error screen reports.
 */
export async function openDesk(databaseName: string = DEFAULT_DATABASE_NAME): Promise<Desk> {
  const data = connectDeskData(databaseName)
  const identity = await withinLimit(data.open(databaseName), WORKER_START_LIMIT_MS, t('shell.workerDidNotStart'))
  const session: DeskSession = { deviceId: identity.deviceId, actor: identity.actor }
  const listeners = new Set<(change: DeskChange) => void>()
  await data.subscribe(
    Comlink.proxy((change: DeskChange) => {
      for (const listener of listeners) listener(change)
    }),
  )
  // The worker words its messages (a setting refused, say) in the page's language, and follows it.
  await data.setLanguage(activeTranslator().locale)
  useLanguage.subscribe((state) => void data.setLanguage(state.locale).catch(() => undefined))
  return {
    session,
    store: workerStore(data, session),
    data,
    changes: {
      listen(listener) {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    },
  }
}

/**
 * The IncidentStore interface over the worker: the screens call it as before. Every call carries
 * the desk's current actor and the page's clock (CallContext). A worker that died answers no
 * more; that is a storage failure like a full disk, and says so.
 */
function workerStore(data: DeskData, session: DeskSession): IncidentStore {
  const context = () => ({ actor: session.actor, nowMs: Date.now() })
  const failed = (error: unknown): { ok: false; refusal: StoreRefusal } => ({
    ok: false,
    refusal: refusal('storage_failed', 'storageFailed', { detail: error instanceof Error ? error.message : String(error) }),
  })
  return {
    execute: (command) => data.execute(command, context()).catch(failed),
    logIncident: (input) => data.logIncident(input, context()).catch(failed),
    get: (incidentId) => data.incident(incidentId),
    history: (incidentId) => data.history(incidentId),
    rebuild: (incidentId) => data.rebuild(incidentId),
  }
}

function withinLimit<T>(work: Promise<T>, limitMs: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), limitMs)
    work.then(
      (value) => {
        clearTimeout(timer)
        resolve(value)
      },
      (error: unknown) => {
        clearTimeout(timer)
        reject(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}
