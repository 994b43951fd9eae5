import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { MENU_COMMANDS, type MenuCommand } from '../../src-shared/ipc/contract'
import { buildApplicationMenuTemplate, sendMenuCommand } from '../../src-main/menu/applicationMenu'
import { translatorFor } from '../../src-shared/i18n/translator'

function template(platform: string, isDevelopment = false) {
  const dispatch = vi.fn<(command: MenuCommand) => void>()
  const menu = buildApplicationMenuTemplate({ platform, isDevelopment, appName: 'Incident Desk', dispatch })
  return { menu, dispatch }
}

function allItems(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? allItems(item.submenu) : [])])
}

function itemWithId(items: readonly MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  const found = allItems(items).filter((item) => item.id === id)
  expect(found).toHaveLength(1)
  return found[0] as MenuItemConstructorOptions
}

function click(item: MenuItemConstructorOptions): void {
  const handler = item.click as unknown as (() => void) | undefined
  if (!handler) throw new Error(`menu item ${item.label} has no click handler`)
  handler()
}

describe('application menu', () => {
  it.each([
    ['incident.new', 'CmdOrCtrl+N'],
    ['search.open', 'CmdOrCtrl+K'],
    ['queue.focus', 'CmdOrCtrl+1'],
    ['shortcuts.show', 'CmdOrCtrl+/'],
  ] as const)('sends %s when its item (%s) is chosen', (command, accelerator) => {
    const { menu, dispatch } = template('linux')
    const item = itemWithId(menu, command)
    expect(item.accelerator).toBe(accelerator)
    click(item)
    expect(dispatch).toHaveBeenCalledExactlyOnceWith(command)
  })

  it('offers every menu command on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin']) {
      const ids = allItems(template(platform).menu).map((item) => item.id)
      expect(ids).toEqual(expect.arrayContaining([...MENU_COMMANDS]))
    }
  })

  it('asks the renderer for About rather than showing a native panel', () => {
    const { menu, dispatch } = template('win32')
    click(itemWithId(menu, 'about.show'))
    expect(dispatch).toHaveBeenCalledWith('about.show')
  })

  it('never binds a bare "?" that would fire while typing', () => {
    const accelerators = allItems(template('linux').menu).map((item) => item.accelerator)
    expect(accelerators).not.toContain('?')
    expect(accelerators).not.toContain('Shift+/')
  })

  it('has no reload or developer tools in production', () => {
    const roles = allItems(template('linux', false).menu).map((item) => item.role)
    expect(roles).not.toContain('toggleDevTools')
    expect(roles).not.toContain('reload')
    expect(roles).not.toContain('forceReload')
  })

  it('has reload and developer tools while developing', () => {
    const roles = allItems(template('linux', true).menu).map((item) => item.role)
    expect(roles).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']))
  })

  it('puts Quit under File on Windows and Linux, and in the app menu on macOS', () => {
    const [linuxFile] = template('linux').menu
    expect(linuxFile?.label).toBe('&File')
    expect(allItems([linuxFile as MenuItemConstructorOptions]).map((item) => item.role)).toContain('quit')

    const [macAppMenu, macFile] = template('darwin').menu
    expect(macAppMenu?.label).toBe('Incident Desk')
    expect(allItems([macAppMenu as MenuItemConstructorOptions]).map((item) => item.role)).toContain('quit')
    expect(allItems([macFile as MenuItemConstructorOptions]).map((item) => item.role)).not.toContain('quit')
  })

  it('keeps the standard editing roles so copy and paste work in every field', () => {
    const roles = allItems(template('linux').menu).map((item) => item.role)
    expect(roles).toEqual(expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']))
  })
})

describe('sendMenuCommand', () => {
  it('sends the command on the menu channel', () => {
    const send = vi.fn()
    sendMenuCommand({ send }, 'incident.new')
    expect(send).toHaveBeenCalledExactlyOnceWith('menu.command', 'incident.new')
  })

  it('does nothing when no window has focus', () => {
    expect(() => sendMenuCommand(undefined, 'search.open')).not.toThrow()
  })
})

describe('the menu in the system language', () => {
  it('words its own items in French and leaves Electron roles to Electron', () => {
    const template = buildApplicationMenuTemplate({ platform: 'linux', isDevelopment: false, appName: 'Incident Desk', dispatch: () => undefined, translator: translatorFor('fr') })
    expect(template.map((menu) => menu.label)).toEqual(['&Fichier', 'É&dition', '&Affichage', '&Aide'])
    const file = template[0]!.submenu as MenuItemConstructorOptions[]
    expect(file.map((item) => item.label ?? item.role)).toEqual(['Nouvel incident', undefined, 'Exporter en CSV…', 'Importer un CSV…', undefined, 'quit'])
  })
})
