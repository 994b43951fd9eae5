import type { AppInfo } from '../../src-shared/ipc/contract'
import { expectNoArguments, type ChannelHandler } from './channelHandler'

/**
 * `app.getInfo`. The values are read once by the caller (from `app` and `process`) and passed
 * in, so this module needs no Electron and the test needs no mock.
 */
export function createAppInfoHandler(info: AppInfo): ChannelHandler<'app.getInfo'> {
  const snapshot: AppInfo = { ...info }
  return {
    parseArguments: expectNoArguments,
    handle: async () => ({ ...snapshot }),
  }
}
