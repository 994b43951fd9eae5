import { version } from '../../package.json'
import type { MenuCommand } from '../../src-shared/ipc/contract'
import type { Platform } from './platform'

/**
 * A browser has no application menu, so the menu's accelerators are bound on the page instead.
 * This list mirrors src-main/menu/applicationMenu.ts; keep the two in step.
 *
 * Ctrl+N is reserved by desktop Chrome (new window) and never reaches a page in a normal tab;
 * the renderer's own bare-key shortcut `n` (see commands/deskCommands.ts) covers it there.
 */
const WEB_ACCELERATORS: readonly { readonly key: string; readonly command: MenuCommand }[] = [
  { key: 'n', command: 'incident.new' },
  { key: '1', command: 'queue.focus' },
  { key: 'k', command: 'search.open' },
  { key: '/', command: 'shortcuts.show' },
]

/** Ctrl on Windows and Linux, Cmd on macOS: the browser equivalent of Electron's CmdOrCtrl. */
function isCommandOrControl(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey
}

export function createWebPlatform(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): Platform {
  return {
    kind: 'web',
    async getAppInfo() {
      return { name: 'Incident Desk', version, platform: 'web' }
    },
    onMenuCommand(listener) {
      const onKeyDown = (event: KeyboardEvent): void => {
        if (event.defaultPrevented || event.repeat || !isCommandOrControl(event)) return
        const binding = WEB_ACCELERATORS.find((candidate) => candidate.key === event.key.toLowerCase())
        if (!binding) return
        // Like a menu accelerator, this wins over the browser's own use of the key where it can.
        event.preventDefault()
        listener(binding.command)
      }
      target.addEventListener('keydown', onKeyDown)
      return () => target.removeEventListener('keydown', onKeyDown)
    },
  }
}
