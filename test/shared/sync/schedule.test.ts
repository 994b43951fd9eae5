/**
 * The sync schedule: poll every few seconds while healthy, sync at once when the network or the
 * machine comes back, back off on failure, and stay quiet offline or signed out.
 */
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  backoffDelay,
  nextSyncDelay,
  SYNC_SCHEDULE,
  SYNC_TRIGGERS,
  SyncScheduler,
  type ScheduleInput,
  type SetTimer,
  type SyncTrigger,
} from '../../../src-shared/sync/schedule'

const healthy: Omit<ScheduleInput, 'trigger'> = { online: true, signedIn: true, lastResult: 'ok', consecutiveFailures: 0 }
const failing = (consecutiveFailures: number): Omit<ScheduleInput, 'trigger'> => ({
  ...healthy,
  lastResult: 'failed',
  consecutiveFailures,
})

describe('backoffDelay', () => {
  it.each([
    [1, 5_000],
    [2, 10_000],
    [3, 20_000],
    [4, 40_000],
    [5, 80_000],
    [6, 160_000],
    [7, 300_000],
    [50, 300_000],
    [10_000, 300_000],
  ])('after %i failures waits %i ms', (failures, delay) => {
    expect(backoffDelay(failures)).toBe(delay)
  })

  it('never waits longer than the cap and never less than the last time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (failures) => {
        const delay = backoffDelay(failures)
        expect(delay).toBeLessThanOrEqual(SYNC_SCHEDULE.backoffMaxMs)
        expect(delay).toBeGreaterThanOrEqual(backoffDelay(failures - 1))
      }),
    )
  })
})

describe('nextSyncDelay', () => {
  it.each(SYNC_TRIGGERS)('does nothing while offline (%s)', (trigger) => {
    expect(nextSyncDelay({ ...healthy, online: false, trigger })).toBeNull()
  })

  it.each(SYNC_TRIGGERS)('does nothing while signed out (%s)', (trigger) => {
    expect(nextSyncDelay({ ...healthy, signedIn: false, trigger })).toBeNull()
  })

  it.each(SYNC_TRIGGERS)('does nothing once the server refused the session (%s)', (trigger) => {
    expect(nextSyncDelay({ ...healthy, lastResult: 'unauthorized', trigger })).toBeNull()
  })

  it('polls every few seconds while healthy', () => {
    expect(nextSyncDelay({ ...healthy, trigger: 'round-finished' })).toBe(5_000)
    expect(nextSyncDelay({ ...healthy, lastResult: null, trigger: 'round-finished' })).toBe(5_000)
  })

  it('backs off after failures', () => {
    expect(nextSyncDelay({ ...failing(1), trigger: 'round-finished' })).toBe(5_000)
    expect(nextSyncDelay({ ...failing(3), trigger: 'round-finished' })).toBe(20_000)
    expect(nextSyncDelay({ ...failing(12), trigger: 'round-finished' })).toBe(300_000)
  })

  it.each(['reconnect', 'resume', 'signed-in', 'manual'] as const)('syncs at once on %s, even during a backoff', (trigger) => {
    expect(nextSyncDelay({ ...healthy, trigger })).toBe(0)
    expect(nextSyncDelay({ ...failing(9), trigger })).toBe(0)
  })

  it('coalesces local changes for a second while healthy', () => {
    expect(nextSyncDelay({ ...healthy, trigger: 'local-change' })).toBe(1_000)
  })

  it('lets a running backoff win over a local change', () => {
    expect(nextSyncDelay({ ...failing(4), trigger: 'local-change' })).toBe(40_000)
  })
})

/** A scheduler on vitest's fake clock, recording each round it asks for. */
function scheduled(options: { online?: boolean; signedIn?: boolean; window?: () => boolean } = {}) {
  const rounds: SyncTrigger[] = []
  const setTimer: SetTimer = (callback, ms) => {
    const handle = setTimeout(callback, ms)
    return () => clearTimeout(handle)
  }
  const scheduler = new SyncScheduler({
    setTimer,
    now: () => Date.now(),
    online: options.online ?? true,
    signedIn: options.signedIn ?? true,
    requestRound: (trigger) => {
      if (options.window && !options.window()) return false
      rounds.push(trigger)
      return true
    },
  })
  return { scheduler, rounds }
}

