import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { MAIN_API_CHANNELS, type MainApiChannel } from '../../src-shared/ipc/contract'
import { isAllowedOrigin } from '../security/origin'
import type { MainApiHandlers } from './channelHandler'

/**
 * True when an IPC message comes from a frame showing our own UI. Any frame can call into IPC if
 * it has the preload, so each handler checks who is asking (security checklist item 17): a page
 * that somehow navigated elsewhere, or a subframe, must not reach main's API.
 */
export function isTrustedSender(frameUrl: string | null | undefined, allowedOrigins: readonly string[]): boolean {
  return isAllowedOrigin(frameUrl, allowedOrigins)
}

export class UntrustedSenderError extends Error {
  constructor(channel: string) {
    super(`Refused IPC call to '${channel}' from an untrusted frame`)
    this.name = 'UntrustedSenderError'
  }
}

/**
 * Registers one `ipcMain.handle` per channel of the contract. Returns a function removing them,
 * so tests (and a future re-initialisation) leave no handlers behind.
 */
export function registerHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: MainApiHandlers,
  allowedOrigins: readonly string[],
): () => void {
  for (const channel of MAIN_API_CHANNELS) {
    ipcMain.handle(channel, createInvokeListener(channel, handlers, allowedOrigins))
  }
  return () => {
    for (const channel of MAIN_API_CHANNELS) ipcMain.removeHandler(channel)
  }
}

function createInvokeListener<C extends MainApiChannel>(
  channel: C,
  handlers: MainApiHandlers,
  allowedOrigins: readonly string[],
): (event: IpcMainInvokeEvent, ...raw: unknown[]) => Promise<unknown> {
  const handler = handlers[channel]
  return async (event, ...raw) => {
    // senderFrame is null once the frame navigated away or was destroyed: refuse that too.
    if (!isTrustedSender(event.senderFrame?.url, allowedOrigins)) throw new UntrustedSenderError(channel)
    const args = handler.parseArguments(raw)
    // TypeScript cannot relate a generic handler to its own parameter tuple; parseArguments made it so.
    return (handler.handle as (...parsed: unknown[]) => Promise<unknown>)(...args)
  }
}
