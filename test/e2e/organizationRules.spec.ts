import { fileURLToPath } from 'node:url'
import type { Locator, Page } from '@playwright/test'
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../src-server/testing'
import { expect, fillReport, openLogDialog, queueRow, screenshotBothThemes, test, type IncidentReport } from './desk'
import type { E2eAccount } from './support/accounts'
import { suiteNow } from './support/suiteClock'
import { scaled } from './support/timeScale'
import { openAnotherDesk, signIn, statusBar, SYNC_TIMEOUT } from './syncDesk'

/**
 * The organization's rules are one set for every desk (#11). This spec changes them, so it runs
 * its own sync server (in this worker, on PGlite, serving the built desk on its own origin, on
 * the suite's clock) rather than the shared one other specs log against at the same time.
 */

const ADMIN: E2eAccount = { username: 'alex', password: TEST_PASSWORD, displayName: 'Alex Morgan', role: 'admin' }
const AGENT: E2eAccount = { username: 'grace', password: TEST_PASSWORD, displayName: 'Grace Hopper', role: 'l1_agent' }
const GROUP = 'Network Operations'
/** The suite's day (support/suiteClock.ts): Wednesday 25 November 2026, made a public holiday here. */
const SUITE_DAY = '2026-11-25'

let server: TestServer

test.beforeAll(async () => {
  server = await startTestServer({
    accounts: [
      { userId: 'u-alex', displayName: ADMIN.displayName, role: 'admin' },
      { userId: 'u-grace', displayName: AGENT.displayName, role: 'l1_agent' },
    ],
    webRoot: fileURLToPath(new URL('../../dist-web', import.meta.url)),
    now: suiteNow,
  })
})
test.afterAll(() => server?.close())

async function openSection(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Administration sections' }).getByRole('button', { name, exact: true }).click()
}

function section(page: Page, heading: string): Locator {
  return page.getByRole('region', { name: heading, exact: true })
}

async function save(region: Locator, label: string, saved = 'Saved. New incidents use it now.'): Promise<void> {
  await region.getByRole('button', { name: label }).click()
  await expect(region.getByRole('status').filter({ hasText: saved })).toBeVisible()
}

function cells(page: Page, shortDescription: string): Locator {
  return queueRow(page, shortDescription).getByRole('cell')
}

