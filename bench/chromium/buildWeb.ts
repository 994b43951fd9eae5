import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Builds the web desk with the benchmark hook (`vite build --mode bench`, see main.tsx) and the
 * seeding page into `outDir`, leaving dist-web/ (the e2e tests' build) alone. Runs Vite as a
 * child process from the repository root, where vite.web.config.ts resolves its paths.
 */
export async function buildBenchWeb(repositoryRoot: string, outDir: string): Promise<void> {
  const args = [join(dirname(fileURLToPath(import.meta.url)), 'viteBuild.mjs'), outDir]
  const output: string[] = []
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } })
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()))
    child.once('error', reject)
    child.once('close', resolve)
  })
  if (code !== 0) throw new Error(`The bench web build failed (vite exited with ${code}):\n${output.join('')}`)
}
