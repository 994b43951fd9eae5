import { expect, openDesk, test } from './desk'

/**
 * The web build carries its Content-Security-Policy in a <meta> tag (vite.web.config.ts), and the
 * server in front of it sends the same policy as a header: each refuses the script on its own.
 */
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
    // The refusals (one per policy) are the expected console errors here; anything else still fails the test.
    expect(browserErrors.length).toBeGreaterThan(0)
    for (const error of browserErrors) expect(error).toContain("Content Security Policy directive 'script-src 'self''")
    browserErrors.length = 0
  })
})
