import type { Locator, Page } from '@playwright/test'
import type { AnyLocale } from '../../src-shared/i18n/locales'
import { translatorFor } from '../../src-shared/i18n/translator'
import { expect, localInputHoursFromNow, screenshotBothThemes, test, type IncidentReport } from './desk'
import { ALEX } from './support/accounts'
import { signIn } from './syncDesk'
import { scaled } from './support/timeScale'

/**
 * The desk in the user's language: French when the system speaks it, any language chosen in
 * Settings, and the pseudo-locale that finds strings which do not go through the catalog.
 */
const OUTAGE: Pick<IncidentReport, 'shortDescription' | 'caller'> = { shortDescription: 'Shared drives unreachable across head office', caller: 'Helena Novak' }

/** Logs a P1 through the form in the desk's language: labels from the same catalog, choices by value. */
async function logThroughForm(page: Page, report: Pick<IncidentReport, 'shortDescription' | 'caller'>, locale: AnyLocale): Promise<void> {
  const { t } = translatorFor(locale)
  await page.getByRole('button', { name: t('command.incident.new'), exact: true }).click()
  const dialog = page.getByRole('dialog', { name: t('log.title') })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel(t('log.shortDescription')).fill(report.shortDescription)
  await dialog.getByLabel(t('log.caller')).fill(report.caller)
  await dialog.getByLabel(t('log.channel')).selectOption('phone')
  await dialog.getByLabel(t('field.impact')).selectOption('1')
  await dialog.getByLabel(t('field.urgency')).selectOption('1')
  await dialog.getByRole('button', { name: t('common.save'), exact: true }).click()
  await expect(dialog).toBeHidden()
}

/**
 * Declares the open incident major through its dialog, then opens it from the Major incidents
 * list: every label read from the catalog of `locale`.
 */
async function declareMajorAndOpenIt(page: Page, panel: Locator, locale: AnyLocale, reason: string): Promise<void> {
  const { t } = translatorFor(locale)
  await panel.getByRole('button', { name: t('bar.declareMajor') }).click()
  const declare = page.getByRole('dialog', { name: t('dialog.declareMajor') })
  await declare.getByLabel(t('field.majorReason')).fill(reason)
  await declare.getByRole('button', { name: t('submit.declareMajor') }).click()
  await expect(declare).toBeHidden()
  await panel.getByRole('button', { name: t('view.close') }).click()
  await page.getByRole('navigation', { name: t('shell.screens') }).getByRole('button', { name: t('shell.tab.major'), exact: true }).click()
  // The list names the running major incidents before one is opened.
  await expect(page.getByText(t('major.runningCount', { count: 1 }))).toBeVisible()
  await page.getByRole('button', { name: new RegExp(OUTAGE.shortDescription) }).click()
  await expect(page.getByRole('heading', { name: t('major.view.post') })).toBeVisible()
}

function rowOf(page: Page, shortDescription: string): Locator {
  return page.getByRole('row', { name: shortDescription })
}

test.describe('a French system', () => {
  test.use({ locale: 'fr-FR' })
  test.setTimeout(scaled(90_000))

  test('the queue and the incident view speak French, SLA clocks and counts included', async ({ page }) => {
    await page.goto('/')
    await expect(page.getByRole('heading', { name: 'File des incidents', level: 1 })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', /^fr/)
    await expect(page.getByRole('contentinfo').getByRole('status').first()).toHaveText('Autonome')
    await logThroughForm(page, OUTAGE, 'fr')

    const row = rowOf(page, OUTAGE.shortDescription)
    await expect(row.getByText('P1 Critique')).toBeVisible()
    await expect(row.getByText('Nouveau', { exact: true })).toBeVisible()
    // The suite's clock is a Wednesday morning: the P1 response target is minutes away, in French units.
    await expect(row.getByText(/^\d+ min restant$/)).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: /^1 incident$/ })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Réinitialiser les filtres' })).toBeVisible()
    await screenshotBothThemes(page, 'language-fr-queue')

    await row.getByRole('rowheader').getByRole('button').click()
    const panel = page.getByRole('dialog', { name: new RegExp(OUTAGE.shortDescription) })
    await expect(panel).toBeVisible()
    await expect(panel.getByText(/restant/).first()).toBeVisible()
    await screenshotBothThemes(page, 'language-fr-incident')

    // Declared major, then the major-incident view and the reports, in French.
    const fr = translatorFor('fr')
    await declareMajorAndOpenIt(page, panel, 'fr', 'Tous les lecteurs partagés du siège sont inaccessibles')
    await screenshotBothThemes(page, 'language-fr-major', { height: 1100 })

    await page.getByRole('navigation', { name: fr.t('shell.screens') }).getByRole('button', { name: fr.t('shell.tab.reports'), exact: true }).click()
    await expect(page.getByRole('heading', { name: fr.t('reports.title'), level: 1 })).toBeVisible()
    await expect(page.getByRole('list', { name: fr.t('reports.figures') })).toContainText(fr.t('report.figure.logged'))
    await screenshotBothThemes(page, 'language-fr-reports', { height: 1100 })
  })
})

