import { useEffect, useState } from 'react'
import type { SyncProgressView } from '../ui/uiStore'
import { t } from '../i18n/activeLanguage'

/** A round shorter than this shows only "Syncing…": a bar that flashes for 200 ms is noise. */
const LONG_ROUND_MS = 1_000

/**
 * "Sending changes 120 of 480" with a bar, once a round has run long enough to be worth
 * watching (a first sync onto a large server, hours of field work going up). Determinate when
 * the engine knows the total (the outbox), indeterminate otherwise (pages of a pull).
 */
export function SyncProgressBar({ progress }: { progress: SyncProgressView | null }) {
  const [isLong, setIsLong] = useState(false)
  useEffect(() => {
    const timer = window.setTimeout(() => setIsLong(true), LONG_ROUND_MS)
    return () => window.clearTimeout(timer)
  }, [])

  const label = progress
    ? progress.total !== null
      ? t('sync.progress.ofTotal', { phase: progress.phase, done: Math.min(progress.done, progress.total), total: progress.total })
      : `${progress.phase}${progress.done > 0 ? ` (${progress.done})` : ''}`
    : t('sync.syncing')

  return (
    <span className="sync-progress">
      <span className="sync-progress__label">{label}…</span>
      {isLong ? (
        <progress
          className="sync-progress__bar"
          aria-label={t('sync.progress')}
          max={progress?.total ?? undefined}
          value={progress?.total ? Math.min(progress.done, progress.total) : undefined}
        />
      ) : null}
    </span>
  )
}
