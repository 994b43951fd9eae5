/**
 * When a desk syncs (DESIGN §2: "on reconnect, on resume, every few seconds while online,
 * backoff on failure"). The policy is a pure function so it can be read and tested as a table;
 * {@link SyncScheduler} applies it with an injected timer, so the Electron main process (power
 * monitor, `net.isOnline()`) and the web mode (window `online`, `visibilitychange`) share it.
 *
 * Pure: no timers, no DOM, no Node. Time reaches it only through {@link SetTimer}.
 */

/**
 * Why the scheduler is being asked when to sync next.
 * - `round-finished`: a round just ended (or could not start); the next one is the regular poll,
 *   or a backoff if it failed.
 * - `reconnect`: the network came back. Sync at once: the outbox may have hours of field work.
 * - `resume`: the machine woke from sleep (or a browser tab became visible again). Sync at once:
 *   the desk is stale and the person is about to look at it.
 * - `signed-in`: a session has just begun. Sync at once.
 * - `manual`: the person pressed "Sync now", or the page has just started and wants to catch up.
 *   Sync at once, even during a backoff or while a round is thought to be running: they asked.
 * - `local-change`: something was committed locally. Sync soon, coalescing a burst of commits
 *   into one round, but never sooner than a running backoff allows.
 */
export const SYNC_TRIGGERS = ['round-finished', 'reconnect', 'resume', 'signed-in', 'manual', 'local-change'] as const
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number]

export function isSyncTrigger(value: unknown): value is SyncTrigger {
  return typeof value === 'string' && (SYNC_TRIGGERS as readonly string[]).includes(value)
}

/**
 * How the last round went, as reported by whoever ran it.
 * - `ok`: pushed and pulled what there was.
 * - `failed`: the server could not be reached or answered with an error; retry with backoff.
 * - `unauthorized`: the session is no longer valid; nothing more until someone signs in.
 */
export const SYNC_ROUND_OUTCOMES = ['ok', 'failed', 'unauthorized'] as const
export type SyncRoundOutcome = (typeof SYNC_ROUND_OUTCOMES)[number]

export function isSyncRoundOutcome(value: unknown): value is SyncRoundOutcome {
  return typeof value === 'string' && (SYNC_ROUND_OUTCOMES as readonly string[]).includes(value)
}

export const SYNC_SCHEDULE = {
  /** The regular poll while online and healthy: other desks' changes show up within seconds. */
  intervalMs: 5_000,
  /** A burst of local commits (log, then assign, then note) becomes one round this long after the first. */
  localChangeDelayMs: 1_000,
  /** First retry after a failure; doubles with each further consecutive failure. */
  backoffBaseMs: 5_000,
  /** Never wait longer than this while online: a desk must notice a recovered server in minutes. */
  backoffMaxMs: 5 * 60_000,
  /**
   * A requested round that neither reports a result nor progress within this time is counted as
   * failed, so a renderer that reloaded mid-round cannot stall the schedule for good.
   */
  roundTimeoutMs: 2 * 60_000,
} as const

export interface ScheduleInput {
  /** False when the device certainly has no network. True only means "maybe". */
  online: boolean
  /** False when there is no session (a standalone desk, or signed out). */
  signedIn: boolean
  lastResult: SyncRoundOutcome | null
  /** Failed rounds since the last `ok`; 0 when healthy. */
  consecutiveFailures: number
  trigger: SyncTrigger
}

/**
 * The delay of a backoff after `failures` consecutive failures: 5 s, 10 s, 20 s, … up to 5 min.
 * Deterministic, without jitter: desks that failed against the same outage failed at different
 * moments of their own polls, so their retries are already spread out.
 */
export function backoffDelay(failures: number): number {
  if (failures <= 0) return 0
  // 2^(failures-1) overflows into Infinity long after the cap; Math.min keeps the answer finite.
  const exponent = Math.min(failures - 1, 30)
  return Math.min(SYNC_SCHEDULE.backoffBaseMs * 2 ** exponent, SYNC_SCHEDULE.backoffMaxMs)
}

