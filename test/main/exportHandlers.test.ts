import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { createExportHandlers, MAX_CHUNK_LENGTH, safeFileName, type ExportHandlerOptions } from '../../src-main/export/exportHandlers'
import type { MainApiHandlers } from '../../src-main/ipc/channelHandler'
import { registerHandlers, UntrustedSenderError } from '../../src-main/ipc/registerHandlers'
import { MAIN_API_CHANNELS } from '../../src-shared/ipc/contract'

// The module under test needs no Electron; the mock proves it never reaches for it.
vi.mock('electron', () => {
  throw new Error('export handlers must not import electron')
})

const APP = 'app://incident-desk'
type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

let directory: string

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'incident-desk-export-'))
})

afterEach(async () => {
  await rm(directory, { recursive: true, force: true })
})

/** The export channels registered the way main registers them, called as a page would. */
function wiredExport(answer: (defaultPath: string) => { canceled: boolean; filePath?: string }) {
  const showSaveDialog = vi.fn<ExportHandlerOptions['showSaveDialog']>(async (options) => answer(options.defaultPath))
  const files = createExportHandlers({ showSaveDialog, defaultDirectory: directory, newId: () => 'export-1' })
  const listeners = new Map<string, InvokeListener>()
  const ipcMain = {
    handle: (channel: string, listener: InvokeListener) => listeners.set(channel, listener),
    removeHandler: (channel: string) => listeners.delete(channel),
  } as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>
  const refuse = { parseArguments: () => [], handle: async () => undefined }
  const handlers = Object.fromEntries(MAIN_API_CHANNELS.map((channel) => [channel, refuse])) as unknown as Record<string, unknown>
  registerHandlers(ipcMain, { ...handlers, ...files.handlers } as MainApiHandlers, [APP])
  const call = (channel: string, ...args: unknown[]) => listeners.get(channel)!({ senderFrame: { url: `${APP}/index.html` } } as never, ...args)
  const callFrom = (url: string, channel: string, ...args: unknown[]) => listeners.get(channel)!({ senderFrame: { url } } as never, ...args)
  return { files, showSaveDialog, call, callFrom }
}

describe('CSV export in main', () => {
  it('writes the file chosen in the save dialog, chunk by chunk, byte for byte', async () => {
    const target = path.join(directory, 'incidents.csv')
    const { call, showSaveDialog } = wiredExport(() => ({ canceled: false, filePath: target }))
    expect(await call('export.open', 'incidents-2026-03-02.csv')).toEqual({ exportId: 'export-1' })
    expect(showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: path.join(directory, 'incidents-2026-03-02.csv'), filters: [{ name: 'CSV files', extensions: ['csv'] }] }),
    )
    await call('export.write', 'export-1', '\uFEFFNumber,Short description\r\n')
    const big = `INC1,"${'é🔥'.repeat(200_000)}"\r\n`
    await call('export.write', 'export-1', big)
    await call('export.close', 'export-1')
    expect(await readFile(target, 'utf8')).toBe(`\uFEFFNumber,Short description\r\n${big}`)
    // The export is finished: its id no longer writes.
    await expect(call('export.write', 'export-1', 'more')).rejects.toThrow('No export in progress')
  })

  it('answers null and creates nothing when the person cancels the dialog', async () => {
    const { call } = wiredExport(() => ({ canceled: true }))
    expect(await call('export.open', 'incidents.csv')).toBeNull()
    expect(await readdir(directory)).toEqual([])
  })

  it('deletes the partial file on abort', async () => {
    const target = path.join(directory, 'partial.csv')
    const { call } = wiredExport(() => ({ canceled: false, filePath: target }))
    await call('export.open', 'partial.csv')
    await call('export.write', 'export-1', 'Number\r\nINC1\r\n')
    await call('export.abort', 'export-1')
    expect(await readdir(directory)).toEqual([])
  })

  it('deletes partial files of every open export when the app quits', async () => {
    const target = path.join(directory, 'quit.csv')
    const { call, files } = wiredExport(() => ({ canceled: false, filePath: target }))
    await call('export.open', 'quit.csv')
    await call('export.write', 'export-1', 'Number\r\n')
    await files.abortAll()
    expect(await readdir(directory)).toEqual([])
  })

  it('fails the open when the chosen file cannot be created, and leaves nothing behind', async () => {
    const { call } = wiredExport(() => ({ canceled: false, filePath: path.join(directory, 'missing-folder', 'x.csv') }))
    await expect(call('export.open', 'x.csv')).rejects.toThrow(/ENOENT/)
    await expect(call('export.write', 'export-1', 'x')).rejects.toThrow('No export in progress')
  })

  it('refuses malformed arguments and untrusted frames', async () => {
    const { call, callFrom, showSaveDialog } = wiredExport(() => ({ canceled: true }))
    await expect(call('export.open', 42)).rejects.toThrow(TypeError)
    await expect(call('export.write', 'export-1')).rejects.toThrow(TypeError)
    await expect(call('export.write', 'export-1', 'x'.repeat(MAX_CHUNK_LENGTH + 1))).rejects.toThrow(TypeError)
    await expect(callFrom('https://evil.example/', 'export.open', 'x.csv')).rejects.toThrow(UntrustedSenderError)
    expect(showSaveDialog).not.toHaveBeenCalled()
  })

  it('suggests a plain file name, never a path', () => {
    expect(safeFileName('../../etc/passwd')).toBe('-..-etc-passwd.csv')
    expect(safeFileName('report: Q1/2026')).toBe('report- Q1-2026.csv')
    expect(safeFileName('')).toBe('export.csv')
    expect(safeFileName('incidents.CSV')).toBe('incidents.CSV')
  })
})

describe("the desktop platform's CSV sink", () => {
  it('opens through main, streams each chunk over the bridge in order, and closes or aborts by id', async () => {
    const { createElectronPlatform } = await import('../../src-renderer/platform/platform.electron')
    const calls: unknown[][] = []
    const bridge = {
      invoke: vi.fn(async (...args: unknown[]) => {
        calls.push(args)
        return args[0] === 'export.open' ? (args[1] === 'none.csv' ? null : { exportId: 'e-7' }) : undefined
      }),
      onMenuCommand: () => () => undefined,
      onSyncRequested: () => () => undefined,
    }
    const platform = createElectronPlatform(bridge as never)
    expect(await platform.openCsvSink('none.csv')).toBeNull()
    const sink = (await platform.openCsvSink('incidents.csv'))!
    await sink.write('a\r\n')
    await sink.write('b\r\n')
    await sink.close()
    const other = (await platform.openCsvSink('incidents.csv'))!
    await other.abort()
    expect(calls).toEqual([
      ['export.open', 'none.csv'],
      ['export.open', 'incidents.csv'],
      ['export.write', 'e-7', 'a\r\n'],
      ['export.write', 'e-7', 'b\r\n'],
      ['export.close', 'e-7'],
      ['export.open', 'incidents.csv'],
      ['export.abort', 'e-7'],
    ])
  })
})
