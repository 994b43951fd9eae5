import type { Locator, Page } from '@playwright/test'
import { expect, logDialog, openDesk, screenshotBothThemes, test, type IncidentReport } from './desk'
import { scaled } from './support/timeScale'

/**
 * A help-desk agent's morning, keyboard only: ten calls logged back to back (Save and new), then
 * the queue worked without touching the mouse: j/k to move, x to select, the bulk bar reached
 * with Shift+Tab, Enter to open, and in the incident panel a (assign to me), r (resolve),
 * e (escalate) and Escape (back to the row). Locator `focus()`/`press()` only ever put the
 * keyboard focus on a control, as Tab would; nothing is clicked.
 */

const ME = 'Desk user'

const CALLS: IncidentReport[] = [
  { shortDescription: 'Cannot sign in to the payroll portal', caller: 'Amira Haddad', channel: 'Phone', impact: 'Medium', urgency: 'Medium' },
  { shortDescription: 'Outlook keeps asking for the password', caller: 'Luc Moreau', channel: 'Phone', impact: 'Low', urgency: 'Medium' },
  { shortDescription: 'Printer on floor 3 jams on every job', caller: 'Priya Natarajan', channel: 'Phone', impact: 'Low', urgency: 'Low' },
  { shortDescription: 'VPN drops every five minutes', caller: 'Sanne de Vries', channel: 'Phone', impact: 'Medium', urgency: 'Medium' },
  { shortDescription: 'Shared drive S: not mapped after reboot', caller: 'Jonas Berg', channel: 'Phone', impact: 'Medium', urgency: 'Low' },
  { shortDescription: 'Teams calls have no audio', caller: 'Chloé Martin', channel: 'Phone', impact: 'Low', urgency: 'Medium' },
  { shortDescription: 'New starter has no laptop account', caller: 'Ines Costa', channel: 'Phone', impact: 'Medium', urgency: 'Medium' },
  { shortDescription: 'Badge reader at the east door is offline', caller: 'Tomás Herrera', channel: 'Phone', impact: 'Medium', urgency: 'Low' },
  { shortDescription: 'Excel crashes when opening the budget file', caller: 'Grace Okafor', channel: 'Phone', impact: 'Low', urgency: 'Low' },
  { shortDescription: 'Wi-Fi in meeting room 2.14 is very slow', caller: 'Dmitri Volkov', channel: 'Phone', impact: 'Low', urgency: 'Medium' },
]

function queueTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Incident queue' })
}

function rowNumbers(page: Page): Locator {
  return queueTable(page).getByRole('rowheader')
}

function rowOf(page: Page, number: string): Locator {
  return queueTable(page).getByRole('row').filter({ has: page.getByRole('button', { name: number, exact: true }) })
}

function savedView(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Saved views' }).getByRole('button', { name: new RegExp(`^${name}`) })
}

/** The panel of the incident `number` (its dialog is named by number and short description). */
function panelOf(page: Page, number: string): Locator {
  return page.getByRole('dialog', { name: new RegExp(`^${number}`) })
}

/** Types into the field as a person would after tabbing to it. */
async function typeInto(field: Locator, text: string): Promise<void> {
  await field.focus()
  await field.page().keyboard.type(text)
}

/** Keyboard selection in a <select>: focus it and choose by label (the keyboard's type-ahead). */
async function choose(field: Locator, label: string): Promise<void> {
  await field.focus()
  await field.selectOption({ label })
}

/** Shift+Tab until `target` has focus, as a person backs up to a toolbar; fails if it never does. */
async function shiftTabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let step = 0; step < limit; step += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return
    await page.keyboard.press('Shift+Tab')
  }
  await expect(target).toBeFocused()
}

