import { resolve } from 'node:path'

/**
 * FlexSearch's default bundle carries its worker factory, which evaluates a string (`Function`)
 * and builds a blob: worker; the desk never uses FlexSearch workers, so every build of the desk
 * (web, Electron renderer) and the unit tests take the compact build, which has neither, and the
 * page never needs 'unsafe-eval'.
 */
export const FLEXSEARCH_WITHOUT_EVAL = { find: /^flexsearch$/, replacement: resolve('node_modules/flexsearch/dist/flexsearch.compact.module.min.js') }

/**
 * Zod and the page's no-eval switch (src-renderer/shell/noEval.ts) in one chunk of their own.
 * Zod probes for eval (`Function('')`) when an object schema is *defined*, unless told jitless
 * first, and the page's policy reports that probe as a violation. The chunk a schema module lands
 * in runs every module it holds before the entry's own first import, so `import './shell/noEval'`
 * first in main.tsx is not enough once screens are split into chunks (lazyScreens.ts): in this
 * chunk the switch runs before any module that could define a schema does.
 */
export const ZOD_WITH_NO_EVAL_CHUNK = { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]src-renderer[\\/]shell[\\/]noEval\.ts$/ }
