import * as Comlink from 'comlink'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { startDeskData } from '../../src-renderer/data-worker/connectDeskData'

/**
 * The page's first script starts the data worker and its opening of the store (main.tsx); the
 * desk then takes the same connection (openDesk.ts). A SharedWorker stand-in answers `open` over a
 * real MessageChannel, as the worker does over its port.
 */
function fakeWorkers(openFor: (name: string) => Promise<{ deviceId: string }>) {
  const started: Array<{ name: string | undefined }> = []
  const opened: string[] = []
  class FakeSharedWorker {
    readonly port: MessagePort
    constructor(_url: URL, options: { name?: string }) {
      started.push({ name: options.name })
      const channel = new MessageChannel()
      Comlink.expose(
        {
          open: (databaseName: string) => {
            opened.push(databaseName)
            return openFor(databaseName)
          },
        },
        channel.port2 as unknown as Comlink.Endpoint,
      )
      this.port = channel.port1 as unknown as MessagePort
    }
  }
  vi.stubGlobal('SharedWorker', FakeSharedWorker)
  return { started, opened }
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('starting the desk’s data worker early', () => {
  it('starts one worker per database and opens its store once, whoever asks after', async () => {
    const { started, opened } = fakeWorkers(async (name) => ({ deviceId: `device of ${name}` }))
    const first = startDeskData('desk-early-a')
    const again = startDeskData('desk-early-a')
    expect(again).toBe(first)
    expect(await again.opened).toEqual({ deviceId: 'device of desk-early-a' })
    expect(started).toEqual([{ name: 'incident-desk:desk-early-a' }])
    expect(opened).toEqual(['desk-early-a'])
  })

  it('forgets an opening that failed, so the next start tries again', async () => {
    let attempts = 0
    const { opened } = fakeWorkers(async () => {
      attempts++
      if (attempts === 1) throw new Error('The disk is full')
      return { deviceId: 'device' }
    })
    const failed = startDeskData('desk-early-b')
    await expect(failed.opened).rejects.toThrow('The disk is full')
    const retried = startDeskData('desk-early-b')
    expect(retried).not.toBe(failed)
    expect(await retried.opened).toEqual({ deviceId: 'device' })
    expect(opened).toEqual(['desk-early-b', 'desk-early-b'])
  })
})