test('a language chosen in Settings applies at once, stays after a reload, and can follow the system again', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Incident queue', level: 1 })).toBeVisible()
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings', exact: true }).click()
  await page.getByLabel('Language of the desk').selectOption({ label: 'Français' })
  await expect(page.getByLabel('Langue du poste')).toHaveValue('fr')
  await expect(page.getByRole('navigation', { name: 'Écrans' })).toBeVisible()

  await page.reload()
  await expect(page.getByRole('heading', { name: 'File des incidents', level: 1 })).toBeVisible()
  await page.getByRole('navigation', { name: 'Écrans' }).getByRole('button', { name: 'Paramètres', exact: true }).click()
  await page.getByLabel('Langue du poste').selectOption('system')
  await expect(page.getByLabel('Language of the desk')).toHaveValue('system')
})

/**
 * Regions whose every word goes through the catalog. In the pseudo-locale each message is
 * accented and marked ⟦ ⟧, so any run of two plain ASCII letters left there is a string written
 * in the code. Names and data are marked translate="no"; key caps are not words. Regions join
 * this list as their screens are translated.
 */
const TRANSLATED_REGIONS = ['header.app-header', 'footer.status-bar', '.queue__toolbar', '.queue-filters', '.saved-views', '.queue-grid thead', '.empty-queue', 'dialog.log-dialog', 'section.settings-layout', 'section.reports']

async function hardCodedStrings(page: Page, regions: readonly string[]): Promise<string[]> {
  return page.evaluate((selectors) => {
    const found: string[] = []
    const plain = /[A-Za-z]{2,}/
    // What lies between the marks came through the catalog, data in its placeholders included; a
    // message with markup spans several text nodes, so an unclosed mark runs to the node's end.
    const withoutMessages = (text: string) => text.replace(/⟦[^⟧]*⟧/g, '').replace(/⟦.*$/s, '').replace(/^.*⟧/s, '')
    const skipped = (element: Element | null) => element?.closest('[translate="no"], kbd') != null
    for (const selector of selectors) {
      for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = withoutMessages(node.textContent ?? '')
          if (plain.test(text) && !skipped(node.parentElement)) found.push(`${selector}: "${text.trim()}"`)
        }
        for (const element of [root, ...root.querySelectorAll('*')]) {
          for (const attribute of ['aria-label', 'title', 'placeholder']) {
            const value = withoutMessages(element.getAttribute(attribute) ?? '')
            if (plain.test(value) && !skipped(element)) found.push(`${selector} [${attribute}]: "${value}"`)
          }
        }
      }
    }
    return found
  }, regions)
}

test('the pseudo-locale finds no hard-coded string in the translated regions', async ({ page }) => {
  test.setTimeout(scaled(90_000))
  await page.addInitScript(() => localStorage.setItem('incident-desk.language', 'en-XA'))
  await page.goto('/')
  await expect(page.locator('.empty-queue')).toBeVisible()
  expect(await hardCodedStrings(page, TRANSLATED_REGIONS)).toEqual([])

  // The log form, open and empty.
  const pseudo = translatorFor('en-XA')
  await page.keyboard.press('n')
  const logForm = page.getByRole('dialog', { name: pseudo.t('log.title') })
  await expect(logForm).toBeVisible()
  expect(await hardCodedStrings(page, TRANSLATED_REGIONS)).toEqual([])
  await page.keyboard.press('Escape')
  await expect(logForm).toBeHidden()

  await logThroughForm(page, OUTAGE, 'en-XA')
  await expect(rowOf(page, OUTAGE.shortDescription)).toBeVisible()
  expect(await hardCodedStrings(page, TRANSLATED_REGIONS)).toEqual([])
  await screenshotBothThemes(page, 'language-pseudo-queue')

  // The incident view, with a work note in its activity.
  await rowOf(page, OUTAGE.shortDescription).getByRole('rowheader').getByRole('button').click()
  const panel = page.getByRole('dialog', { name: new RegExp(OUTAGE.shortDescription) })
  await panel.getByLabel(pseudo.t('note.label')).fill('Checked the file server: the share is offline')
  await panel.getByRole('button', { name: pseudo.t('note.workNote') }).click()
  await expect(panel.getByText('Checked the file server: the share is offline')).toBeVisible()
  expect(await hardCodedStrings(page, ['dialog.incident-view'])).toEqual([])
  await screenshotBothThemes(page, 'language-pseudo-incident')

  // Declared major: the major-incident view.
  await declareMajorAndOpenIt(page, panel, 'en-XA', 'Every shared drive at head office is down')
  expect(await hardCodedStrings(page, ['article.major-view'])).toEqual([])

  const screens = page.getByRole('navigation', { name: pseudo.t('shell.screens') })
  await screens.getByRole('button', { name: pseudo.t('shell.tab.settings'), exact: true }).click()
  await expect(page.getByRole('heading', { name: pseudo.t('settings.title'), level: 1 })).toBeVisible()
  expect(await hardCodedStrings(page, TRANSLATED_REGIONS)).toEqual([])

  await screens.getByRole('button', { name: pseudo.t('shell.tab.reports'), exact: true }).click()
  await expect(page.getByRole('list', { name: pseudo.t('reports.figures') })).toBeVisible()
  expect(await hardCodedStrings(page, TRANSLATED_REGIONS)).toEqual([])
  await screenshotBothThemes(page, 'language-pseudo-reports', { height: 1100 })
})

