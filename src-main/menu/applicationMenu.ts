import type { MenuItemConstructorOptions, WebContents } from 'electron'
import { MENU_COMMAND_CHANNEL, type MenuCommand } from '../../src-shared/ipc/contract'
import { english, type Translator } from '../../src-shared/i18n/translator'

export interface ApplicationMenuOptions {
  /** process.platform: macOS gets its app menu and Window menu, others get Quit under File. */
  readonly platform: string
  /** Reload and developer tools exist only while developing; users get no back door into the page. */
  readonly isDevelopment: boolean
  readonly appName: string
  /** Delivers a command to the renderer of the focused window. */
  readonly dispatch: (command: MenuCommand) => void
  /** The words of the menu; English when not given. */
  readonly translator?: Translator
}

/**
 * The application menu as data, so tests can read it and click it without Electron.
 * Items that belong to the renderer carry the MenuCommand as their `id`; main does not know what
 * "new incident" means, it only forwards the choice.
 *
 * Shortcuts: the keyboard reference is Ctrl/Cmd+/ here, not a bare "?". A menu accelerator fires
 * even while the user types in a text field, so "?" would hijack every question typed into an
 * incident description; the renderer binds "?" itself, outside text fields.
 */
export function buildApplicationMenuTemplate(options: ApplicationMenuOptions): MenuItemConstructorOptions[] {
  const { platform, isDevelopment, appName, dispatch } = options
  const { t } = options.translator ?? english()
  const isMac = platform === 'darwin'
  const command = (id: MenuCommand, label: string, accelerator?: string): MenuItemConstructorOptions => ({
    id,
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => dispatch(id),
  })
  const separator: MenuItemConstructorOptions = { type: 'separator' }
  const about = command('about.show', t('menu.about', { name: appName }))

  const macAppMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  }
  const fileMenu: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: [
      command('incident.new', t('menu.newIncident'), 'CmdOrCtrl+N'),
      separator,
      command('export.incidents', t('menu.export')),
      command('import.incidents', t('menu.import')),
      separator,
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  }
  const editMenu: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: [{ role: 'undo' }, { role: 'redo' }, separator, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }],
  }
  const developerItems: MenuItemConstructorOptions[] = isDevelopment
    ? [separator, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }]
    : []
  const viewMenu: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      command('queue.focus', t('menu.queue'), 'CmdOrCtrl+1'),
      command('search.open', t('menu.search'), 'CmdOrCtrl+K'),
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
      ...developerItems,
    ],
  }
  const helpMenu: MenuItemConstructorOptions = {
    role: 'help',
    label: t('menu.help'),
    submenu: [command('shortcuts.show', t('menu.shortcuts'), 'CmdOrCtrl+/'), ...(isMac ? [] : [separator, about])],
  }

  return isMac
    ? [macAppMenu, fileMenu, editMenu, viewMenu, { role: 'windowMenu' }, helpMenu]
    : [fileMenu, editMenu, viewMenu, helpMenu]
}

/** Sends a menu command on the one channel the preload listens to; no window, no-op. */
export function sendMenuCommand(target: Pick<WebContents, 'send'> | undefined, command: MenuCommand): void {
  target?.send(MENU_COMMAND_CHANNEL, command)
}
