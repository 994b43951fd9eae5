// `npm start`: the desktop app when Electron's binary is on this machine; otherwise one plain
// sentence saying why not, and the same desk in the browser. Electron's package downloads its
// binary on install (or on first use); where that cannot happen (no route to its release host,
// install scripts skipped), electron-vite would fail deep inside with "Electron uninstall".
// Plain Node, offline: it never downloads anything itself.
//
//   node scripts/start.mjs             start
//   node scripts/start.mjs --dry-run   print the plan as JSON (what the test checks)
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import './setup.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BROWSER_URL = 'http://127.0.0.1:4173'

/** Where Electron's binary is, read the way the electron package reads it, or null when it is not there. */
export function electronBinary(root = ROOT, env = process.env) {
  const packageDir = path.join(root, 'node_modules', 'electron')
  const pathFile = path.join(packageDir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null
  const candidate = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable || 'electron')
    : executable
      ? path.join(packageDir, 'dist', executable)
      : null
  return candidate && existsSync(candidate) ? candidate : null
}

/** What `npm start` runs on this machine, and the sentence it says first when it is not the desktop app. */
export function startPlan(binary) {
  if (binary) return { kind: 'desktop', message: null, command: ['npx', 'electron-vite', 'dev'] }
  return {
    kind: 'browser',
    message:
      "Electron's desktop binary is not on this machine (its download did not happen; `npx install-electron --no` fetches it where the network allows), " +
      `so here is the same desk in your browser: ${BROWSER_URL}`,
    command: ['npm', 'run', 'web'],
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const plan = startPlan(electronBinary())
  if (process.argv.includes('--dry-run')) {
    process.stdout.write(`${JSON.stringify(plan)}\n`)
    process.exit(0)
  }
  if (plan.message) console.log(`\n${plan.message}\n`)
  const [command, ...args] = plan.command
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
}
