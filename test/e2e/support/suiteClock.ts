/**
 * One clock for the whole e2e suite, desks and sync server alike: real time shifted so that the
 * run starts on Wednesday 25 November 2026 at 09:30 in London (the configured time zone), inside
 * business hours. SLA cells then read the same on any day and at any hour ("30m left", not
 * "1d 16h left" on a Saturday), and time still flows, so timers, debounces and sync rounds
 * behave as they do for a person. The server gets the same shift (shiftedClockServer.ts), so the
 * events it writes fall in the desks' timeline, as they would with real clocks.
 *
 * The runner fixes the shift once (playwright.config.ts) and hands it to its workers and to the
 * sync server through E2E_CLOCK_SHIFT_MS.
 */
export const SUITE_CLOCK_START = new Date('2026-11-25T09:30:00Z')

export function suiteClockShiftMs(): number {
  const shift = Number(process.env.E2E_CLOCK_SHIFT_MS)
  if (!Number.isFinite(shift)) throw new Error('E2E_CLOCK_SHIFT_MS is not set: run the e2e suite through playwright.config.ts.')
  return shift
}

/** The suite's "now", for a browser context's clock. */
export function suiteNow(): Date {
  return new Date(Date.now() + suiteClockShiftMs())
}