describe('SyncScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('syncs at once when signed in, then every five seconds while rounds succeed', () => {
    const { scheduler, rounds } = scheduled()
    vi.advanceTimersByTime(0)
    expect(rounds).toEqual(['signed-in'])
    scheduler.roundFinished('ok')
    vi.advanceTimersByTime(4_999)
    expect(rounds).toHaveLength(1)
    vi.advanceTimersByTime(1)
    expect(rounds).toEqual(['signed-in', 'round-finished'])
  })

  it('does not ask for another round on its own while one is running', () => {
    const { scheduler, rounds } = scheduled()
    vi.advanceTimersByTime(0)
    scheduler.trigger('local-change')
    scheduler.trigger('resume')
    scheduler.setOnline(false)
    scheduler.setOnline(true)
    vi.advanceTimersByTime(60_000)
    expect(rounds).toEqual(['signed-in'])
    expect(scheduler.status().roundRunning).toBe(true)
  })

  it('runs what was asked for during a round right after it', () => {
    const { scheduler, rounds } = scheduled()
    vi.advanceTimersByTime(0)
    scheduler.trigger('local-change')
    scheduler.trigger('resume')
    scheduler.roundFinished('ok')
    vi.advanceTimersByTime(0)
    expect(rounds).toEqual(['signed-in', 'resume'])
  })

  it('asks again at once on "Sync now", in case the page missed the request (it was still loading)', () => {
    const { scheduler, rounds } = scheduled()
    vi.advanceTimersByTime(0) // asked before the page listened: lost
    scheduler.trigger('manual')
    vi.advanceTimersByTime(0)
    expect(rounds).toEqual(['signed-in', 'manual'])
    expect(scheduler.status()).toMatchObject({ roundRunning: true, consecutiveFailures: 0 })
    scheduler.roundFinished('ok')
    expect(scheduler.status().nextRoundAt).toBe(Date.now() + 5_000)
  })

  it('backs off 5, 10, 20, 40 s on consecutive failures, and polls again after a success', () => {
    const { scheduler, rounds } = scheduled()
    vi.advanceTimersByTime(0)
    const gaps: number[] = []
    for (let failure = 0; failure < 4; failure++) {
      scheduler.roundFinished('failed')
      const before = Date.now()
      const count = rounds.length
      while (rounds.length === count) vi.advanceTimersByTime(1_000)
      gaps.push(Date.now() - before)
    }
    expect(gaps).toEqual([5_000, 10_000, 20_000, 40_000])
    expect(scheduler.status().consecutiveFailures).toBe(4)

    scheduler.roundFinished('ok')
    expect(scheduler.status().consecutiveFailures).toBe(0)
    expect(scheduler.status().nextRoundAt).toBe(Date.now() + 5_000)
  })

  it('does not let local changes hammer a failing server', () => {
    const { scheduler, rounds } = scheduled()
    vi.advanceTimersByTime(0)
    scheduler.roundFinished('failed')
    scheduler.roundFinished('failed')
    scheduler.roundFinished('failed') // the next try is 20 s away
    for (let second = 0; second < 19; second++) {
      scheduler.trigger('local-change')
      vi.advanceTimersByTime(1_000)
    }
    expect(rounds).toEqual(['signed-in'])
    vi.advanceTimersByTime(1_000)
    expect(rounds).toEqual(['signed-in', 'round-finished'])
  })

  it('coalesces a burst of local changes into one round a second after the first', () => {
    const { scheduler, rounds } = scheduled()
    vi.advanceTimersByTime(0)
    scheduler.roundFinished('ok')
    scheduler.trigger('local-change')
    vi.advanceTimersByTime(400)
    scheduler.trigger('local-change')
    vi.advanceTimersByTime(400)
    scheduler.trigger('local-change')
    vi.advanceTimersByTime(200)
    expect(rounds).toEqual(['signed-in', 'local-change'])
  })

  it('syncs at once on reconnect, cutting a backoff short', () => {
    const { scheduler, rounds } = scheduled()
    vi.advanceTimersByTime(0)
    for (let failure = 0; failure < 6; failure++) scheduler.roundFinished('failed') // 160 s away
    scheduler.setOnline(false)
    vi.advanceTimersByTime(600_000)
    expect(rounds).toEqual(['signed-in'])
    scheduler.setOnline(true)
    vi.advanceTimersByTime(0)
    expect(rounds).toEqual(['signed-in', 'reconnect'])
  })

  it('syncs at once on resume from sleep', () => {
    const { scheduler, rounds } = scheduled()
    vi.advanceTimersByTime(0)
    scheduler.roundFinished('ok')
    scheduler.trigger('resume')
    vi.advanceTimersByTime(0)
    expect(rounds).toEqual(['signed-in', 'resume'])
  })

  it('stays quiet offline, whatever is triggered', () => {
    const { scheduler, rounds } = scheduled({ online: false })
    scheduler.trigger('manual')
    scheduler.trigger('resume')
    scheduler.trigger('local-change')
    vi.advanceTimersByTime(3_600_000)
    expect(rounds).toEqual([])
    expect(scheduler.status().nextRoundAt).toBeNull()
  })

  it('stops after an unauthorized round until someone signs in again', () => {
    const { scheduler, rounds } = scheduled()
    vi.advanceTimersByTime(0)
    scheduler.roundFinished('unauthorized')
    scheduler.trigger('manual')
    scheduler.setOnline(false)
    scheduler.setOnline(true)
    vi.advanceTimersByTime(3_600_000)
    expect(rounds).toEqual(['signed-in'])
    expect(scheduler.status().signedIn).toBe(false)

    scheduler.setSignedIn(true)
    vi.advanceTimersByTime(0)
    expect(rounds).toEqual(['signed-in', 'signed-in'])
  })

  it('stops the schedule on sign-out', () => {
    const { scheduler, rounds } = scheduled()
    vi.advanceTimersByTime(0)
    scheduler.roundFinished('ok')
    scheduler.setSignedIn(false)
    vi.advanceTimersByTime(3_600_000)
    expect(rounds).toEqual(['signed-in'])
  })

  it('counts a round that never reports back as failed, so the schedule cannot stall', () => {
    const { scheduler, rounds } = scheduled()
    vi.advanceTimersByTime(0)
    vi.advanceTimersByTime(SYNC_SCHEDULE.roundTimeoutMs)
    expect(scheduler.status()).toMatchObject({ roundRunning: false, lastResult: 'failed', consecutiveFailures: 1 })
    vi.advanceTimersByTime(5_000)
    expect(rounds).toEqual(['signed-in', 'round-finished'])
  })

  it('keeps a long round alive while it reports progress', () => {
    const { scheduler } = scheduled()
    vi.advanceTimersByTime(0)
    for (let minute = 0; minute < 10; minute++) {
      vi.advanceTimersByTime(60_000)
      scheduler.roundProgressed()
    }
    expect(scheduler.status()).toMatchObject({ roundRunning: true, lastResult: null })
  })

  it('waits for the regular pace, without counting a failure, when nobody can run the round', () => {
    let hasWindow = false
    const { scheduler, rounds } = scheduled({ window: () => hasWindow })
    vi.advanceTimersByTime(0)
    expect(scheduler.status()).toMatchObject({ roundRunning: false, consecutiveFailures: 0 })
    hasWindow = true
    vi.advanceTimersByTime(5_000)
    expect(rounds).toEqual(['round-finished'])
  })

  it('takes a result from a round it did not start and reschedules from it', () => {
    const { scheduler, rounds } = scheduled({ signedIn: false })
    scheduler.setSignedIn(true)
    vi.advanceTimersByTime(0)
    scheduler.roundFinished('ok')
    scheduler.roundFinished('failed') // a round the page ran on its own
    expect(scheduler.status().nextRoundAt).toBe(Date.now() + 5_000)
    expect(rounds).toEqual(['signed-in'])
  })

  it('does nothing after dispose', () => {
    const { scheduler, rounds } = scheduled()
    scheduler.dispose()
    scheduler.trigger('manual')
    vi.advanceTimersByTime(3_600_000)
    expect(rounds).toEqual([])
    expect(vi.getTimerCount()).toBe(0)
  })
})
