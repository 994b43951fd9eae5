import { describe, expect, it, vi } from 'vitest'
import { createLanguageHandler } from '../../src-main/menu/languageHandler'

describe('app.setLanguage', () => {
  it('rebuilds the menu in a language the desk speaks', async () => {
    const apply = vi.fn()
    const handler = createLanguageHandler(apply)['app.setLanguage']
    await handler.handle(...handler.parseArguments(['fr']))
    expect(apply).toHaveBeenCalledWith('fr')
  })

  it('refuses anything else before it reaches the menu', () => {
    const apply = vi.fn()
    const handler = createLanguageHandler(apply)['app.setLanguage']
    for (const raw of [['de'], ['fr', 'extra'], [42], [], ['x'.repeat(500)]]) expect(() => handler.parseArguments(raw)).toThrow()
    expect(apply).not.toHaveBeenCalled()
  })
})
