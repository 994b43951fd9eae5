import { expect, openDesk, screenshotBothThemes, test } from './desk'

/** The keyboard shortcut sheet: what a keyboard user learns the desk from. */

test.describe('keyboard shortcut sheet', () => {
  test('"?" lists every shortcut by where it works, and Escape closes it', async ({ page }) => {
    await openDesk(page)
    await page.keyboard.press('?')
    const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await expect(sheet).toBeVisible()

    const anywhere = sheet.getByRole('region', { name: 'Anywhere' })
    await expect(anywhere.getByRole('definition')).toHaveText(['Log incident', 'Search', 'Incident queue', 'Keyboard shortcuts'])
    await expect(anywhere.getByRole('term').nth(1)).toHaveText('/orCtrlK')
    const queue = sheet.getByRole('region', { name: 'Incident queue' })
    await expect(queue.getByRole('definition')).toHaveText(['Next incident', 'Previous incident', 'Open the current incident', 'Select it for bulk actions (again to unselect)'])
    const incident = sheet.getByRole('region', { name: 'Incident panel' })
    await expect(incident.getByRole('definition')).toHaveText(['Assign to me', 'Escalate', 'Resolve', 'Close the panel'])
    await expect(sheet.getByRole('region', { name: 'Search' })).toBeVisible()
    await screenshotBothThemes(page, 'shortcut-sheet')

    await page.keyboard.press('Escape')
    await expect(sheet).toBeHidden()
    // A bare "?" typed into a text field is text, not the sheet.
    await page.keyboard.press('/')
    const box = page.getByRole('combobox', { name: 'Search incidents' })
    await expect(box).toBeFocused()
    await page.keyboard.press('?')
    await expect(box).toHaveValue('?')
    await expect(sheet).toBeHidden()
  })
})
