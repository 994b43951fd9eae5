// First, before anything parses: the worker's script runs under the same no-eval policy as the page.
import '../shell/noEval'
import * as Comlink from 'comlink'
import { createDeskDataService } from './deskDataService'

/**
 * The data worker's entry (DESIGN §2): one DeskDataService, exposed over Comlink to every page of
 * the desk. Started as a SharedWorker where the browser has them (Chromium, Electron, Firefox),
 * so two windows or tabs of one desk share one store connection, one queue index and one search
 * index, and each change is applied once; as a dedicated worker elsewhere (connectDeskData.ts),
 * where each tab has its own and Dexie's cross-context change events keep them in step.
 */
const service = createDeskDataService()

interface ConnectEvent {
  ports: readonly MessagePort[]
}

const scope = globalThis as unknown as { onconnect?: ((event: ConnectEvent) => void) | null; postMessage?: unknown }

if ('onconnect' in scope) {
  scope.onconnect = (event) => {
    const port = event.ports[0]
    if (port) Comlink.expose(service, port)
  }
} else {
  Comlink.expose(service)
}
