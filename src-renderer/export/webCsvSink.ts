import type { CsvSink } from '../platform/platform'
import { t } from '../i18n/activeLanguage'

/** The part of the File System Access API the export uses (Chromium; absent in Firefox and Safari). */
interface SaveFilePickerScope {
  showSaveFilePicker?: (options: {
    suggestedName: string
    types: { description: string; accept: Record<string, string[]> }[]
  }) => Promise<{ createWritable(): Promise<{ write(data: string): Promise<void>; close(): Promise<void>; abort(): Promise<void> }> }>
}

type WebSinkScope = Pick<Window, 'document' | 'setTimeout'>

/**
 * A CSV sink in a browser tab.
 *
 * - With the File System Access API (Chromium), the person picks the file and each chunk is
 *   written to it as it comes: nothing accumulates. `abort()` discards what was written.
 * - Elsewhere, chunks become Blob parts (the browser keeps Blob data outside the JavaScript heap,
 *   spilling to disk for large ones) and the file is downloaded through an object URL when the
 *   export finishes; canceling just drops the parts.
 *
 * Must be called straight from the click that asked for the export: the picker needs that
 * user activation.
 */
export async function openWebCsvSink(scope: WebSinkScope, suggestedName: string): Promise<CsvSink | null> {
  const picker = (scope as SaveFilePickerScope).showSaveFilePicker
  if (typeof picker === 'function') {
    let handle
    try {
      handle = await picker.call(scope, { suggestedName, types: [{ description: t('import.file'), accept: { 'text/csv': ['.csv'] } }] })
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return null
      throw error
    }
    const writable = await handle.createWritable()
    return {
      write: (chunk) => writable.write(chunk),
      close: () => writable.close(),
      abort: () => writable.abort(),
    }
  }
  return downloadSink(scope, suggestedName)
}

function downloadSink(scope: WebSinkScope, fileName: string): CsvSink {
  let parts: Blob[] = []
  return {
    async write(chunk) {
      parts.push(new Blob([chunk], { type: 'text/csv' }))
    },
    async close() {
      const file = new Blob(parts, { type: 'text/csv;charset=utf-8' })
      parts = []
      const url = URL.createObjectURL(file)
      const link = scope.document.createElement('a')
      link.href = url
      link.download = fileName
      link.rel = 'noopener'
      link.hidden = true
      scope.document.body.append(link)
      link.click()
      link.remove()
      // The download has started from the URL; keep it alive a little for slow browsers.
      scope.setTimeout(() => URL.revokeObjectURL(url), 60_000)
    },
    async abort() {
      parts = []
    },
  }
}
