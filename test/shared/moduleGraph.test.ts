import { describe, expect, it, vi } from 'vitest'

/**
 * Every shared module can be the first one a process imports. The catalog reads the domain's
 * label maps when it loads, and some domain modules word their errors from the catalog: a module
 * on both sides of that loop would find the other half unfinished, depending on which one a
 * caller happened to import first (a worker, the server, a test).
 */
const modules = import.meta.glob('../../src-shared/**/*.ts')

describe('the shared module graph', () => {
  it.each(Object.keys(modules).map((path) => [path.replace('../../', '')]))('%s loads first in a fresh process', async (path) => {
    vi.resetModules()
    await expect(modules[`../../${path}`]!()).resolves.toBeTypeOf('object')
  })
})