/** A ServiceNow list export with one good row and three the import must refuse, each for another reason. */
const IMPORT_WITH_PROBLEMS = [
  'number,short_description,caller_id,impact,urgency,opened_at,contact_type',
  'INC0010001,VPN drops every ten minutes,Ann Lee,2 - Medium,2 - Medium,2026-11-30 09:15:00,phone',
  'INC0010002,Printer jams on tray 2,Ann Lee,7,2 - Medium,2026-11-30 09:20:00,carrier pigeon',
  'INC0010003,Badge reader dead,Ann Lee,3 - Low,3 - Low,30/11/2026,phone',
  'INC0010004,Too few fields',
  'INC0010005,Mail down,Ann Lee,1 - High,1 - High,2026-11-30 09:30:00,carrier pigeon',
].join('\n')

test('the pseudo-locale finds no hard-coded string in the step dialogs, the disclosure panel, import and export', async ({ page }) => {
  test.setTimeout(scaled(120_000))
  const pseudo = translatorFor('en-XA')
  await page.addInitScript(() => localStorage.setItem('incident-desk.language', 'en-XA'))
  await page.goto('/')
  await expect(page.locator('.empty-queue')).toBeVisible()

  // A security incident: the standalone desk's user is an admin, who sees its disclosure clocks.
  await page.getByRole('button', { name: pseudo.t('command.incident.new'), exact: true }).click()
  const logForm = page.getByRole('dialog', { name: pseudo.t('log.title') })
  await logForm.getByLabel(pseudo.t('log.shortDescription')).fill('Phishing mail with a payroll link')
  await logForm.getByLabel(pseudo.t('log.caller')).fill('Noor Haddad')
  await logForm.getByLabel(pseudo.t('field.impact')).selectOption('2')
  await logForm.getByLabel(pseudo.t('field.urgency')).selectOption('2')
  await logForm.getByLabel(pseudo.t('log.category'), { exact: true }).selectOption('security')
  await logForm.getByRole('button', { name: pseudo.t('common.save'), exact: true }).click()
  await expect(logForm).toBeHidden()

  await rowOf(page, 'Phishing mail with a payroll link').getByRole('rowheader').getByRole('button').click()
  const panel = page.getByRole('dialog', { name: /Phishing mail with a payroll link/ })
  await panel.getByRole('button', { name: pseudo.t('bar.acknowledge') }).click()

  // Each step's dialog, sent empty so that its own checks speak too.
  // (Canceling needs nothing more than its default reason, so its dialog is only looked at.)
  for (const step of ['hold', 'escalate', 'resolve', 'link', 'cancel'] as const) {
    await panel.getByRole('button', { name: pseudo.t(`bar.${step}`) }).click()
    const dialog = page.getByRole('dialog', { name: pseudo.t(`dialog.${step}`) })
    await expect(dialog).toBeVisible()
    if (step !== 'cancel') {
      await dialog.getByRole('button', { name: pseudo.t(`submit.${step}`), exact: true }).click()
      await expect(dialog.locator('.form__error').first()).not.toBeEmpty()
    }
    expect(await hardCodedStrings(page, ['dialog.action-dialog']), step).toEqual([])
    await page.keyboard.press('Escape')
    await expect(dialog).toBeHidden()
  }

  // The disclosure clocks, with two regimes and a trigger two hours ago.
  const disclosure = panel.locator('section.disclosure')
  await disclosure.getByRole('checkbox', { name: pseudo.t('regime.gdpr') }).check()
  await disclosure.getByRole('checkbox', { name: pseudo.t('regime.nis2') }).check()
  await disclosure.getByRole('button', { name: pseudo.t('disclosure.saveRegimes') }).click()
  const trigger = disclosure.getByRole('form', { name: pseudo.t('disclosure.recordTrigger') })
  await trigger.getByLabel(pseudo.t('disclosure.trigger')).selectOption('awareness')
  const twoHoursAgo = await localInputHoursFromNow(page, -2)
  await trigger.getByLabel(pseudo.t('disclosure.happenedAt')).fill(twoHoursAgo)
  await trigger.getByRole('button', { name: pseudo.t('disclosure.record') }).click()
  await expect(disclosure.getByRole('timer').first()).toBeVisible()
  expect(await hardCodedStrings(page, ['section.disclosure'])).toEqual([])
  await disclosure.getByRole('heading').first().evaluate((heading) => heading.scrollIntoView({ block: 'start' }))
  await screenshotBothThemes(page, 'language-pseudo-disclosure')
  await panel.getByRole('button', { name: pseudo.t('view.close') }).click()

  // Export: the dialog as it opens.
  await page.getByRole('button', { name: pseudo.t('command.export.incidents') }).click()
  const exportDialog = page.getByRole('dialog', { name: pseudo.t('export.title') })
  await expect(exportDialog).toBeVisible()
  expect(await hardCodedStrings(page, ['dialog.export-dialog'])).toEqual([])
  await page.keyboard.press('Escape')
  await expect(exportDialog).toBeHidden()

  // Import: a file with problems, each said in the desk's language.
  await page.getByRole('button', { name: pseudo.t('command.import.incidents') }).click()
  const importDialog = page.getByRole('dialog', { name: pseudo.t('import.title') })
  await importDialog.getByLabel(pseudo.t('import.file')).setInputFiles({ name: 'servicenow.csv', mimeType: 'text/csv', buffer: Buffer.from(IMPORT_WITH_PROBLEMS) })
  await importDialog.getByLabel(pseudo.t('import.from')).selectOption('servicenow')
  await expect(importDialog.getByText(pseudo.t('import.problems', { count: 3 }))).toBeVisible()
  // A channel the desk does not know waits for a choice, in the desk's language too.
  await expect(importDialog.getByText(pseudo.t('import.unknown.title', { count: 1 }))).toBeVisible()
  expect(await hardCodedStrings(page, ['dialog.import-dialog'])).toEqual([])
  await screenshotBothThemes(page, 'language-pseudo-import', { height: 1100 })
  await importDialog.getByRole('button', { name: pseudo.t('import.cancel') }).click()
  await expect(importDialog).toBeHidden()

  // The shortcut sheet, and search with a result whose match is in the caller's name.
  await page.keyboard.press('?')
  const sheet = page.getByRole('dialog', { name: pseudo.t('shortcuts.title') })
  await expect(sheet).toBeVisible()
  expect(await hardCodedStrings(page, ['dialog.shortcut-sheet'])).toEqual([])
  await page.keyboard.press('Escape')
  await expect(sheet).toBeHidden()
  await page.keyboard.press('Control+k')
  const search = page.getByRole('dialog', { name: pseudo.t('search.title') })
  await search.getByRole('combobox').fill('Noor')
  await expect(search.getByRole('option')).toHaveCount(1)
  expect(await hardCodedStrings(page, ['dialog.search-palette'])).toEqual([])
})

