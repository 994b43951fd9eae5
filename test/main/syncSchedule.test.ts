/**
 * The desktop's inputs to the sync schedule: waking from sleep and the network coming back
 * each ask the page for a round at once; failures back off; stopping leaves nothing running.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WebContents } from 'electron'
import { powerMonitor } from 'electron'
import { CONNECTIVITY_POLL_MS, startDesktopSchedule, type DesktopSchedule } from '../../src-main/sync/desktopSchedule'
import { sendSyncRequested } from '../../src-main/sync/syncRequested'
import type { SyncRequest } from '../../src-shared/ipc/contract'
import type { SetTimer } from '../../src-shared/sync/schedule'

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<() => void>>()
  return {
    listeners,
    powerMonitor: {
      on: vi.fn((event: string, listener: () => void) => {
        const set = listeners.get(event) ?? new Set()
        set.add(listener)
        listeners.set(event, set)
      }),
      removeListener: vi.fn((event: string, listener: () => void) => listeners.get(event)?.delete(listener)),
    },
  }
})

vi.mock('electron', () => ({ powerMonitor: electron.powerMonitor }))

function emitPower(event: string): void {
  for (const listener of electron.listeners.get(event) ?? []) listener()
}

const setTimer: SetTimer = (callback, ms) => {
  const handle = setTimeout(callback, ms)
  return () => clearTimeout(handle)
}

let online: boolean
let requests: SyncRequest[]
let hasWindow: boolean
let schedule: DesktopSchedule

function start(): DesktopSchedule {
  schedule = startDesktopSchedule({
    powerMonitor,
    isOnline: () => online,
    setTimer,
    now: () => Date.now(),
    requestRound: (request) => {
      if (!hasWindow) return false
      requests.push(request)
      return true
    },
  })
  return schedule
}

/** Signed in, first round done and reported: the desk is in its regular rhythm. */
function settled(): DesktopSchedule {
  const started = start()
  started.scheduler.setSignedIn(true)
  vi.advanceTimersByTime(0)
  started.scheduler.roundFinished('ok')
  requests.length = 0
  return started
}

beforeEach(() => {
  vi.useFakeTimers()
  online = true
  hasWindow = true
  requests = []
  electron.listeners.clear()
})

afterEach(() => {
  schedule.stop()
  vi.useRealTimers()
})

describe('desktop sync schedule', () => {
  it('asks for a round at once when the machine wakes from sleep', () => {
    settled()
    vi.advanceTimersByTime(1_000)
    emitPower('resume')
    vi.advanceTimersByTime(0)
    expect(requests).toEqual([{ trigger: 'resume' }])
  })

  it('asks for a round as soon as the network is back, without waiting out the backoff', () => {
    const { scheduler } = settled()
    for (let failure = 0; failure < 7; failure++) scheduler.roundFinished('failed') // 5 min away
    online = false
    vi.advanceTimersByTime(CONNECTIVITY_POLL_MS)
    expect(scheduler.status().online).toBe(false)
    vi.advanceTimersByTime(60_000)
    online = true
    vi.advanceTimersByTime(CONNECTIVITY_POLL_MS) // the poll notices
    // A zero-delay timer set inside another timer's callback runs a millisecond later (as in Node).
    vi.advanceTimersByTime(1) // and the round is asked for at once
    expect(requests).toEqual([{ trigger: 'reconnect' }])
  })

  it('polls every five seconds while rounds succeed', () => {
    const { scheduler } = settled()
    vi.advanceTimersByTime(5_000)
    scheduler.roundFinished('ok')
    vi.advanceTimersByTime(5_000)
    expect(requests).toEqual([{ trigger: 'round-finished' }, { trigger: 'round-finished' }])
  })

  it('backs off on consecutive failures', () => {
    const { scheduler } = settled()
    const asked: number[] = []
    for (let failure = 0; failure < 5; failure++) {
      scheduler.roundFinished('failed')
      const start = Date.now()
      const count = requests.length
      while (requests.length === count) vi.advanceTimersByTime(500)
      asked.push(Date.now() - start)
    }
    expect(asked).toEqual([5_000, 10_000, 20_000, 40_000, 80_000])
  })

  it('asks nothing while offline, even on wake-up', () => {
    settled()
    online = false
    vi.advanceTimersByTime(CONNECTIVITY_POLL_MS)
    requests.length = 0
    emitPower('resume')
    vi.advanceTimersByTime(600_000)
    expect(requests).toEqual([])
  })

  it('asks nothing before anyone signs in', () => {
    start()
    emitPower('resume')
    vi.advanceTimersByTime(600_000)
    expect(requests).toEqual([])
  })

  it('waits for a window without counting failures', () => {
    hasWindow = false
    const { scheduler } = start()
    scheduler.setSignedIn(true)
    vi.advanceTimersByTime(60_000)
    expect(scheduler.status().consecutiveFailures).toBe(0)
    hasWindow = true
    vi.advanceTimersByTime(5_000)
    expect(requests).toHaveLength(1)
  })

  it('leaves no listener and no timer behind when stopped', () => {
    const started = settled()
    started.stop()
    expect(electron.listeners.get('resume')?.size ?? 0).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('sendSyncRequested', () => {
  it('sends the request on the sync.requested channel', () => {
    const target = { send: vi.fn(), isDestroyed: () => false } as unknown as WebContents
    expect(sendSyncRequested(target, { trigger: 'resume' })).toBe(true)
    expect(target.send).toHaveBeenCalledWith('sync.requested', { trigger: 'resume' })
  })

  it('reports that nobody was told when there is no live page', () => {
    const destroyed = { send: vi.fn(), isDestroyed: () => true } as unknown as WebContents
    expect(sendSyncRequested(undefined, { trigger: 'manual' })).toBe(false)
    expect(sendSyncRequested(destroyed, { trigger: 'manual' })).toBe(false)
    expect(destroyed.send).not.toHaveBeenCalled()
  })
})
