/**
 * `npm start` on a fresh machine: the desktop app where Electron's binary is there, else one
 * plain sentence and the same desk in the browser (never electron-vite's "Electron uninstall").
 * The real script, run with --dry-run under both conditions.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const script = path.resolve('scripts/start.mjs')
const fakeDist = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-desk-electron-'))
afterAll(() => fs.rmSync(fakeDist, { recursive: true, force: true }))

function plan(env: NodeJS.ProcessEnv): { kind: string; message: string | null; command: string[] } {
  return JSON.parse(execFileSync(process.execPath, [script, '--dry-run'], { env: { ...process.env, ...env }, encoding: 'utf8' }))
}

describe('npm start', () => {
  it('should start the desktop app when Electron’s binary is on this machine', () => {
    fs.writeFileSync(path.join(fakeDist, 'electron'), '')
    expect(plan({ ELECTRON_OVERRIDE_DIST_PATH: fakeDist })).toEqual({ kind: 'desktop', message: null, command: ['npx', 'electron-vite', 'dev'] })
  })

  it('should say in one sentence why not, and start the same desk in the browser, when the binary is missing', () => {
    const started = plan({ ELECTRON_OVERRIDE_DIST_PATH: path.join(fakeDist, 'nowhere') })
    expect(started.kind).toBe('browser')
    expect(started.message).toMatch(/^Electron's desktop binary is not on this machine .*so here is the same desk in your browser: http:\/\/127\.0\.0\.1:4173$/)
    expect(started.message).not.toContain('\n')
    expect(started.command).toEqual(['npm', 'run', 'web'])
    // That command builds the desk and serves it (the production behaviour), on the address named.
    const scripts = JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts as Record<string, string>
    expect(scripts.web).toMatch(/vite build .*&& vite preview/)
    expect(fs.readFileSync('vite.web.config.ts', 'utf8')).toContain('const PREVIEW_PORT = 4173')
  })

  it('should be what the README tells a newcomer to run first', () => {
    const readme = fs.readFileSync('README.md', 'utf8')
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)![1]!
    expect(firstBlock.split('\n')[0]).toMatch(/^npm install && npm start\b/)
    expect(JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts.start).toBe('node scripts/start.mjs')
  })
})
