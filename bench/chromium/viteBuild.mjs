// Builds the web desk for the Chromium benchmark: vite.web.config.ts in `bench` mode (which
// turns on the page hook, see src-renderer/main.tsx), plus the seeding page as a second entry.
// Run from the repository root (the config resolves its paths from there): node viteBuild.mjs OUT_DIR
import { resolve } from 'node:path'
import { build } from 'vite'

const outDir = process.argv[2]
if (!outDir) throw new Error('usage: node bench/chromium/viteBuild.mjs OUT_DIR')
await build({
  configFile: resolve('vite.web.config.ts'),
  mode: 'bench',
  logLevel: 'warn',
  build: {
    outDir,
    emptyOutDir: true,
    // BENCH_NO_MINIFY=1: readable function names in a CPU profile of the bench desk.
    ...(process.env.BENCH_NO_MINIFY ? { minify: false } : {}),
    rolldownOptions: { input: { main: resolve('src-renderer/index.html'), seed: resolve('src-renderer/bench/seed.html') } },
  },
})
