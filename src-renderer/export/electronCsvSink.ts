import type { DesktopBridge } from '../../src-shared/ipc/contract'
import type { CsvSink } from '../platform/platform'

/**
 * A CSV sink on the desktop: main shows the save dialog and writes the file; chunks cross IPC
 * one page at a time, each awaited, so main's write stream sets the pace.
 */
export async function openElectronCsvSink(bridge: DesktopBridge, suggestedName: string): Promise<CsvSink | null> {
  const opened = await bridge.invoke('export.open', suggestedName)
  if (!opened) return null
  const { exportId } = opened
  return {
    write: (chunk) => bridge.invoke('export.write', exportId, chunk),
    close: () => bridge.invoke('export.close', exportId),
    abort: () => bridge.invoke('export.abort', exportId),
  }
}
