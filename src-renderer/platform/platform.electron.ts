import type { DesktopBridge } from '../../src-shared/ipc/contract'
import type { Platform } from './platform'

/**
 * The platform inside the desktop shell. Everything goes through the preload's narrow bridge;
 * the page never sees ipcRenderer, and main validates every call again.
 */
export function createElectronPlatform(bridge: DesktopBridge): Platform {
  return {
    kind: 'electron',
    async getAppInfo() {
      const info = await bridge.invoke('app.getInfo')
      return { name: info.name, version: info.version, platform: info.platform }
    },
    onMenuCommand(listener) {
      return bridge.onMenuCommand(listener)
    },
  }
}
