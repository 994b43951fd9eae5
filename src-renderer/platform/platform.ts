import type { MenuCommand } from '../../src-shared/ipc/contract'

/**
 * The renderer's one door to the outside world (DESIGN §2, the platform seam). Two
 * implementations, chosen by file name the way Actual Budget does it:
 *
 * - `platform.electron.ts`: inside the desktop shell, through the preload's `window.incidentDesk`
 *   bridge; main owns the menu, files, the session token and the HTTP calls.
 * - `platform.web.ts`: in a plain browser tab (the e2e tests, and a web desk): the page does
 *   these things itself.
 *
 * Components never ask which one they have; they call the interface. Grow it one capability at a
 * time (sync transport, file export, backups) with both implementations in the same change.
 */
export interface Platform {
  /**
   * Which implementation this is. For diagnostics and the About box only: branching on it in a
   * component means a capability is missing from this interface.
   */
  readonly kind: 'electron' | 'web'

  /** Product name, version and where it runs, for the About box and bug reports. */
  getAppInfo(): Promise<PlatformAppInfo>

  /**
   * Subscribes to the application's commands: the desktop menu and its accelerators, or in a
   * browser the keyboard shortcuts that stand in for them. Returns the function that unsubscribes.
   */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}

export interface PlatformAppInfo {
  readonly name: string
  readonly version: string
  /** 'linux', 'win32', 'darwin' on the desktop; 'web' in a browser. */
  readonly platform: string
}
