import type { RecentCaller } from '../../src-shared/data/deskDataContract'
import { useDeskQuery } from '../data-worker/useDeskQuery'
import { useDesk } from '../desk/deskContext'

export type { RecentCaller }

const NONE: RecentCaller[] = []

/** The logging form's caller suggestions (recentCallers.ts), asked of the data worker again after each incident write. */
export function useRecentCallers(): RecentCaller[] {
  const { data } = useDesk()
  return useDeskQuery(() => data.recentCallers(), [data], ['incidents']) ?? NONE
}
