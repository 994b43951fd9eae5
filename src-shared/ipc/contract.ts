/**
 * The one IPC contract between the Electron main process and the renderer.
 *
 * Both ends are typed from this file: main registers a handler for every key of `MainApi`,
 * the preload forwards only the names in `MAIN_API_CHANNELS`, and the renderer calls
 * `bridge.invoke('app.getInfo')`. Renaming a channel here breaks the build on both sides
 * instead of failing silently at run time.
 *
 * Pure: no electron, node or DOM types, so it type-checks under `lib: ["ES2022"], types: []`.
 */

/** What the desk knows about its own build, shown in the About dialog and in bug reports. */
export interface AppInfo {
  /** Product name as packaged, e.g. "Incident Desk". */
  readonly name: string
  /** The app's semantic version from package.json. */
  readonly version: string
  /** Node-style platform id of the machine: 'linux', 'win32', 'darwin'. */
  readonly platform: string
  /** Electron version the desk runs on. */
  readonly electron: string
}

/**
 * Renderer → main requests. Each channel is a function of its arguments returning a promise,
 * the shape of `ipcRenderer.invoke` / `ipcMain.handle`. Arguments cross a process boundary:
 * keep them structured-clone friendly (no functions, no class instances) and let main validate.
 */
export interface MainApi {
  'app.getInfo': () => Promise<AppInfo>
}

/** A channel name of `MainApi`. */
export type MainApiChannel = keyof MainApi

/**
 * The channel names at run time. Types vanish after compilation, and the preload must refuse
 * any name a compromised renderer makes up, so the list exists as a value too.
 */
export const MAIN_API_CHANNELS = ['app.getInfo'] as const satisfies readonly MainApiChannel[]

/**
 * Compile-time proof that MAIN_API_CHANNELS lists every channel of MainApi: adding a channel
 * to the interface without listing it fails here, rather than being rejected by the preload.
 */
type MustBeEmpty<T extends never> = T
type _EveryChannelListed = MustBeEmpty<Exclude<MainApiChannel, (typeof MAIN_API_CHANNELS)[number]>>

export function isMainApiChannel(value: unknown): value is MainApiChannel {
  return typeof value === 'string' && (MAIN_API_CHANNELS as readonly string[]).includes(value)
}

/**
 * Main → renderer commands, sent when the user picks an application-menu item or presses its
 * accelerator. The renderer owns what each does; main only says which one was chosen.
 *
 * - `incident.new`: open the form to log a new incident.
 * - `queue.focus`: move focus to the incident queue (keyboard users coming from elsewhere).
 * - `search.open`: open the search / command palette.
 * - `shortcuts.show`: show the keyboard shortcut reference.
 * - `about.show`: show the About dialog (the renderer reads versions via `app.getInfo`).
 */
export const MENU_COMMANDS = ['incident.new', 'queue.focus', 'search.open', 'shortcuts.show', 'about.show'] as const

export type MenuCommand = (typeof MENU_COMMANDS)[number]

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value)
}

/** The single IPC channel on which main sends a `MenuCommand` to the renderer. */
export const MENU_COMMAND_CHANNEL = 'menu.command'

/**
 * What the preload exposes to the renderer. Deliberately narrow: a typed request function and
 * one subscription. It never hands out `ipcRenderer` or an IPC event (whose `sender` would be
 * `ipcRenderer` again), so page script cannot reach arbitrary channels.
 */
export interface DesktopBridge {
  invoke<C extends MainApiChannel>(channel: C, ...args: Parameters<MainApi[C]>): ReturnType<MainApi[C]>
  /** Subscribes to menu commands; returns the function that unsubscribes. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}

/** The global name the bridge lives under in the renderer: `window.incidentDesk`. */
export const DESKTOP_BRIDGE_GLOBAL = 'incidentDesk'

/**
 * The bridge if this page runs inside the desktop shell, otherwise undefined (a browser).
 * The platform seam uses it to pick its electron or web implementation; pass `globalThis`.
 */
export function findDesktopBridge(scope: object): DesktopBridge | undefined {
  const candidate: unknown = (scope as Record<string, unknown>)[DESKTOP_BRIDGE_GLOBAL]
  if (typeof candidate !== 'object' || candidate === null) return undefined
  const { invoke, onMenuCommand } = candidate as Partial<Record<keyof DesktopBridge, unknown>>
  return typeof invoke === 'function' && typeof onMenuCommand === 'function' ? (candidate as DesktopBridge) : undefined
}
