import { expect, openDesk, test } from './desk'

/** The web build carries its Content-Security-Policy in a <meta> tag (vite.web.config.ts). */
test.describe('web build security', () => {
  test('the page refuses inline script, as its Content-Security-Policy says', async ({ page, browserErrors }) => {
    await openDesk(page)
    // An inserted inline script runs synchronously on insertion, unless the policy refuses it.
    const inlineScriptRan = await page.evaluate(() => {
      const script = document.createElement('script')
      script.textContent = 'document.documentElement.dataset.inlineScriptRan = "yes"'
      document.head.append(script)
      return document.documentElement.dataset.inlineScriptRan === 'yes'
    })
    expect(inlineScriptRan).toBe(false)
    // The refusal is the expected console error here; anything else still fails the test.
    expect(browserErrors).toEqual([expect.stringContaining("Content Security Policy directive 'script-src 'self''")])
    browserErrors.length = 0
  })
})