/**
 * How long to wait before the next round, or null for "not until something changes" (offline,
 * signed out, or the server refused the session).
 */
export function nextSyncDelay(input: ScheduleInput): number | null {
  if (!input.online || !input.signedIn || input.lastResult === 'unauthorized') return null
  const failing = input.lastResult === 'failed' && input.consecutiveFailures > 0
  switch (input.trigger) {
    case 'reconnect':
    case 'resume':
    case 'signed-in':
    case 'manual':
      return 0
    case 'local-change':
      // A busy desk commits every few seconds; against a failing server that must not become a
      // request a second, so a running backoff wins over the short coalescing delay.
      return failing
        ? Math.max(SYNC_SCHEDULE.localChangeDelayMs, backoffDelay(input.consecutiveFailures))
        : SYNC_SCHEDULE.localChangeDelayMs
    case 'round-finished':
      return failing ? backoffDelay(input.consecutiveFailures) : SYNC_SCHEDULE.intervalMs
    default:
      return assertNever(input.trigger)
  }
}

function assertNever(value: never): never {
  throw new Error(`Unhandled sync trigger: ${String(value)}`)
}

/** Runs `callback` once after `ms` milliseconds; returns the function that cancels it. */
export type SetTimer = (callback: () => void, ms: number) => () => void

export interface SyncSchedulerOptions {
  setTimer: SetTimer
  /** A millisecond clock, for the status only (`Date.now` in both runtimes). */
  now: () => number
  /**
   * Asks whoever runs rounds to run one now. Returns false when nobody can (no window to ask);
   * the scheduler then waits for the next regular tick instead of waiting for a result.
   */
  requestRound: (trigger: SyncTrigger) => boolean
  /** Initial connectivity; defaults to online. */
  online?: boolean
  /** Initial session state; defaults to signed out. */
  signedIn?: boolean
  /** Overrides {@link SYNC_SCHEDULE.roundTimeoutMs}, for tests. */
  roundTimeoutMs?: number
}

/** What the scheduler is doing, for a status line or diagnostics. */
export interface SyncScheduleStatus {
  online: boolean
  signedIn: boolean
  /** A round was requested and its result has not come back yet. */
  roundRunning: boolean
  lastResult: SyncRoundOutcome | null
  consecutiveFailures: number
  /** When the next round is due (clock of `now`), or null if none is scheduled. */
  nextRoundAt: number | null
}

/**
 * Applies {@link nextSyncDelay} with one timer. At most one round runs at a time: while one is
 * out, triggers are remembered and acted on when its result arrives, so a commit made during a
 * long pull still gets pushed promptly afterwards.
 */
export class SyncScheduler {
  private online: boolean
  private signedIn: boolean
  private lastResult: SyncRoundOutcome | null = null
  private consecutiveFailures = 0
  private roundRunning = false
  /** The most urgent trigger seen while a round was running. */
  private deferredTrigger: SyncTrigger | null = null
  private cancelTimer: (() => void) | null = null
  private nextRoundAt: number | null = null
  private cancelWatchdog: (() => void) | null = null
  private disposed = false
  private readonly roundTimeoutMs: number

  constructor(private readonly options: SyncSchedulerOptions) {
    this.online = options.online ?? true
    this.signedIn = options.signedIn ?? false
    this.roundTimeoutMs = options.roundTimeoutMs ?? SYNC_SCHEDULE.roundTimeoutMs
    this.reschedule('signed-in')
  }

  /** Feed connectivity in; a change from offline to online is the `reconnect` trigger. */
  setOnline(online: boolean): void {
    if (online === this.online) return
    this.online = online
    if (online) this.trigger('reconnect')
    else this.clearTimer()
  }

  /** Feed the session state in; signing in starts a round at once, signing out stops the schedule. */
  setSignedIn(signedIn: boolean): void {
    this.signedIn = signedIn
    this.lastResult = null
    this.consecutiveFailures = 0
    if (signedIn) {
      this.trigger('signed-in')
    } else {
      this.clearTimer()
      this.deferredTrigger = null
    }
  }

