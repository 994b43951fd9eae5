/**
 * Runs the Chromium benchmark on its own and prints its figures:
 *   npx tsx bench/chromium/cli.ts [--incidents 100000] [--commits 200] [--reloads 5] [--no-csv]
 * `npm run bench` runs the same thing through runChromiumBench.
 */
import { parseArgs } from 'node:util'
import { runChromiumBench } from './index'

function wholeNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a positive whole number, not "${value}".`)
  return parsed
}

const { values } = parseArgs({
  options: { incidents: { type: 'string' }, commits: { type: 'string' }, reloads: { type: 'string' }, json: { type: 'boolean' }, 'no-csv': { type: 'boolean' }, 'snapshot-older-than-days': { type: 'string' } },
})

runChromiumBench({
  incidents: wholeNumber('incidents', values.incidents, 100_000),
  commits: wholeNumber('commits', values.commits, 200),
  reloads: wholeNumber('reloads', values.reloads, 5),
  csv: values['no-csv'] !== true,
  snapshotOlderThanDays: values['snapshot-older-than-days'] === undefined ? null : wholeNumber('snapshot-older-than-days', values['snapshot-older-than-days'], 30),
})
  .then((figures) => {
    for (const line of figures.lines) console.log(line)
    if (values.json) console.log(JSON.stringify(figures, null, 2))
  })
  .catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
