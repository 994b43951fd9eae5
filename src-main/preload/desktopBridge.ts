import type { IpcRenderer, IpcRendererEvent } from 'electron'
import {
  MENU_COMMAND_CHANNEL,
  SYNC_REQUESTED_CHANNEL,
  isMainApiChannel,
  isMenuCommand,
  isSyncRequest,
  type DesktopBridge,
  type MainApi,
  type MainApiChannel,
  type MenuCommand,
  type SyncRequest,
} from '../../src-shared/ipc/contract'

/**
 * Builds the object the renderer sees as `window.incidentDesk`.
 *
 * It wraps ipcRenderer rather than exposing it: with ipcRenderer itself, or with an IPC event
 * (whose `sender` is ipcRenderer), page script could send on any channel. Channel names are
 * checked at run time because a compromised page is not bound by our types.
 */
export function createDesktopBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): DesktopBridge {
  return {
    invoke<C extends MainApiChannel>(channel: C, ...args: Parameters<MainApi[C]>): ReturnType<MainApi[C]> {
      if (!isMainApiChannel(channel)) {
        return Promise.reject(new Error(`Unknown IPC channel: ${String(channel)}`)) as ReturnType<MainApi[C]>
      }
      return ipc.invoke(channel, ...args) as ReturnType<MainApi[C]>
    },

    onMenuCommand(listener: (command: MenuCommand) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onMenuCommand expects a function')
      // Only the command crosses into the page, never the event; unknown commands are dropped.
      const forward = (_event: IpcRendererEvent, command: unknown): void => {
        if (isMenuCommand(command)) listener(command)
      }
      ipc.on(MENU_COMMAND_CHANNEL, forward)
      return () => {
        ipc.removeListener(MENU_COMMAND_CHANNEL, forward)
      }
    },

    onSyncRequested(listener: (request: SyncRequest) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onSyncRequested expects a function')
      // A fresh object with only the known field: nothing else main (or a bug) attached gets through.
      const forward = (_event: IpcRendererEvent, request: unknown): void => {
        if (isSyncRequest(request)) listener({ trigger: request.trigger })
      }
      ipc.on(SYNC_REQUESTED_CHANNEL, forward)
      return () => {
        ipc.removeListener(SYNC_REQUESTED_CHANNEL, forward)
      }
    },
  }
}
