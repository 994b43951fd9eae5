import type { APIRequestContext, Page } from '@playwright/test'
import { expect, localInputHoursFromNow, openDesk, openLogDialog, fillReport, queueRow, screenshotBothThemes, test, type IncidentReport } from './desk'
import { ALEX, GRACE, type E2eAccount } from './support/accounts'
import { openAnotherDesk, signIn, statusBar, SYNC_TIMEOUT } from './syncDesk'
import { scaled } from './support/timeScale'

/**
 * Security incidents and their disclosure clocks, against the real sync server: a security
 * analyst (an account this spec creates through the admin API, as an admin would) logs a
 * security incident, records the regimes and a trigger, and watches the countdown; an L1 agent
 * on another desk never sees the incident at all.
 */

const RUN = Date.now().toString(36).slice(-5)

const BREACH: IncidentReport = {
  shortDescription: `Mailbox rule forwarding payroll mail outside (${RUN})`,
  caller: 'Noor Haddad',
  channel: 'Email',
  impact: 'High',
  urgency: 'High',
}

async function createAnalyst(request: APIRequestContext): Promise<E2eAccount> {
  const login = await request.post('/api/v1/auth/login', { data: { username: ALEX.username, password: ALEX.password } })
  expect(login.ok()).toBe(true)
  const { token } = (await login.json()) as { token: string }
  const analyst: E2eAccount = { username: `sana${RUN}`, password: 'sana-security-password', displayName: 'Sana Iqbal', role: 'security_analyst' }
  const created = await request.post('/api/v1/admin/users', {
    headers: { authorization: `Bearer ${token}` },
    data: { username: analyst.username, displayName: analyst.displayName, role: analyst.role, password: analyst.password },
  })
  expect(created.status()).toBe(201)
  return analyst
}

async function logSecurityIncident(page: Page): Promise<void> {
  const dialog = await openLogDialog(page)
  await fillReport(dialog, BREACH)
  await dialog.getByLabel('Category', { exact: true }).selectOption({ label: 'Security' })
  await dialog.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(dialog).toBeHidden()
}

test.describe('security disclosure', () => {
  // A long scenario with four screenshots pairs; the two-core machine runs it in about 20 s.
  test.setTimeout(scaled(90_000))

  test('a security analyst records the regimes and awareness, sees the countdowns, and an L1 agent never sees the incident', async ({
    page,
    request,
    browser,
    baseURL,
  }) => {
    const analyst = await createAnalyst(request)
    await openDesk(page)
    await signIn(page, analyst)
    await logSecurityIncident(page)
    await expect(statusBar(page).getByText('All changes synced')).toBeVisible({ timeout: SYNC_TIMEOUT })

    await queueRow(page, BREACH.shortDescription).getByRole('rowheader').getByRole('button').click()
    const panel = page.getByRole('region', { name: 'Disclosure clocks' })
    await expect(panel).toBeVisible()

    const regimes = panel.getByRole('form', { name: 'Disclosure regimes' })
    await regimes.getByRole('checkbox', { name: 'GDPR' }).check()
    await regimes.getByRole('checkbox', { name: 'NIS2' }).check()
    await regimes.getByRole('button', { name: 'Save regimes' }).click()
    await expect(regimes.getByRole('status')).toHaveText('Tracking GDPR, NIS2.')

    // Became aware two hours ago (typed in the user's zone, Europe/London here).
    const trigger = panel.getByRole('form', { name: 'Record a trigger' })
    await trigger.getByLabel('Trigger').selectOption({ label: 'Became aware of the incident' })
    const twoHoursAgo = await localInputHoursFromNow(page, -2)
    await trigger.getByLabel('Happened at').fill(twoHoursAgo)
    await trigger.getByRole('button', { name: 'Record trigger' }).click()
    await expect(trigger.getByRole('status')).toContainText('Recorded: Became aware of the incident')

    const deadlines = panel.getByRole('table', { name: 'Deadlines' })
    const earlyWarning = deadlines.getByRole('row', { name: /Send the early warning/ })
    await expect(earlyWarning).toContainText('NIS2 Art. 23(4)(a)')
    await expect(earlyWarning.getByRole('timer')).toHaveText(/due in 2[12] h \d\d min/)
    await expect(deadlines.getByRole('row', { name: /supervisory authority/ }).getByRole('timer')).toHaveText(/due in (69|70) h \d\d min|due in 2 d 2[12] h/)
    await expect(deadlines.getByRole('row', { name: /final report/ })).toContainText('(estimate)')
    // At the desk's 1280x800 with the panel scrolled into view, and taller to show it whole.
    await panel.getByRole('heading', { name: 'Triggers' }).evaluate((heading) => heading.scrollIntoView({ block: 'start' }))
    await screenshotBothThemes(page, 'disclosure-panel')
    await screenshotBothThemes(page, 'disclosure-panel-tall', { height: 1400 })

    // A future trigger is a typing slip: refused, nothing recorded.
    const tomorrow = await localInputHoursFromNow(page, 24)
    await trigger.getByLabel('Trigger').selectOption({ label: 'Breach discovered (HIPAA)' })
    await trigger.getByLabel('Happened at').fill(tomorrow)
    await trigger.getByRole('button', { name: 'Record trigger' }).click()
    await expect(trigger.getByRole('alert')).toHaveText('A trigger cannot be in the future.')

    // Grace (L1) on her own desk: the incident reaches neither her queue nor her search.
    await expect(statusBar(page).getByText('All changes synced')).toBeVisible({ timeout: SYNC_TIMEOUT })
    const { page: graceDesk, context: graceContext } = await openAnotherDesk(browser, baseURL)
    await signIn(graceDesk, GRACE)
    await expect(graceDesk.getByRole('table', { name: 'Incident queue' }).getByText(BREACH.shortDescription)).toHaveCount(0)
    await expect(graceDesk.getByText(BREACH.shortDescription)).toHaveCount(0)
    await graceContext.close()
  })
})
