import { randomUUID } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import path from 'node:path'
import { z } from 'zod'
import type { MainApiHandlers } from '../ipc/channelHandler'
import { parseArgumentsWith } from '../sync/ipcArguments'

export type ExportChannel = 'export.open' | 'export.write' | 'export.close' | 'export.abort'

/** What `dialog.showSaveDialog` answers, and all this module needs of it. */
export interface SaveDialogAnswer {
  canceled: boolean
  filePath?: string
}

export interface ExportHandlerOptions {
  /** Shows the save dialog (main wires `dialog.showSaveDialog(window, options)`). */
  showSaveDialog: (options: {
    title: string
    defaultPath: string
    filters: { name: string; extensions: string[] }[]
  }) => Promise<SaveDialogAnswer>
  /** Where the dialog opens: app.getPath('documents'). */
  defaultDirectory: string
  newId?: () => string
}

export interface ExportFiles {
  readonly handlers: Pick<MainApiHandlers, ExportChannel>
  /** Aborts every open export (the window closed mid-export): partial files are deleted. */
  abortAll(): Promise<void>
}

/** One page of a 100k-row export is a few megabytes; a chunk far beyond that is a bug or an attack. */
export const MAX_CHUNK_LENGTH = 64 * 1024 * 1024

const exportId = z.string().min(1).max(100)
const openArguments = z.tuple([z.string().max(255)])
const writeArguments = z.tuple([exportId, z.string().max(MAX_CHUNK_LENGTH)])
const idArguments = z.tuple([exportId])

interface OpenFile {
  filePath: string
  stream: WriteStream
  /** The stream's first error: every later call rejects with it. */
  failure: Error | null
}

/**
 * `export.*`: main's side of a CSV export. The renderer reads IndexedDB and encodes pages; main
 * shows the save dialog and appends each chunk to a write stream, resolving a write only when
 * the stream can take more (backpressure), so the renderer never races ahead of the disk.
 * An abort, or a stream error, deletes the partial file: a half-written export that looks
 * complete is worse than none.
 */
export function createExportHandlers(options: ExportHandlerOptions): ExportFiles {
  const newId = options.newId ?? randomUUID
  const open = new Map<string, OpenFile>()

  function fileOf(id: string): OpenFile {
    const file = open.get(id)
    if (!file) throw new Error('No export in progress with that id.')
    return file
  }

  async function abort(id: string): Promise<void> {
    const file = open.get(id)
    if (!file) return
    open.delete(id)
    await new Promise<void>((resolve) => {
      if (file.stream.closed) resolve()
      else file.stream.destroy().once('close', () => resolve())
    })
    await rm(file.filePath, { force: true })
  }

  return {
    handlers: {
      'export.open': {
        parseArguments: (raw) => parseArgumentsWith(openArguments, raw),
        handle: async (suggestedName) => {
          const answer = await options.showSaveDialog({
            title: 'Export CSV',
            defaultPath: path.join(options.defaultDirectory, safeFileName(suggestedName)),
            filters: [{ name: 'CSV files', extensions: ['csv'] }],
          })
          if (answer.canceled || !answer.filePath) return null
          const stream = createWriteStream(answer.filePath, { encoding: 'utf8' })
          const file: OpenFile = { filePath: answer.filePath, stream, failure: null }
          stream.on('error', (error) => {
            file.failure ??= error
          })
          // The file exists (empty) once open; a failure to create it surfaces here, not mid-export.
          await new Promise<void>((resolve, reject) => {
            stream.once('open', () => resolve())
            stream.once('error', reject)
          })
          const id = newId()
          open.set(id, file)
          return { exportId: id }
        },
      },
      'export.write': {
        parseArguments: (raw) => parseArgumentsWith(writeArguments, raw),
        handle: async (id, chunk) => {
          const file = fileOf(id)
          if (file.failure) throw file.failure
          if (file.stream.write(chunk)) return
          await new Promise<void>((resolve, reject) => {
            const onDrain = () => {
              file.stream.off('error', onError)
              resolve()
            }
            const onError = (error: Error) => {
              file.stream.off('drain', onDrain)
              reject(error)
            }
            file.stream.once('drain', onDrain)
            file.stream.once('error', onError)
          })
        },
      },
      'export.close': {
        parseArguments: (raw) => parseArgumentsWith(idArguments, raw),
        handle: async (id) => {
          const file = fileOf(id)
          try {
            if (file.failure) throw file.failure
            await new Promise<void>((resolve, reject) => {
              file.stream.once('error', reject)
              file.stream.end(() => resolve())
            })
            open.delete(id)
          } catch (error) {
            await abort(id)
            throw error
          }
        },
      },
      'export.abort': {
        parseArguments: (raw) => parseArgumentsWith(idArguments, raw),
        handle: (id) => abort(id),
      },
    },
    async abortAll() {
      await Promise.all([...open.keys()].map((id) => abort(id)))
    },
  }
}

/**
 * The renderer only suggests a name; the person picks the place. Strip anything that would
 * make the suggestion a path or an invalid name on Windows.
 */
export function safeFileName(suggested: string): string {
  const base = [...suggested]
    .map((character) => (character.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(character) ? '-' : character))
    .join('')
    .replace(/^\.+/, '')
    .trim()
  const name = base === '' ? 'export.csv' : base
  return /\.csv$/i.test(name) ? name : `${name}.csv`
}
