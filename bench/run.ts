/**
 * `npm run bench`: prints figures, asserts nothing. This suite runs under Node; the store
 * figures use fake-indexeddb (an in-memory IndexedDB in plain JS), so they measure our code
 * path, not the browser's IndexedDB. The Chromium figures of DESIGN §3 come with the desk UI.
 * The sync and server figures run a real server (PGlite, and a throwaway PostgreSQL) on loopback.
 */
import os from 'node:os'
import { benchDomain } from './domain.bench'
import { benchServer } from './server.bench'
import { benchStore } from './store.bench'
import { benchSync } from './sync.bench'

async function main(): Promise<void> {
  console.log(`Incident Desk benchmarks on ${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, Node ${process.version}`)
  for (const line of await benchDomain()) console.log(line)
  for (const line of await benchStore()) console.log(line)
  for (const line of await benchSync()) console.log(line)
  for (const line of await benchServer()) console.log(line)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
