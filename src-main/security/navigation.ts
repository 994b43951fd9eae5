import type { WebContents } from 'electron'
import { isAllowedOrigin } from './origin'

/**
 * What to do when page content tries to leave the app.
 *
 * - `allow`: navigation within our own origin (the SPA reloading itself).
 * - `open-externally`: an https:// or mailto: link the user followed; it opens in the system
 *   browser or mail client, where it has none of the desk's privileges.
 * - `deny`: everything else (file://, http://, javascript:, other custom schemes).
 */
export type NavigationDecision = 'allow' | 'open-externally' | 'deny'

/** Schemes handed to the OS. http: is left out so nothing leaves the machine unencrypted by our doing. */
const EXTERNAL_SCHEMES = new Set(['https:', 'mailto:'])

export function decideNavigation(url: string, allowedOrigins: readonly string[]): NavigationDecision {
  if (isAllowedOrigin(url, allowedOrigins)) return 'allow'
  return isExternallyOpenable(url) ? 'open-externally' : 'deny'
}

export function isExternallyOpenable(url: string): boolean {
  try {
    return EXTERNAL_SCHEMES.has(new URL(url).protocol)
  } catch {
    return false
  }
}

export interface NavigationGuardOptions {
  readonly allowedOrigins: readonly string[]
  /** shell.openExternal in production; a spy in tests. */
  readonly openExternal: (url: string) => void
}

/**
 * Locks a webContents to our origin (Electron security checklist items 12–14): a page that
 * navigates elsewhere would keep the preload and its IPC bridge. Applied to every webContents
 * the app creates, via app's 'web-contents-created', so no window can be forgotten.
 */
export function guardNavigation(contents: WebContents, options: NavigationGuardOptions): void {
  const { allowedOrigins, openExternal } = options

  // 'will-frame-navigate' covers the main frame and any subframe, unlike 'will-navigate'.
  contents.on('will-frame-navigate', (event) => {
    const decision = decideNavigation(event.url, allowedOrigins)
    if (decision === 'allow') return
    event.preventDefault()
    // Only a top-level link is the user's intent; a subframe changing location is not.
    if (decision === 'open-externally' && event.isMainFrame) openExternal(event.url)
  })

  // A same-origin request that the server redirects elsewhere is still leaving the app.
  contents.on('will-redirect', (event) => {
    if (decideNavigation(event.url, allowedOrigins) !== 'allow') event.preventDefault()
  })

  // The desk has one window; links with target=_blank or window.open() go to the system browser.
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternallyOpenable(url)) openExternal(url)
    return { action: 'deny' }
  })

  // <webview> is disabled in webPreferences; refusing the attach is the second lock on that door.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
  })
}
