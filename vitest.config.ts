import { defineConfig } from 'vitest/config'
import { FLEXSEARCH_WITHOUT_EVAL } from './scripts/bundleAliases.ts'

export default defineConfig({
  // The same FlexSearch build the desk ships (scripts/bundleAliases.ts): the one without string evaluation.
  resolve: { alias: [FLEXSEARCH_WITHOUT_EVAL] },
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