test.describe('the organization’s rules', () => {
  test.setTimeout(scaled(120_000))

  test('an admin changes a matrix cell, a category’s default group and a holiday; after one round another desk logs by them, offline too; an L1 cannot change them', async ({
    page,
    browser,
    request,
  }) => {
    const created = await request.post(`${server.url}/api/v1/admin/groups`, {
      headers: { authorization: `Bearer ${server.tokens['u-alex']}` },
      data: { name: GROUP, level: 2, memberIds: ['u-grace'] },
    })
    expect(created.status()).toBe(201)

    // The admin's desk, on the server's own origin.
    await page.goto(`${server.url}/`)
    await expect(page.getByRole('heading', { name: 'Incident queue', level: 1 })).toBeVisible()
    await signIn(page, ADMIN)
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Administration' }).click()

    await openSection(page, 'Categories')
    const categories = section(page, 'Categories')
    await expect(page.getByText('Saved on the server: every desk of the organization takes it')).toBeVisible()
    await categories.getByLabel('Default assignment group of Network').fill(GROUP)
    await save(categories, 'Save categories', 'Categories saved. New incidents use them now.')

    await openSection(page, 'Priority matrix')
    const matrix = section(page, 'Priority matrix')
    await matrix.getByLabel('Priority for impact Medium and urgency High').selectOption({ label: 'P1 Critical' })
    await save(matrix, 'Save priority matrix')

    await openSection(page, 'Business calendars')
    const calendars = section(page, 'Business calendars')
    await calendars.getByLabel('Calendar to edit').selectOption({ label: 'Weekdays 08:00–18:00' })
    await calendars.getByLabel('Holiday date').fill(SUITE_DAY)
    await calendars.getByRole('button', { name: 'Add holiday' }).click()
    await expect(calendars.getByRole('list', { name: 'Holidays' })).toContainText(SUITE_DAY)
    await save(calendars, 'Save calendars')
    await screenshotBothThemes(page, 'admin-calendars', { height: 1100 })

    // A refused change is explained and leaves the rules as they were.
    await openSection(page, 'Priority matrix')
    await matrix.getByLabel('Priority for impact High and urgency High').selectOption({ label: 'P5 Planning' })
    await matrix.getByRole('button', { name: 'Save priority matrix' }).click()
    await expect(matrix.getByRole('alert')).toContainText('must not give a lower priority')
    await matrix.getByRole('button', { name: 'Discard changes' }).click()
    await screenshotBothThemes(page, 'admin-priority-matrix', { height: 900 })

    // Another desk: an L1 agent, who sees no Administration.
    const agent = await openAnotherDesk(browser, server.url)
    await signIn(agent.page, AGENT)
    await expect(agent.page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Administration' })).toHaveCount(0)

    const vpn: IncidentReport = { shortDescription: 'VPN drops for the whole sales floor', caller: 'Jorge Silva', channel: 'Phone', impact: 'Medium', urgency: 'High' }
    const dialog = await openLogDialog(agent.page)
    await fillReport(dialog, vpn)
    await dialog.getByLabel('Category', { exact: true }).selectOption({ label: 'Network' })
    await expect(dialog.getByText(`Routed to ${GROUP} (Network)`)).toBeVisible()
    // The form shows the priority the organization's matrix gives, before anything is saved.
    await expect(dialog.getByText('P1 Critical', { exact: true })).toBeVisible()
    await screenshotBothThemes(agent.page, 'log-form-routed', { height: 1000 })
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(dialog).toBeHidden()
    // Medium × High is P1 by the organization's matrix (P2 by the default one), routed to its group.
    await expect(cells(agent.page, vpn.shortDescription).nth(0)).toHaveText('P1 Critical')
    await expect(cells(agent.page, vpn.shortDescription).nth(6)).toHaveText(GROUP)

    // Offline, the rules still hold: a P3 logged on the holiday responds on Thursday.
    await agent.context.setOffline(true)
    const reader: IncidentReport = { shortDescription: 'Badge reader at the north door rejects cards', caller: 'Ama Owusu', channel: 'Phone', impact: 'Low', urgency: 'High' }
    const offlineDialog = await openLogDialog(agent.page)
    await fillReport(offlineDialog, reader)
    await offlineDialog.getByLabel('Category', { exact: true }).selectOption({ label: 'Network' })
    await offlineDialog.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(offlineDialog).toBeHidden()
    // 4 business hours from Thursday 08:00: about a day and two and a half hours from Wednesday 09:30.
    await expect(cells(agent.page, reader.shortDescription).nth(8)).toHaveText(/^1d 2h left$/)
    await expect(cells(agent.page, reader.shortDescription).nth(6)).toHaveText(GROUP)
    // The queue's category filter offers the organization's categories by name (Security only to its group).
    const categoryFilter = agent.page.getByLabel('Category', { exact: true })
    await expect(categoryFilter.getByRole('option', { name: 'Network' })).toHaveCount(1)
    await expect(categoryFilter.getByRole('option', { name: 'Security' })).toHaveCount(0)
    await categoryFilter.selectOption({ label: 'Hardware' })
    await expect(queueRow(agent.page, reader.shortDescription)).toHaveCount(0)
    await categoryFilter.selectOption({ label: 'Network' })
    await expect(queueRow(agent.page, reader.shortDescription)).toHaveCount(1)
    await expect(queueRow(agent.page, vpn.shortDescription)).toHaveCount(1)
    await categoryFilter.selectOption({ label: 'Any' })
    await agent.context.setOffline(false)
    await expect(statusBar(agent.page).getByText('All changes synced')).toBeVisible({ timeout: SYNC_TIMEOUT })

    // The admin's desk shows the same deadline once it syncs.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Incidents', exact: true }).click()
    await statusBar(page).getByRole('button', { name: 'Sync now' }).click()
    await expect(cells(page, reader.shortDescription).nth(8)).toHaveText(/^1d 2h left$/, { timeout: SYNC_TIMEOUT })

    // Taking the holiday back would move the P3's deadline (the P1 runs on the 24×7 calendar): the editor says so before saving.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Administration' }).click()
    await openSection(page, 'Business calendars')
    await calendars.getByLabel('Calendar to edit').selectOption({ label: 'Weekdays 08:00–18:00' })
    await calendars.getByRole('button', { name: `Remove holiday ${SUITE_DAY}` }).click()
    await expect(calendars.getByRole('status').filter({ hasText: 'This change moves' })).toHaveText('This change moves 1 of the 2 running deadlines; none becomes breached.')
    await screenshotBothThemes(page, 'admin-calendar-preview', { height: 1100 })
    await calendars.getByRole('button', { name: 'Discard changes' }).click()

    // The server refuses a change from an L1 whatever a desk shows.
    const refused = await request.put(`${server.url}/api/v1/config/priorityMatrix`, {
      headers: { authorization: `Bearer ${server.tokens['u-grace']}` },
      data: { value: [[1, 1, 1], [1, 1, 1], [1, 1, 1]] },
    })
    expect(refused.status()).toBe(403)
    await agent.context.close()
  })

  test('an admin imports the service catalogue from a CSV file, gives a service its own targets and adds a resolution code; another desk routes, clocks and resolves by them', async ({ page, browser, request }) => {
    const owner = 'Payroll Applications'
    const created = await request.post(`${server.url}/api/v1/admin/groups`, {
      headers: { authorization: `Bearer ${server.tokens['u-alex']}` },
      data: { name: owner, level: 2, memberIds: ['u-grace'] },
    })
    expect(created.status()).toBe(201)
    await page.goto(`${server.url}/`)
    await signIn(page, ADMIN)
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Administration' }).click()
    await openSection(page, 'Services and configuration items')
    const services = section(page, 'Services and configuration items')
    await expect(services.getByText('No services yet')).toBeVisible()

    // One row per CI, as a CMDB exports them; the broken row is left out and said so.
    const csv = ['Service,Configuration item,Owner group,Criticality', `Payroll,PAYROLL-DB,${owner},2 - somewhat critical`, `Payroll,PAYROLL-WEB,${owner},`, 'Wiki,WIKI-01,,essential', ''].join('\r\n')
    const chooser = page.waitForEvent('filechooser')
    await services.getByRole('button', { name: 'Import from a CSV file…' }).click()
    await (await chooser).setFiles({ name: 'cmdb.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await expect(services.getByText('1 new service and 2 new configuration items from cmdb.csv. Review, then save.')).toBeVisible()
    await expect(services.getByText('Line 4: Criticality "essential" is not one of')).toBeVisible()
    await expect(services.getByLabel('Owner group')).toHaveValue(owner)
    await expect(services.getByLabel('Configuration items')).toHaveValue('PAYROLL-DB\nPAYROLL-WEB')
    // Payroll answers a P3 within 30 minutes on the 24×7 calendar, not the policy's 4 business hours.
    await services.getByLabel('Own targets for P3 Moderate').check()
    await services.getByLabel('Response target of P3 Moderate, in minutes').fill('30')
    await screenshotBothThemes(page, 'admin-services', { height: 1200 })
    await save(services, 'Save services')

    // The organization's own resolution code, and a built-in one retired.
    await openSection(page, 'Resolution codes')
    const codes = section(page, 'Resolution codes')
    await codes.getByLabel('Name of the new code').fill('Fixed by the vendor')
    await codes.getByRole('button', { name: 'Add code' }).click()
    await codes.getByLabel('Offer known_error').uncheck()
    await screenshotBothThemes(page, 'admin-resolution-codes', { height: 1000 })
    await save(codes, 'Save resolution codes')

    const agent = await openAnotherDesk(browser, server.url)
    await signIn(agent.page, AGENT)
    const payslips: IncidentReport = { shortDescription: 'Payslips show last month’s figures', caller: 'Lena Fischer', channel: 'Email', impact: 'Low', urgency: 'High' }
    const dialog = await openLogDialog(agent.page)
    await fillReport(dialog, payslips)
    await dialog.getByLabel('Affected service', { exact: true }).fill('Payroll')
    await expect(dialog.getByText(`Routed to ${owner} (Payroll)`)).toBeVisible()
    await dialog.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(dialog).toBeHidden()
    await expect(cells(agent.page, payslips.shortDescription).nth(0)).toHaveText('P3 Moderate')
    await expect(cells(agent.page, payslips.shortDescription).nth(6)).toHaveText(owner)
    // The service's own 30 minutes, on a Wednesday that is not a holiday on this server.
    await expect(cells(agent.page, payslips.shortDescription).nth(8)).toHaveText(/^(29|30)m left$/)
    await queueRow(agent.page, payslips.shortDescription).getByRole('rowheader').getByRole('button').click()
    const panel = agent.page.getByRole('dialog', { name: new RegExp(payslips.shortDescription) })
    await expect(panel.getByRole('list', { name: 'Activity' })).toContainText(`routed to ${owner} by the service rule (Payroll)`)

    // Resolving offers the organization's codes: its own, not the retired one.
    await agent.page.keyboard.press('a')
    await agent.page.keyboard.press('r')
    const resolve = agent.page.getByRole('dialog', { name: 'Resolve', exact: true })
    await expect(resolve.getByLabel('Resolution code').getByRole('option', { name: 'Known error' })).toHaveCount(0)
    await resolve.getByLabel('Resolution code').selectOption({ label: 'Fixed by the vendor' })
    await resolve.getByLabel('Resolution notes').fill('The payroll vendor re-ran last month’s batch.')
    await resolve.getByRole('button', { name: 'Resolve' }).click()
    await expect(resolve).toBeHidden()
    await expect(panel.getByRole('list', { name: 'Activity' })).toContainText('Resolved: Fixed by the vendor')
    await agent.context.close()
  })
})
