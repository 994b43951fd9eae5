/**
 * Every time budget of the e2e suite, scaled from one place. On a quiet machine the scale is 1;
 * `npm run test:e2e:busy` runs the suite beside a CPU hog with E2E_TIME_SCALE=3, and the specs
 * must still pass: they wait on conditions (a row visible, a status said), never on a fixed sleep,
 * so a slower machine only takes longer. Product targets a person feels (logging in under 30 s)
 * are not scaled.
 */
export const E2E_TIME_SCALE = timeScale(process.env.E2E_TIME_SCALE)

function timeScale(text: string | undefined): number {
  if (text === undefined || text === '') return 1
  const value = Number(text)
  if (!Number.isFinite(value) || value < 1 || value > 10) throw new Error(`E2E_TIME_SCALE must be a number from 1 to 10, not "${text}".`)
  return value
}

/** `ms` on this run's scale. */
export function scaled(ms: number): number {
  return Math.round(ms * E2E_TIME_SCALE)
}