  /** Something happened that may call for a round: resume, reconnect, a local change, a click. */
  trigger(trigger: SyncTrigger): void {
    if (this.disposed) return
    if (this.roundRunning && trigger === 'manual') {
      // The page may never have heard the round asked of it (it was still loading, or reloaded):
      // ask again rather than make the person wait for the watchdog. A page that is running a
      // round answers both requests with that one round.
      this.endRound()
      this.reschedule(trigger, { replace: true })
      return
    }
    if (this.roundRunning) {
      this.deferredTrigger = moreUrgent(this.deferredTrigger, trigger)
      return
    }
    this.reschedule(trigger)
  }

  /** The result of a round, whoever started it. Ends the running round, if any. */
  roundFinished(outcome: SyncRoundOutcome): void {
    if (this.disposed) return
    this.lastResult = outcome
    this.consecutiveFailures = outcome === 'failed' ? this.consecutiveFailures + 1 : 0
    if (outcome === 'unauthorized') this.signedIn = false
    this.endRound()
    const deferred = this.deferredTrigger
    this.deferredTrigger = null
    // A deferred manual/reconnect/resume still goes first; a deferred local change waits out a backoff.
    this.reschedule(deferred ?? 'round-finished', { replace: true })
  }

  /** A running round made progress: it is alive, so its watchdog starts over. */
  roundProgressed(): void {
    if (this.roundRunning && !this.disposed) this.armWatchdog()
  }

  status(): SyncScheduleStatus {
    return {
      online: this.online,
      signedIn: this.signedIn,
      roundRunning: this.roundRunning,
      lastResult: this.lastResult,
      consecutiveFailures: this.consecutiveFailures,
      nextRoundAt: this.nextRoundAt,
    }
  }

  /** Stops every timer; later calls do nothing. */
  dispose(): void {
    this.disposed = true
    this.clearTimer()
    this.endRound()
  }

  /**
   * Sets the timer for `trigger`. By default an earlier timer already set wins (a local change
   * does not postpone a poll due sooner, and a burst of changes does not keep pushing the round
   * back); `replace` is for after a result, when the old timer belongs to a finished state.
   */
  private reschedule(trigger: SyncTrigger, { replace = false }: { replace?: boolean } = {}): void {
    if (this.disposed) return
    const delay = nextSyncDelay({
      online: this.online,
      signedIn: this.signedIn,
      lastResult: this.lastResult,
      consecutiveFailures: this.consecutiveFailures,
      trigger,
    })
    if (delay === null) {
      this.clearTimer()
      return
    }
    const dueAt = this.options.now() + delay
    if (!replace && this.nextRoundAt !== null && this.nextRoundAt <= dueAt) return
    this.clearTimer()
    this.nextRoundAt = dueAt
    this.cancelTimer = this.options.setTimer(() => this.startRound(trigger), delay)
  }

  private startRound(trigger: SyncTrigger): void {
    this.cancelTimer = null
    this.nextRoundAt = null
    if (this.disposed) return
    if (!this.options.requestRound(trigger)) {
      // Nobody to run it (no window yet): look again at the regular pace, without counting a failure.
      this.reschedule('round-finished')
      return
    }
    this.roundRunning = true
    this.armWatchdog()
  }

  private armWatchdog(): void {
    this.cancelWatchdog?.()
    this.cancelWatchdog = this.options.setTimer(() => {
      this.cancelWatchdog = null
      this.roundFinished('failed')
    }, this.roundTimeoutMs)
  }

  private endRound(): void {
    this.roundRunning = false
    this.cancelWatchdog?.()
    this.cancelWatchdog = null
  }

  private clearTimer(): void {
    this.cancelTimer?.()
    this.cancelTimer = null
    this.nextRoundAt = null
  }
}

/** The trigger that asks for the sooner round; immediate ones beat a local change or a poll. */
function moreUrgent(current: SyncTrigger | null, next: SyncTrigger): SyncTrigger {
  const rank = (trigger: SyncTrigger): number =>
    trigger === 'round-finished' ? 0 : trigger === 'local-change' ? 1 : 2
  if (current === null) return next
  return rank(next) > rank(current) ? next : current
}
