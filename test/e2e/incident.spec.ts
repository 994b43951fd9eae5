import type { Locator, Page } from '@playwright/test'
import { expect, logIncident, openDesk, queueRow, screenshotBothThemes, test } from './desk'

/**
 * The incident view, driven as a desk agent drives it (DESIGN §1 workflow): by role, label and
 * keyboard, on a standalone desk (its one local user); a reload keeps the desk's IndexedDB,
 * which is what proves every step was stored.
 */

/** A standalone desk's own user (store/session.ts). */
const ME = 'Desk user'

function view(page: Page, shortDescription: string): Locator {
  return page.getByRole('dialog', { name: new RegExp(shortDescription.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
}

async function openIncident(page: Page, shortDescription: string): Promise<Locator> {
  await queueRow(page, shortDescription).getByRole('rowheader').getByRole('button').click()
  const panel = view(page, shortDescription)
  await expect(panel).toBeVisible()
  return panel
}

function activity(panel: Locator): Locator {
  return panel.getByRole('list', { name: 'Activity' })
}

function stepDialog(panel: Locator, title: string): Locator {
  return panel.page().getByRole('dialog', { name: title, exact: true })
}

test.describe('incident view', () => {
  test('an agent resolves a password reset, works another incident through every step, reopens one; all of it survives a reload', async ({ page }) => {
    test.setTimeout(120_000)
    const suffix = Date.now().toString(36)
    const reset = `Password reset for a locked account ${suffix}`
    const vpn = `VPN drops every few minutes in Rotterdam ${suffix}`
    await openDesk(page)

    // 1. A password reset, taken and resolved from the keyboard.
    await logIncident(page, { shortDescription: reset, caller: 'Sanne de Vries', channel: 'Phone', impact: 'Low', urgency: 'Medium' })
    const resetNumber = (await queueRow(page, reset).getByRole('rowheader').textContent())!.trim()
    let panel = await openIncident(page, reset)
    // Steps not allowed yet stay on screen with the reason.
    const resume = panel.getByRole('button', { name: 'Resume' })
    await expect(resume).toHaveAttribute('aria-disabled', 'true')
    await expect(resume).toHaveAccessibleDescription(/Not available: Cannot resume an incident that is New/)
    await resume.hover()
    await expect(panel.getByText(/Resume is not available: Cannot resume/)).toBeVisible()

    await page.keyboard.press('a')
    await expect(panel).toContainText(`Assigned to ${ME}`)
    await expect(panel.locator('.state-badge').first()).toHaveText('In Progress')
    await page.keyboard.press('r')
    let dialog = stepDialog(panel, 'Resolve')
    await expect(dialog).toBeVisible()
    // A missing field is refused in the dialog, which stays open.
    await dialog.getByRole('button', { name: 'Resolve' }).click()
    await expect(dialog.getByRole('alert')).toHaveText('Resolution notes is required.')
    await dialog.getByLabel('Resolution code').selectOption({ label: 'Solution provided' })
    await dialog.getByLabel('Resolution notes').fill('Reset the password and confirmed the caller could sign in.')
    await dialog.getByRole('button', { name: 'Resolve' }).click()
    await expect(dialog).toBeHidden()
    await expect(panel.locator('.state-badge').first()).toHaveText('Resolved')
    await expect(activity(panel)).toContainText('Resolved: Solution provided')
    await page.keyboard.press('Escape')
    await expect(panel).toBeHidden()

    // 2. Another incident: categorized, prioritized, assigned, worked, on hold, resumed, escalated, resolved, closed.
    await logIncident(page, { shortDescription: vpn, caller: 'Luc Moreau', channel: 'Email', impact: 'Medium', urgency: 'Medium' })
    panel = await openIncident(page, vpn)

    await panel.getByRole('button', { name: /^Category: none/ }).click()
    await panel.getByLabel('Category', { exact: true }).selectOption({ label: 'Network' })
    await panel.getByLabel('Subcategory').selectOption({ label: 'VPN' })
    await panel.getByLabel('Subcategory').press('Enter')
    await expect(panel.getByRole('button', { name: /^Category: Network \/ VPN/ })).toBeVisible()

    // An in-place edit: Escape cancels the edit, not the view.
    await panel.getByRole('button', { name: /^Location: none/ }).click()
    await panel.getByLabel('Location', { exact: true }).fill('Rotterdam office, floor 2')
    await panel.getByLabel('Location', { exact: true }).press('Escape')
    await expect(panel).toBeVisible()
    await expect(panel.getByRole('button', { name: /^Location: none/ })).toBeFocused()
    await page.keyboard.press('Enter')
    await panel.getByLabel('Location', { exact: true }).fill('Rotterdam office, floor 2')
    await panel.getByLabel('Location', { exact: true }).press('Enter')
    await expect(panel.getByRole('button', { name: /^Location: Rotterdam office, floor 2/ })).toBeVisible()

    const priority = panel.getByRole('form', { name: 'Priority' })
    await priority.getByLabel('Impact').selectOption({ label: 'High' })
    await priority.getByLabel('Urgency').selectOption({ label: 'High' })
    await priority.getByRole('button', { name: 'Change priority' }).click()
    await expect(panel.locator('.side-panel__facts .priority-badge')).toHaveText('P1 Critical')

    await panel.getByRole('button', { name: /^Assignment: Unassigned/ }).click()
    await panel.getByLabel('Assignment group').fill('Service Desk')
    await panel.getByLabel('Assigned to', { exact: true }).selectOption({ label: `${ME} (me)` })
    await panel.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(panel.getByRole('button', { name: new RegExp(`^Assignment: Service Desk · ${ME}`) })).toBeVisible()
    await panel.getByRole('button', { name: 'Take it' }).click()
    await expect(panel.locator('.state-badge').first()).toHaveText('In Progress')

    await panel.getByLabel('Note', { exact: true }).fill('VPN client logs show the tunnel renegotiating every 300 s.')
    await panel.getByRole('button', { name: 'Add work note' }).click()
    await panel.getByLabel('Note', { exact: true }).fill('We are looking into the VPN drops now.')
    await panel.getByRole('button', { name: 'Send to caller' }).click()
    const workNote = activity(panel).getByRole('listitem').filter({ hasText: 'tunnel renegotiating' })
    await expect(workNote).toContainText('Internal · not shown to the caller')
    const comment = activity(panel).getByRole('listitem').filter({ hasText: 'looking into the VPN drops' })
    await expect(comment).toContainText('Sent to the caller · the caller sees this')

    await panel.getByRole('button', { name: 'Put on hold…' }).click()
    dialog = stepDialog(panel, 'Put on hold')
    await dialog.getByLabel('Reason').selectOption({ label: 'Awaiting Caller' })
    await dialog.getByRole('button', { name: 'Put on hold' }).click()
    await expect(dialog.getByRole('alert')).toHaveText('Comment to the caller is required.')
    await dialog.getByLabel('Comment to the caller').fill('Please send us the VPN client log from your laptop.')
    await dialog.getByRole('button', { name: 'Put on hold' }).click()
    await expect(dialog).toBeHidden()
    await expect(panel.locator('.state-badge').first()).toHaveText('On Hold')
    await expect(panel.locator('.sla-clock').filter({ hasText: 'Resolution' })).toContainText('Paused: On Hold')

    await panel.getByRole('button', { name: 'Resume' }).click()
    await expect(panel.locator('.state-badge').first()).toHaveText('In Progress')

    await page.keyboard.press('e')
    dialog = stepDialog(panel, 'Escalate')
    await expect(dialog.getByRole('radio', { name: /Functional/ })).toBeChecked()
    await dialog.getByLabel('To level').selectOption({ label: 'L2' })
    await dialog.getByLabel('Assignment group').fill('Network L2')
    await dialog.getByLabel('Reason').fill('Tunnel renegotiation needs the firewall team.')
    await dialog.getByRole('button', { name: 'Escalate' }).click()
    await expect(dialog).toBeHidden()
    const escalations = panel.getByRole('list', { name: 'Escalations' })
    await expect(escalations).toContainText('L1 → L2, Network L2')
    await expect(escalations).toContainText('Reason: Tunnel renegotiation needs the firewall team.')
    await expect(panel.locator('.incident-view__level')).toHaveText('L2')
    await screenshotBothThemes(page, 'incident-view', {})

    // Linked to the password reset (same caller site), by number.
    await panel.getByRole('button', { name: 'Link…' }).click()
    dialog = stepDialog(panel, 'Link to another incident')
    await dialog.getByLabel('Incident number').fill('INC9999999')
    await dialog.getByRole('button', { name: 'Link', exact: true }).click()
    await expect(dialog.getByRole('alert')).toHaveText('No incident numbered INC9999999 on this desk.')
    await dialog.getByLabel('Incident number').fill(resetNumber)
    await dialog.getByRole('button', { name: 'Link', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(panel.getByRole('region', { name: 'Links' })).toContainText('This incident is related to')

    await page.keyboard.press('r')
    dialog = stepDialog(panel, 'Resolve')
    await dialog.getByLabel('Resolution code').selectOption({ label: 'Workaround provided' })
    await dialog.getByLabel('Resolution notes').fill('Pinned the VPN gateway; the firewall fix follows as a change.')
    await dialog.getByRole('button', { name: 'Resolve' }).click()
    await expect(dialog).toBeHidden()

    await panel.getByRole('button', { name: 'Confirm closure…' }).click()
    dialog = stepDialog(panel, 'Close the incident')
    await dialog.getByRole('button', { name: 'Close incident' }).click()
    await expect(dialog.getByRole('alert')).toContainText('Tick')
    await dialog.getByLabel('The caller confirmed the service is restored').check()
    await dialog.getByRole('button', { name: 'Close incident' }).click()
    await expect(dialog).toBeHidden()
    await expect(panel.locator('.state-badge').first()).toHaveText('Closed')
    await expect(panel.getByRole('button', { name: 'Reopen…' })).toHaveAccessibleDescription(/Closed and never changes again/)

    // 3. The password reset comes back: open it from the link and reopen it with a reason.
    await panel.getByRole('region', { name: 'Links' }).getByRole('button', { name: new RegExp(resetNumber) }).click()
    panel = view(page, reset)
    await expect(panel).toBeVisible()
    await panel.getByRole('button', { name: 'Reopen…' }).click()
    dialog = stepDialog(panel, 'Reopen')
    await dialog.getByLabel('Reason for reopening').fill('The caller is locked out again after the weekend.')
    await dialog.getByRole('button', { name: 'Reopen' }).click()
    await expect(dialog).toBeHidden()
    await expect(panel.locator('.state-badge').first()).toHaveText('In Progress')
    await expect(activity(panel)).toContainText('Reason: The caller is locked out again after the weekend.')
    await page.keyboard.press('Escape')

    // 4. Everything is still there after a reload (the closed one is reached by its link).
    await page.reload()
    panel = await openIncident(page, reset)
    await expect(panel.locator('.state-badge').first()).toHaveText('In Progress')
    await expect(panel).toContainText('Reopened 1×')
    await expect(activity(panel)).toContainText('Reason: The caller is locked out again after the weekend.')
    await panel.getByRole('region', { name: 'Links' }).getByRole('button', { name: /VPN drops/ }).click()
    panel = view(page, vpn)
    await expect(panel).toBeVisible()
    await expect(panel.locator('.state-badge').first()).toHaveText('Closed')
    const history = activity(panel)
    for (const text of [
      'Categorized',
      'Location: none',
      'Rotterdam office, floor 2',
      'P1 Critical',
      'Service Desk',
      'tunnel renegotiating',
      'looking into the VPN drops',
      'Awaiting Caller',
      'Asked the caller: Please send us the VPN client log from your laptop.',
      'Escalated to L2 (Network L2)',
      'Reason: Tunnel renegotiation needs the firewall team.',
      'Resolved: Workaround provided',
      'Notes: Pinned the VPN gateway',
    ]) {
      await expect(history).toContainText(text)
    }
    await screenshotBothThemes(page, 'incident-view-closed', {})
  })
})
