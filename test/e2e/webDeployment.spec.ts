import type { Page } from '@playwright/test'
import { expect, logDialog, openLogDialog, queueRow, test } from './desk'
import { E2E_SYNC_SERVER_PORT } from './support/accounts'

/**
 * The web mode as a deployment: the sync server itself serves the built desk on its own origin
 * (`npm run server`), with strict headers, and the desk works under them: no Content-Security-
 * Policy violation while it starts, stores, searches and shows files, and a hostile file it holds
 * never runs in its origin.
 */
const SERVER_DESK = `http://127.0.0.1:${E2E_SYNC_SERVER_PORT}/`

/** Every CSP violation the page reports, collected from before its first script runs. */
async function watchPolicyViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = []
    Object.assign(window, { __policyViolations: seen })
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`))
  })
  return () => page.evaluate(() => (window as unknown as { __policyViolations: string[] }).__policyViolations)
}

test.describe('the desk served by the sync server', () => {
  test('opens with the security headers, logs, searches and shows a file without a single policy violation', async ({ page }) => {
    const violations = await watchPolicyViolations(page)
    const response = await page.goto(SERVER_DESK)
    const headers = response!.headers()
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/)
    expect(headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' })
    await expect(page.getByRole('heading', { name: 'Incident queue', level: 1 })).toBeVisible()

    // Logged with a file that is really a web page: the kind of upload that ran script before.
    const dialog = await openLogDialog(page)
    await dialog.getByLabel('Caller').fill('Noor Bakker')
    await dialog.getByLabel('Short description').fill('Invoice portal shows an odd attachment')
    await dialog.getByLabel('Attach files').setInputFiles([
      { name: 'invoice.html', mimeType: 'text/html', buffer: Buffer.from('<script>document.title = "pwned"</script>') },
      { name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="document.title=\'pwned\'"/>') },
    ])
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(logDialog(page)).toBeHidden()

    await queueRow(page, 'Invoice portal shows an odd attachment').getByRole('button', { name: 'INC0000001' }).click()
    const panel = page.getByRole('dialog', { name: /Invoice portal shows an odd attachment/ })
    const htmlLink = panel.getByRole('link', { name: 'invoice.html' }).first()
    await expect(htmlLink).toBeVisible()
    // The links hand over plain bytes: opened in a tab (what the attack did) they are saved, never rendered here.
    for (const name of ['invoice.html', 'logo.svg']) {
      const href = await panel.getByRole('link', { name }).first().getAttribute('href')
      expect(href, name).toMatch(/^blob:/)
      const tab = await page.context().newPage()
      const [download] = await Promise.all([tab.waitForEvent('download'), tab.goto(href!).catch(() => null)])
      expect(download.suggestedFilename(), name).toBeTruthy()
      expect(await tab.evaluate(() => document.title).catch(() => ''), name).not.toBe('pwned')
      await tab.close()
    }
    // No thumbnail for the SVG: only raster images are shown inline.
    await expect(panel.locator('img')).toHaveCount(0)
    await panel.getByRole('button', { name: 'Close' }).click()

    // Search runs under the strict policy too (its index never evaluates a string).
    await page.keyboard.press('/')
    const palette = page.getByRole('dialog', { name: 'Search incidents' })
    await palette.getByRole('combobox', { name: 'Search incidents' }).pressSequentially('invoice')
    await expect(palette.getByRole('listbox', { name: 'Search results' }).getByRole('option')).toHaveCount(1)

    expect(await page.title()).toBe('Incident Desk')
    expect(await violations()).toEqual([])
  })
})
