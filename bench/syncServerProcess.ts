/**
 * A sync server in its own process, for the sync bench: the desk and the server then run on
 * separate cores, as they do in real life, instead of sharing one event loop. Started by
 * sync.bench.ts; prints `{ url, token }` on one line once it listens, and stops when its stdin
 * closes (so it cannot outlive the bench).
 *
 *   node --import tsx bench/syncServerProcess.ts '<account as JSON>' [postgres://…]
 */
import type { Actor } from '../src-shared/incident/roles'
import { openPostgres } from '../src-server/db/postgres'
import { startTestServer } from '../src-server/testing'

const [accountJson, databaseUrl] = process.argv.slice(2)
const account = JSON.parse(accountJson ?? 'null') as Actor
const database = databaseUrl ? openPostgres(databaseUrl) : undefined
const server = await startTestServer({ accounts: [account], ...(database ? { database } : {}) })
process.stdout.write(`${JSON.stringify({ url: server.url, token: server.tokens[account.userId] })}\n`)
process.stdin.on('end', () => {
  void server
    .close()
    .then(() => database?.close())
    .finally(() => process.exit(0))
})
process.stdin.resume()