test.describe('keyboard triage', () => {
  test('a keyboard-only triage of ten incidents', async ({ page }) => {
    test.setTimeout(scaled(90_000))
    await openDesk(page)
    // Every task over 50 ms the page's main thread runs from here on (the data worker's are its
    // own): the page should only render.
    await page.evaluate(() => {
      const durations: number[] = []
      Object.assign(window, { __longTasks: durations })
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) durations.push(Math.round(entry.duration))
      }).observe({ type: 'longtask' })
      // Which script each long frame spent its time in (Long Animation Frames), so the figure says what to fix.
      const frames: string[] = []
      Object.assign(window, { __longFrames: frames })
      type FrameScript = { invoker: string; duration: number; forcedStyleAndLayoutDuration: number }
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as unknown as Array<{ duration: number; blockingDuration: number; scripts: FrameScript[] }>) {
          if (entry.blockingDuration <= 0) continue
          const scripts = entry.scripts.map((script) => `${script.invoker} ${Math.round(script.duration)} ms (style and layout forced: ${Math.round(script.forcedStyleAndLayoutDuration)} ms)`)
          frames.push(`${Math.round(entry.duration)} ms frame: ${scripts.join('; ') || 'rendering'}`)
        }
      }).observe({ type: 'long-animation-frame' })
    })

    // Ten calls, logged back to back: N opens the form, Ctrl+Shift+Enter saves and starts the next.
    await page.keyboard.press('n')
    const form = logDialog(page)
    await expect(form).toBeVisible()
    for (const [position, call] of CALLS.entries()) {
      await typeInto(form.getByLabel('Short description'), call.shortDescription)
      await typeInto(form.getByRole('combobox', { name: 'Caller' }), call.caller)
      await choose(form.getByLabel('Channel'), call.channel)
      await choose(form.getByLabel('Impact'), call.impact)
      await choose(form.getByLabel('Urgency'), call.urgency)
      const last = position === CALLS.length - 1
      await page.keyboard.press(last ? 'Control+Enter' : 'Control+Shift+Enter')
      if (!last) await expect(form.getByLabel('Short description')).toHaveValue('')
    }
    await expect(form).toBeHidden()
    await expect(rowNumbers(page)).toHaveCount(10)
    await expect(savedView(page, 'All open')).toHaveAccessibleName('All open 10 incidents')
    const order = (await rowNumbers(page).allTextContents()).map((text) => text.trim())

    // Into the queue: Ctrl+1 goes to it, j lands on the first row and moves down, k back up.
    await page.keyboard.press('Control+1')
    await page.keyboard.press('j')
    const numberButton = (number: string) => queueTable(page).getByRole('button', { name: number, exact: true })
    await expect(numberButton(order[0]!)).toBeFocused()
    await page.keyboard.press('j')
    await page.keyboard.press('j')
    await expect(numberButton(order[2]!)).toBeFocused()
    await page.keyboard.press('k')
    await page.keyboard.press('k')
    await expect(numberButton(order[0]!)).toBeFocused()

    // Select the first four with x, and assign them to me from the bulk bar.
    for (let index = 0; index < 4; index += 1) {
      await page.keyboard.press('x')
      await expect(queueTable(page).getByRole('checkbox', { name: `Select ${order[index]}` })).toBeChecked()
      if (index < 3) await page.keyboard.press('j')
    }
    const bulkBar = page.getByRole('region', { name: 'Bulk actions' })
    await expect(bulkBar.getByRole('status')).toHaveText('4 incidents selected')
    await shiftTabTo(page, bulkBar.getByRole('button', { name: 'Assign to me' }))
    await page.keyboard.press('Enter')
    await expect(bulkBar).toBeHidden()
    for (const number of order.slice(0, 4)) await expect(rowOf(page, number).getByRole('cell').nth(7)).toHaveText(ME)
    await expect(savedView(page, 'My work')).toHaveAccessibleName('My work 4 incidents')

    // The assigned four were just updated, so they now wait least within their priority: the order changed.
    const assigned = order.slice(0, 4)
    const now = async () => (await rowNumbers(page).allTextContents()).map((text) => text.trim())
    const reordered = await now()

    // Back to the queue (j resumes at the row last worked on), Home to the top, Enter opens, r resolves.
    await page.keyboard.press('Control+1')
    await page.keyboard.press('j')
    await expect(numberButton(reordered[3]!)).toBeFocused()
    await page.keyboard.press('Home')
    await expect(numberButton(reordered[0]!)).toBeFocused()
    const resolved = reordered.slice(0, 2)
    for (const number of resolved) {
      await expect(numberButton(number)).toBeFocused()
      await page.keyboard.press('Enter')
      const panel = panelOf(page, number)
      await expect(panel).toBeVisible()
      await page.keyboard.press('r')
      const resolve = page.getByRole('dialog', { name: 'Resolve', exact: true })
      await expect(resolve).toBeVisible()
      await choose(resolve.getByLabel('Resolution code'), 'Solution provided')
      await page.keyboard.press('Tab')
      await expect(resolve.getByLabel('Resolution notes')).toBeFocused()
      await page.keyboard.type('Walked the caller through it on the phone; confirmed working.')
      await resolve.getByRole('button', { name: 'Resolve', exact: true }).press('Enter')
      await expect(resolve).toBeHidden()
      await expect(panel.locator('.state-badge').first()).toHaveText('Resolved')
      await page.keyboard.press('Escape')
      await expect(panel).toBeHidden()
      // The resolved incident left the open queue: focus keeps the place, on the row now first.
      await expect(rowOf(page, number)).toHaveCount(0)
    }
    const escalated = reordered[2]!
    await expect(numberButton(escalated)).toBeFocused()

    // Escalate the next one with e, then Escape: focus returns to its row.
    await page.keyboard.press('Enter')
    let panel = panelOf(page, escalated)
    await expect(panel).toBeVisible()
    await page.keyboard.press('e')
    const escalate = page.getByRole('dialog', { name: 'Escalate', exact: true })
    await expect(escalate).toBeVisible()
    await expect(escalate.getByRole('radio', { name: /Functional/ })).toBeChecked()
    await choose(escalate.getByLabel('To level'), 'L2')
    await typeInto(escalate.getByLabel('Assignment group'), 'Network L2')
    await typeInto(escalate.getByLabel('Reason'), 'Needs the network team: switch port errors on floor 3.')
    await escalate.getByRole('button', { name: 'Escalate', exact: true }).press('Enter')
    await expect(escalate).toBeHidden()
    await expect(panel.locator('.incident-view__level')).toHaveText('L2')
    await page.keyboard.press('Escape')
    await expect(panel).toBeHidden()
    await expect(numberButton(escalated)).toBeFocused()

    // An unassigned one: j/k to it, Enter, a takes it, Escape back to its row.
    const rows = await now()
    const taken = rows.find((number) => !assigned.includes(number) && number !== escalated)!
    const steps = rows.indexOf(taken) - rows.indexOf(escalated)
    for (let step = 0; step < Math.abs(steps); step += 1) await page.keyboard.press(steps > 0 ? 'j' : 'k')
    await expect(numberButton(taken)).toBeFocused()
    await page.keyboard.press('Enter')
    panel = panelOf(page, taken)
    await expect(panel).toBeVisible()
    await page.keyboard.press('a')
    await expect(panel).toContainText(`Assigned to ${ME}`)
    await page.keyboard.press('Escape')
    await expect(panel).toBeHidden()
    await expect(numberButton(taken)).toBeFocused()

    // Where the queue stands: two resolved (gone from the open queue), one escalated to L2,
    // the bulk-assigned and the taken one mine, the rest untouched.
    // A functional escalation hands the incident to the L2 group's queue: nobody holds it there yet.
    const mine = [...assigned.filter((number) => !resolved.includes(number) && number !== escalated), taken]
    await expect(rowNumbers(page)).toHaveCount(8)
    await expect(savedView(page, 'All open')).toHaveAccessibleName('All open 8 incidents')
    await expect(savedView(page, 'My work')).toHaveAccessibleName(`My work ${mine.length} incidents`)
    await expect(rowOf(page, escalated).getByRole('cell').nth(5)).toHaveText('L2')
    await expect(rowOf(page, escalated).getByRole('cell').nth(6)).toHaveText('Network L2')
    await expect(rowOf(page, escalated)).toContainText('Needs the network team')
    await expect(rowOf(page, escalated).getByRole('cell').nth(7)).toHaveText('Unassigned')
    for (const number of mine) await expect(rowOf(page, number).getByRole('cell').nth(7)).toHaveText(ME)
    for (const number of order.filter((candidate) => !mine.includes(candidate) && !resolved.includes(candidate) && candidate !== escalated)) {
      await expect(rowOf(page, number).getByRole('cell').nth(7)).toHaveText('Unassigned')
      await expect(rowOf(page, number).getByRole('cell').nth(1)).toHaveText('New')
    }
    await expect(rowOf(page, taken).getByRole('cell').nth(1)).toHaveText('In Progress')

    // The resolved two, with every state shown (the State facet emptied from the keyboard).
    const states = page.getByRole('region', { name: 'Filters' }).getByRole('group', { name: 'State' })
    for (const state of ['New', 'In Progress', 'On Hold']) await states.getByRole('button', { name: state }).press('Enter')
    for (const number of resolved) await expect(rowOf(page, number).getByRole('cell').nth(1)).toHaveText('Resolved')
    // Reported, not yet asserted: the first opening of the log form still costs one task of
    // 50–100 ms on these machines (its first render ≈10 ms, showModal's first style pass for the
    // form 20–36 ms, and a garbage collection when one falls there); the data work is off the page.
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks)
    const figure = longTasks.length === 0 ? 'none' : `${longTasks.length} (${longTasks.join(', ')} ms)`
    console.log(`Main-thread tasks over 50 ms during the triage: ${figure}`)
    const frames = await page.evaluate(() => (window as unknown as { __longFrames: string[] }).__longFrames)
    if (frames.length > 0) console.log(`Long animation frames:\n  ${frames.join('\n  ')}`)
    test.info().annotations.push({ type: 'main-thread tasks over 50 ms', description: figure })
    await screenshotBothThemes(page, 'queue-keyboard-triage')
    await page.setViewportSize({ width: 1920, height: 1080 })
    await screenshotBothThemes(page, 'queue-keyboard-triage-1920')
  })
})
