import type { MenuCommand } from '../../src-shared/ipc/contract'

/**
 * The desk's commands as data, once: the label a button shows, and the bare key that triggers
 * it anywhere outside a text field. Menu accelerators (Ctrl+N…) come through the platform seam
 * instead: the desktop menu in Electron, page key bindings in a browser.
 *
 * Bare keys are the renderer's own because a menu accelerator would fire while the user types:
 * an `n` in a short description must stay an `n`.
 */
export interface DeskCommand {
  readonly id: MenuCommand
  readonly label: string
  /** A single key without modifiers, as `KeyboardEvent.key` reports it. */
  readonly bareKey?: string
  /** For `aria-keyshortcuts` on the control that performs it (WAI-ARIA key names). */
  readonly ariaKeyShortcuts?: string
}

export const DESK_COMMANDS = {
  'incident.new': { id: 'incident.new', label: 'Log incident', bareKey: 'n', ariaKeyShortcuts: 'N Control+N' },
  'queue.focus': { id: 'queue.focus', label: 'Incident queue', ariaKeyShortcuts: 'Control+1' },
  'search.open': { id: 'search.open', label: 'Search', bareKey: '/', ariaKeyShortcuts: '/ Control+K' },
  'shortcuts.show': { id: 'shortcuts.show', label: 'Keyboard shortcuts', bareKey: '?', ariaKeyShortcuts: '? Control+/' },
  'about.show': { id: 'about.show', label: 'About Incident Desk' },
  'export.incidents': { id: 'export.incidents', label: 'Export CSV…' },
  'import.incidents': { id: 'import.incidents', label: 'Import CSV…' },
} as const satisfies Record<MenuCommand, DeskCommand>

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number', 'date', 'datetime-local', 'time'])

/** True while the user is typing somewhere, so a bare key is text, not a command. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type)
}

/** The command a bare key press asks for, if any. */
export function commandForBareKey(event: KeyboardEvent): MenuCommand | undefined {
  if (event.defaultPrevented || event.repeat || event.ctrlKey || event.metaKey || event.altKey) return undefined
  if (isTypingTarget(event.target)) return undefined
  // A modal dialog owns the keyboard while it is open.
  if (event.target instanceof Element && event.target.closest('dialog[open]')) return undefined
  const key = event.key.toLowerCase()
  return Object.values(DESK_COMMANDS).find((command: DeskCommand) => command.bareKey === key)?.id
}
