import type { Browser, BrowserContext, Locator, Page } from '@playwright/test'
import { escapeRegExp, expect, openDesk, queueRow } from './desk'
import { suiteNow } from './support/suiteClock'
import { scaled } from './support/timeScale'
import type { E2eAccount } from './support/accounts'
import type { AnyLocale } from '../../src-shared/i18n/locales'
import { translatorFor } from '../../src-shared/i18n/translator'

/**
 * The specs that run against the e2e sync server share these: the status bar, signing in,
 * waiting for a round, a second person's desk, and the number the server gives an incident.
 */

/** A round through the sync server, on a busy two-core machine. */
export const SYNC_TIMEOUT = scaled(20_000)

/** The helpers below read the desk in `locale` (English unless a spec chose another), labels from its catalog. */
export function statusBar(page: Page, locale: AnyLocale = 'en'): Locator {
  return page.getByRole('contentinfo', { name: translatorFor(locale).t('sync.bar') })
}

/** The desk has nothing waiting: every change is on the server. */
export async function expectSynced(page: Page, locale: AnyLocale = 'en'): Promise<void> {
  const { t } = translatorFor(locale)
  await expect(statusBar(page, locale).getByText(t('sync.allSynced'))).toBeVisible({ timeout: SYNC_TIMEOUT })
  await expect(statusBar(page, locale).getByRole('status').filter({ hasText: new RegExp(`^${escapeRegExp(t('sync.synced'))}$`) })).toBeVisible()
}

/** Fills and submits an open sign-in dialog, then waits for the first round. */
export async function submitSignIn(page: Page, dialog: Locator, account: E2eAccount, locale: AnyLocale = 'en'): Promise<void> {
  const { t } = translatorFor(locale)
  await dialog.getByLabel(t('signIn.username')).fill(account.username)
  await dialog.getByLabel(t('signIn.password')).fill(account.password)
  await dialog.getByRole('button', { name: t('signIn.submit'), exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(statusBar(page, locale)).toContainText(account.displayName)
  await expectSynced(page, locale)
}

/** Signs in from the status bar, as a person does. */
export async function signIn(page: Page, account: E2eAccount, locale: AnyLocale = 'en'): Promise<void> {
  const { t } = translatorFor(locale)
  await statusBar(page, locale).getByRole('button', { name: t('account.signIn') }).click()
  const dialog = page.getByRole('dialog', { name: t('signIn.title') })
  await expect(dialog).toBeVisible()
  await submitSignIn(page, dialog, account, locale)
}

export interface OtherDesk {
  context: BrowserContext
  page: Page
  /** Console errors of this desk (the test fixture watches only the test's own page). */
  errors: string[]
}

/** Another person's desk: its own browser context, so its own IndexedDB and session. */
export async function openAnotherDesk(browser: Browser, baseURL: string | undefined): Promise<OtherDesk> {
  const context = await browser.newContext({ baseURL, locale: 'en-GB', timezoneId: 'Europe/London', viewport: { width: 1280, height: 800 } })
  // The suite's clock, like every desk's (support/suiteClock.ts).
  await context.clock.install({ time: suiteNow() })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await openDesk(page)
  return { context, page, errors }
}

/** The number the server gave the incident (INC and seven digits), once it shows in the queue. */
export async function serverNumberOf(page: Page, shortDescription: string): Promise<string> {
  const number = queueRow(page, shortDescription).getByRole('rowheader')
  await expect(number).toHaveText(/^INC\d{7}$/, { timeout: SYNC_TIMEOUT })
  return (await number.textContent())?.trim() ?? ''
}
