import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Runs a Chromium bench when its own file is the command (`npx tsx bench/chromium/importBench.ts`),
 * printing its figures; does nothing when `npm run bench` imports it.
 */
export function runAsCommand(moduleUrl: string, bench: (numberOption: (name: string) => number | undefined) => Promise<string[]>): void {
  if (!process.argv[1] || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return
  const numberOption = (name: string) => {
    const at = process.argv.indexOf(name)
    return at > 0 ? Number(process.argv[at + 1]) : undefined
  }
  bench(numberOption)
    .then((lines) => {
      for (const line of lines) console.log(line)
    })
    .catch((error: unknown) => {
      console.error(error)
      process.exit(1)
    })
}
