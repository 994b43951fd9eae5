/**
 * The sync server on the e2e suite's shifted clock: real time plus E2E_CLOCK_SHIFT_MS, the same
 * shift every desk's browser clock runs on (test/e2e/desk.ts), so the server's own events
 * (numbering) fall in the desks' timeline and the suite runs on a Wednesday morning whatever the
 * day. It also holds pushes when a spec asks (heldPushes.ts). Otherwise exactly `npm run server`.
 */
import { readConfig } from '../../../src-server/config'
import { startServer } from '../../../src-server/main'
import { holdPushesWhileFlagged } from './heldPushes'

const shiftMs = Number(process.env.E2E_CLOCK_SHIFT_MS ?? '0')
if (!Number.isFinite(shiftMs)) throw new Error(`E2E_CLOCK_SHIFT_MS must be a number of milliseconds, not "${process.env.E2E_CLOCK_SHIFT_MS}".`)
await startServer(readConfig(), { now: () => new Date(Date.now() + shiftMs), prepare: holdPushesWhileFlagged })
