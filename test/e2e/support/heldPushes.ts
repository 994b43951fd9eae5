import { existsSync, rmSync } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { FastifyInstance } from 'fastify'
import { E2E_SYNC_SERVER_PORT } from './accounts'

/**
 * Holding the desks' pushes for a moment, to see a desk while it syncs. Playwright's routes cannot
 * do it: on the web the desk's data worker (a SharedWorker) calls the sync server, and in Chromium
 * `page.route` and `context.route` see only a page's own requests (microsoft/playwright#36690). So
 * the e2e sync server holds them itself, while a file named after its port exists: the spec makes
 * the file (holdPushes) and removes it (release), the server checks it (holdPushesWhileFlagged).
 */
const HOLD_FILE = path.join(tmpdir(), `incident-desk-e2e-hold-pushes-${E2E_SYNC_SERVER_PORT}`)
const CHECK_EVERY_MS = 25
/** A spec that never releases must not stall the rest of the suite. */
const LONGEST_HOLD_MS = 30_000

export interface HeldPushes {
  release(): Promise<void>
}

/** From now until `release`, every push to the e2e sync server waits before it is read. */
export async function holdPushes(): Promise<HeldPushes> {
  await writeFile(HOLD_FILE, String(process.pid))
  return { release: () => rm(HOLD_FILE, { force: true }) }
}

/** The server's side (shiftedClockServer.ts): pushes wait while the file exists. */
export function holdPushesWhileFlagged(app: FastifyInstance): void {
  // Left by a run that stopped mid-hold.
  rmSync(HOLD_FILE, { force: true })
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/v1/sync/push')) return
    const until = Date.now() + LONGEST_HOLD_MS
    while (existsSync(HOLD_FILE) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, CHECK_EVERY_MS))
  })
}
