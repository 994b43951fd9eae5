import { resolve } from 'node:path'

/**
 * FlexSearch's default bundle carries its worker factory, which evaluates a string (`Function`)
 * and builds a blob: worker; the desk never uses FlexSearch workers, so every build of the desk
 * (web, Electron renderer) and the unit tests take the compact build, which has neither, and the
 * page never needs 'unsafe-eval'.
 */
export const FLEXSEARCH_WITHOUT_EVAL = { find: /^flexsearch$/, replacement: resolve('node_modules/flexsearch/dist/flexsearch.compact.module.min.js') }
