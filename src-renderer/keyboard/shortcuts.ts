import { DESK_COMMANDS, isTypingTarget, type DeskCommand } from '../commands/deskCommands'
import { t } from '../i18n/activeLanguage'
import type { MessageId } from '../../src-shared/i18n/catalog'

/**
 * Every keyboard shortcut of the desk, once. The shortcut sheet (`?`) lists this table, and the
 * screens bind their keys from it (`shortcutMatches`), so the sheet and the bindings cannot
 * disagree. The desk-wide commands come from DESK_COMMANDS (commands/deskCommands.ts), which
 * also routes them; the keys below it belong to one screen each.
 *
 * Scopes, and when each applies:
 * - `anywhere`: the desk-wide commands; bare keys work outside text fields and dialogs,
 *   Ctrl/⌘ combinations work everywhere.
 * - `queue`: while focus is in the incident queue.
 * - `incident`: while an incident's panel is open.
 * - `search`: inside the search palette (these work while typing in its box).
 */
export type ShortcutScope = 'anywhere' | 'queue' | 'incident' | 'search'

/** One way of pressing a shortcut: a `KeyboardEvent.key`, with or without Ctrl (⌘ on macOS). */
export interface KeyChord {
  readonly key: string
  readonly control?: boolean
}

export interface Shortcut {
  readonly id: string
  /** What it does, as the sheet says it ("Assign to me"). */
  readonly label: string
  readonly scope: ShortcutScope
  /** Any of these triggers it; the first is the one to teach. */
  readonly chords: readonly KeyChord[]
  /** For `aria-keyshortcuts` on the control that performs it (WAI-ARIA key names). */
  readonly ariaKeyShortcuts: string
}

/** "/ Control+K" → [{key: '/'}, {key: 'k', control: true}] */
function chordsOf(ariaKeyShortcuts: string): KeyChord[] {
  return ariaKeyShortcuts.split(' ').map((combo) => {
    const parts = combo.split('+')
    const key = parts[parts.length - 1]!
    const control = parts.includes('Control')
    return control ? { key: key.toLowerCase(), control } : { key: key.length === 1 ? key.toLowerCase() : key }
  })
}

function fromCommand(command: DeskCommand & { ariaKeyShortcuts: string }): Shortcut {
  return { id: command.id, label: command.label, scope: 'anywhere', chords: chordsOf(command.ariaKeyShortcuts), ariaKeyShortcuts: command.ariaKeyShortcuts }
}

/** WAI-ARIA writes keys as KeyboardEvent.key values, letters in capitals, the space bar as "Space". */
function ariaKey(key: string): string {
  return key === ' ' ? 'Space' : key.length === 1 ? key.toUpperCase() : key
}

function bare(id: string, label: string, scope: ShortcutScope, ...keys: string[]): Shortcut {
  return { id, label, scope, chords: keys.map((key) => ({ key })), ariaKeyShortcuts: keys.map(ariaKey).join(' ') }
}

export const SHORTCUTS = {
  'incident.new': fromCommand(DESK_COMMANDS['incident.new']),
  'search.open': fromCommand(DESK_COMMANDS['search.open']),
  'queue.focus': fromCommand(DESK_COMMANDS['queue.focus']),
  'shortcuts.show': fromCommand(DESK_COMMANDS['shortcuts.show']),

  'queue.next': bare('queue.next', 'Next incident', 'queue', 'j', 'ArrowDown'),
  'queue.previous': bare('queue.previous', 'Previous incident', 'queue', 'k', 'ArrowUp'),
  'queue.open': bare('queue.open', 'Open the current incident', 'queue', 'Enter'),
  'queue.select': bare('queue.select', 'Select it for bulk actions (again to unselect)', 'queue', 'x', ' '),

  'incident.assignToMe': bare('incident.assignToMe', 'Assign to me', 'incident', 'a'),
  'incident.escalate': bare('incident.escalate', 'Escalate', 'incident', 'e'),
  'incident.resolve': bare('incident.resolve', 'Resolve', 'incident', 'r'),
  'incident.close': bare('incident.close', 'Close the panel', 'incident', 'Escape'),

  'search.next': bare('search.next', 'Next result', 'search', 'ArrowDown'),
  'search.previous': bare('search.previous', 'Previous result', 'search', 'ArrowUp'),
  'search.choose': bare('search.choose', 'Open the highlighted incident', 'search', 'Enter'),
  'search.close': bare('search.close', 'Close search', 'search', 'Escape'),
} as const satisfies Record<string, Shortcut>

export type ShortcutId = keyof typeof SHORTCUTS

/** A shortcut in the desk's language: a desk command by its command's name, the others by their own. */
export function shortcutLabel(shortcut: Shortcut): string {
  const id = shortcut.id as string
  return id in DESK_COMMANDS ? t(`command.${id}` as MessageId) : t(`shortcut.${id}` as MessageId)
}

/** The shortcuts of one scope, in table order. */
export function shortcutsIn(scope: ShortcutScope): Shortcut[] {
  return Object.values(SHORTCUTS).filter((shortcut: Shortcut) => shortcut.scope === scope)
}

function chordMatches(chord: KeyChord, event: KeyboardEvent): boolean {
  const control = event.ctrlKey || event.metaKey
  if (event.altKey || control !== !!chord.control) return false
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
  // Shift is allowed only where it makes the character itself ("?" is Shift+/ on many layouts).
  if (event.shiftKey && key.length === 1 && /[a-z]/.test(key)) return false
  return key === chord.key
}

/**
 * True when `event` presses `shortcut` and is free to: not already handled, not a held-down
 * repeat, and (for a bare key) not typed into a text field. Scope-wide handlers call it like
 * `if (shortcutMatches(SHORTCUTS['incident.resolve'], event)) { event.preventDefault(); … }`.
 * Search-palette keys are meant for its text box, so they skip the typing check.
 */
export function shortcutMatches(shortcut: Shortcut, event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.repeat) return false
  const matched = shortcut.chords.find((chord) => chordMatches(chord, event))
  if (!matched) return false
  if (!matched.control && shortcut.scope !== 'search' && isTypingTarget(event.target)) return false
  return true
}

const KEY_NAMES: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
}

/** Keys with a name in the desk's language (Échap, Entrée, Espace); the arrows are the same everywhere. */
function wordedKey(key: string): string | undefined {
  if (key === 'Escape') return t('key.Escape')
  if (key === 'Enter') return t('key.Enter')
  if (key === ' ') return t('key.space')
  return undefined
}

/** Whether to say ⌘ or Ctrl; the same chord is bound either way. */
export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
}

/** The keys of a chord as a person reads them: ["Ctrl", "K"], ["?"], ["↓"]. */
export function chordKeys(chord: KeyChord, mac = isMacPlatform()): string[] {
  // A bare letter is shown as typed ("j", not "J", which reads as Shift+J).
  const key = KEY_NAMES[chord.key] ?? wordedKey(chord.key) ?? (chord.control ? chord.key.toUpperCase() : chord.key)
  return chord.control ? [mac ? '⌘' : t('key.Ctrl'), key] : [key]
}
