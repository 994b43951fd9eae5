import type { SetTimer } from '../../src-shared/sync/schedule'

/** The shared schedule's timer, from Node's setTimeout. */
export const setNodeTimer: SetTimer = (callback, ms) => {
  const handle = setTimeout(callback, ms)
  return () => clearTimeout(handle)
}
