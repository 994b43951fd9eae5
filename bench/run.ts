/**
 * `npm run bench`: prints figures, asserts nothing. This suite runs under Node; the store
 * figures use fake-indexeddb (an in-memory IndexedDB in plain JS), so they measure our code
 * path, not the browser's IndexedDB. The Chromium figures of DESIGN §3 (queue open, scroll
 * frames, search, commits with 100k incidents in the real IndexedDB) come last, from chromium/.
 * The sync, server and alert intake figures run a real server (PGlite, and a throwaway PostgreSQL) on loopback.
 */
import os from 'node:os'
import { runChromiumBench } from './chromium/index'
import { runChromiumImportBench } from './chromium/importBench'
import { runChromiumSyncBench } from './chromium/syncBench'
import { benchDesk } from './desk.bench'
import { benchDomain } from './domain.bench'
import { benchQueue } from './queueBench'
import { benchIntake } from './intake.bench'
import { benchServer } from './server.bench'
import { benchWebhooks } from './webhook.bench'
import { benchStore } from './store.bench'
import { benchSync } from './sync.bench'

async function main(): Promise<void> {
  console.log(`Incident Desk benchmarks on ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, Node ${process.version}`)
  for (const line of await benchDomain()) console.log(line)
  for (const line of await benchStore()) console.log(line)
  for (const line of await benchSync()) console.log(line)
  for (const line of await benchServer()) console.log(line)
  for (const line of await benchIntake()) console.log(line)
  for (const line of await benchWebhooks()) console.log(line)
  for (const figure of await benchQueue()) console.log(figure.line)
  for (const line of await benchDesk()) console.log(line)
  // Chromium last: it builds the web UI, seeds 100k incidents in a persistent profile (minutes).
  const chromium = await runChromiumBench({ incidents: 100_000, log: (message) => process.stderr.write(`${message}\n`) })
  for (const line of chromium.lines) console.log(line)
  // The CSV import through the dialog: a 25k-incident ServiceNow event log and a 100k GLPI export, each into a fresh desk.
  for (const line of await runChromiumImportBench()) console.log(line)
  // Push and first sync in Chromium: 10k imported incidents through a real sync server, 10k events
  // of offline work on them pushed when the desk is back online, then a new desk takes them all.
  for (const line of await runChromiumSyncBench({ incidents: 10_000, steps: 10_000 })) console.log(line)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
