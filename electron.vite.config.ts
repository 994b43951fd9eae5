import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'
import { FLEXSEARCH_WITHOUT_EVAL, ZOD_WITH_NO_EVAL_CHUNK } from './scripts/bundleAliases.ts'

/**
 * Three bundles, all under out/ (the only folder the installer ships):
 *   out/main/index.js      ES module (package.json "type": "module"), the "main" entry
 *   out/preload/index.cjs  CommonJS: a sandboxed preload cannot load ES modules
 *   out/renderer/          the React UI, served to the window on app://incident-desk/
 * Paths are relative to the project root, where electron-vite runs.
 */
export default defineConfig({
  main: {
    build: {
      // Bundle dependencies into main too, so the package needs no node_modules at run time.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src-main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require('electron') and nothing else: inline every import.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    plugins: [react()],
    // The search index without FlexSearch's string-evaluating worker factory (scripts/bundleAliases.ts).
    resolve: { alias: [FLEXSEARCH_WITHOUT_EVAL] },
    // The data worker (src-renderer/data-worker) is a module worker.
    worker: { format: 'es' },
    build: {
      rolldownOptions: {
        input: { index: resolve('src-renderer/index.html') },
        output: { codeSplitting: { groups: [ZOD_WITH_NO_EVAL_CHUNK] } },
      },
    },
  },
})
