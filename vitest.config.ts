import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // The same FlexSearch build the desk ships (vite.web.config.ts): the one without string evaluation.
  resolve: { alias: [{ find: /^flexsearch$/, replacement: resolve('node_modules/flexsearch/dist/flexsearch.compact.module.min.js') }] },
  test: {
    environment: 'node',
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    coverage: {
      provider: 'v8',
      include: ['src-shared/**/*.ts', 'src-renderer/store/**/*.ts', 'src-main/**/*.ts', 'src-server/**/*.ts'],
      exclude: ['**/*.d.ts', 'src-main/index.ts', 'src-server/main.ts'],
      reporter: ['text-summary', 'text'],
      thresholds: {
        // The domain is the part every other layer trusts; keep it thoroughly exercised.
        'src-shared/**/*.ts': { lines: 90 },
      },
    },
  },
})
