// Preflight for `npm start` and `npm run web`: fail fast, with a plain message, instead of a
// cryptic syntax or "command not found" error from deep inside Vite or Electron.
// Keep it tiny and offline: it must never download or install anything.
import { existsSync } from 'node:fs'

const REQUIRED = [20, 19]
const [major, minor] = process.versions.node.split('.').map(Number)

if (major < REQUIRED[0] || (major === REQUIRED[0] && minor < REQUIRED[1])) {
  console.error(
    `Incident Desk needs Node ${REQUIRED.join('.')} or newer; this is Node ${process.versions.node}.\n` +
      'Install a current Node LTS (https://nodejs.org/) and run the command again.',
  )
  process.exit(1)
}

if (!existsSync(new URL('../node_modules/.bin', import.meta.url))) {
  console.error('The dependencies are not installed yet: run `npm ci` first.')
  process.exit(1)
}