test('the pseudo-locale finds no hard-coded string in Administration', async ({ page }) => {
  test.setTimeout(scaled(90_000))
  const pseudo = translatorFor('en-XA')
  await page.addInitScript(() => localStorage.setItem('incident-desk.language', 'en-XA'))
  await page.goto('/')
  await expect(page.locator('.empty-queue')).toBeVisible()
  await signIn(page, ALEX, 'en-XA')
  await page.getByRole('navigation', { name: pseudo.t('shell.screens') }).getByRole('button', { name: pseudo.t('shell.tab.admin'), exact: true }).click()
  await expect(page.getByRole('heading', { name: pseudo.t('admin.title'), level: 1 })).toBeVisible()
  const sections = page.getByRole('navigation', { name: pseudo.t('settings.sections', { title: pseudo.t('admin.title') }) })
  for (const section of await sections.getByRole('button').all()) {
    await section.click()
    await expect(page.getByRole('heading', { level: 2, name: await section.innerText() })).toBeVisible()
    expect(await hardCodedStrings(page, TRANSLATED_REGIONS), await section.innerText()).toEqual([])
  }
  // An add-user form sent empty speaks too.
  await sections.getByRole('button').first().click()
  const addUser = page.getByRole('form', { name: pseudo.t('admin.addUser.title') })
  await addUser.getByRole('button', { name: pseudo.t('admin.addUser') }).click()
  // Refused on the desk, in its language, before anything is sent.
  await expect(addUser.getByRole('alert')).toHaveText(pseudo.t('admin.check.name'))
  expect(await hardCodedStrings(page, TRANSLATED_REGIONS)).toEqual([])
  await screenshotBothThemes(page, 'language-pseudo-admin', { height: 1100 })
})
