import type { PowerMonitor } from 'electron'
import type { SyncRequest } from '../../src-shared/ipc/contract'
import { SyncScheduler, type SetTimer } from '../../src-shared/sync/schedule'

export interface DesktopScheduleOptions {
  powerMonitor: Pick<PowerMonitor, 'on' | 'removeListener'>
  /** `net.isOnline()`: false means certainly offline; true only "some network is up". */
  isOnline: () => boolean
  setTimer: SetTimer
  now: () => number
  /** Delivers "sync now" to the renderer; false when there is no page to run it. */
  requestRound: (request: SyncRequest) => boolean
  /** How often connectivity is looked at: main gets no online/offline events, so it asks. */
  connectivityPollMs?: number
}

export interface DesktopSchedule {
  readonly scheduler: SyncScheduler
  stop(): void
}

export const CONNECTIVITY_POLL_MS = 3_000

/**
 * The desktop's inputs to the shared schedule: wake from sleep (powerMonitor 'resume') and the
 * network coming back (polled, since main has no 'online' event). A laptop opened on the train
 * syncs the moment it finds a network, not at the next poll five minutes into a backoff.
 */
export function startDesktopSchedule(options: DesktopScheduleOptions): DesktopSchedule {
  const { powerMonitor, isOnline, setTimer, now } = options
  const pollMs = options.connectivityPollMs ?? CONNECTIVITY_POLL_MS
  const scheduler = new SyncScheduler({
    setTimer,
    now,
    online: isOnline(),
    requestRound: (trigger) => options.requestRound({ trigger }),
  })

  let stopped = false
  let cancelPoll: () => void = () => {}
  const poll = (): void => {
    if (stopped) return
    scheduler.setOnline(isOnline())
    cancelPoll = setTimer(poll, pollMs)
  }
  cancelPoll = setTimer(poll, pollMs)

  const onResume = (): void => {
    // The network may not be up yet right after wake-up; if so, the reconnect poll takes over.
    scheduler.setOnline(isOnline())
    scheduler.trigger('resume')
  }
  powerMonitor.on('resume', onResume)

  return {
    scheduler,
    stop() {
      stopped = true
      cancelPoll()
      powerMonitor.removeListener('resume', onResume)
      scheduler.dispose()
    },
  }
}
