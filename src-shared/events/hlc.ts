/**
 * Hybrid logical clock (Kulkarni et al., 2014): wall time when clocks behave, a counter when
 * they don't, so events created on one device are strictly ordered and an event received from
 * another device never sorts before the events it could have caused.
 *
 * The HLC orders events *locally* and in the audit view. It is never the sync cursor or the
 * canonical order: device clocks lie, and the server's sequence decides (DESIGN §2).
 *
 * Text form: `${wallMs:15 digits}:${counter:5 digits}:${node}`, so string order is clock order.
 */
export interface HlcTimestamp {
  wallMs: number
  counter: number
  node: string
}

const WALL_DIGITS = 15
const COUNTER_DIGITS = 5
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1
const MAX_WALL_MS = 10 ** WALL_DIGITS - 1
/** A remote clock further ahead than this is a broken device, not a network delay. */
export const HLC_MAX_DRIFT_MS = 24 * 60 * 60 * 1000

const HLC_PATTERN = /^(\d{15}):(\d{5}):([A-Za-z0-9_-]{1,64})$/

export class HlcError extends Error {
  override name = 'HlcError'
}

export function formatHlc(timestamp: HlcTimestamp): string {
  // A wall time past 15 digits or a fractional counter would print a text that no longer parses or sorts.
  if (!Number.isSafeInteger(timestamp.wallMs) || timestamp.wallMs < 0 || timestamp.wallMs > MAX_WALL_MS) {
    throw new HlcError(`Invalid wall time ${timestamp.wallMs}.`)
  }
  if (!Number.isInteger(timestamp.counter) || timestamp.counter < 0 || timestamp.counter > MAX_COUNTER) {
    throw new HlcError(`HLC counter ${timestamp.counter} out of range.`)
  }
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(timestamp.node)) throw new HlcError(`Invalid HLC node id "${timestamp.node}".`)
  return `${String(timestamp.wallMs).padStart(WALL_DIGITS, '0')}:${String(timestamp.counter).padStart(COUNTER_DIGITS, '0')}:${timestamp.node}`
}

export function parseHlc(text: string): HlcTimestamp {
  const match = HLC_PATTERN.exec(text)
  if (!match) throw new HlcError(`"${text}" is not a hybrid logical clock value.`)
  return { wallMs: Number(match[1]), counter: Number(match[2]), node: match[3]! }
}

export function isHlc(text: string): boolean {
  return HLC_PATTERN.test(text)
}

/** The clock value for a new local event: never behind the last one, even if the wall clock went back. */
export function tickHlc(last: HlcTimestamp | null, nowMs: number, node: string): HlcTimestamp {
  if (!last || nowMs > last.wallMs) return { wallMs: nowMs, counter: 0, node }
  return bump(last.wallMs, last.counter, node)
}

/** Merge a clock seen on an event from elsewhere, so later local events sort after it. */
export function receiveHlc(last: HlcTimestamp | null, remote: HlcTimestamp, nowMs: number, node: string): HlcTimestamp {
  if (remote.wallMs - nowMs > HLC_MAX_DRIFT_MS) {
    throw new HlcError(`Remote clock is ${Math.round((remote.wallMs - nowMs) / 3_600_000)} h ahead of this device; refusing to follow it.`)
  }
  // No local clock yet: -1 is behind every real wall time, so `last` is never read below.
  const lastWall = last?.wallMs ?? -1
  const wallMs = Math.max(lastWall, remote.wallMs, nowMs)
  if (wallMs === nowMs && nowMs > lastWall && nowMs > remote.wallMs) return { wallMs, counter: 0, node }
  const counter =
    wallMs === lastWall && wallMs === remote.wallMs
      ? Math.max(last!.counter, remote.counter)
      : wallMs === lastWall
        ? last!.counter
        : wallMs === remote.wallMs
          ? remote.counter
          : -1
  return bump(wallMs, counter, node)
}

function bump(wallMs: number, counter: number, node: string): HlcTimestamp {
  // A counter overflow means thousands of events in one millisecond; moving wall time on by
  // one millisecond keeps the order strict rather than failing the command.
  if (counter + 1 > MAX_COUNTER) return { wallMs: wallMs + 1, counter: 0, node }
  return { wallMs, counter: counter + 1, node }
}
