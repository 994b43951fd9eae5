import { findDesktopBridge } from '../../src-shared/ipc/contract'
import type { Platform } from './platform'
import { createElectronPlatform } from './platform.electron'
import { createWebPlatform } from './platform.web'

/**
 * The desktop shell's preload puts its bridge on the window before the page runs; a browser
 * has none. One renderer bundle serves both, so the choice is made here at start-up rather
 * than by the bundler; both implementations are a few lines each.
 */
export function choosePlatform(scope: Window & typeof globalThis): Platform {
  const bridge = findDesktopBridge(scope)
  return bridge ? createElectronPlatform(bridge) : createWebPlatform(scope)
}
