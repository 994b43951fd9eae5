import { useCallback, useEffect, useRef, useState } from 'react'
import { useDesk } from '../desk/deskContext'
import { usePlatform } from '../platform/platformContext'
import { runExport, type ExportOutcome, type ExportPhase, type ExportRequest, type ExportSettings } from './runExport'
import { t } from '../i18n/activeLanguage'

export type ExportRunnerState = { status: 'idle' } | { status: 'running'; phase: ExportPhase | null } | { status: 'finished'; outcome: ExportOutcome }

/** Runs exports for a dialog: one at a time, cancelable, and canceled if the dialog goes away. */
export function useExportRunner() {
  const platform = usePlatform()
  const { data, session } = useDesk()
  const [state, setState] = useState<ExportRunnerState>({ status: 'idle' })
  const controller = useRef<AbortController | null>(null)

  useEffect(() => () => controller.current?.abort(), [])

  const start = useCallback(
    async (request: ExportRequest, settings: ExportSettings) => {
      if (controller.current) return
      const abort = new AbortController()
      controller.current = abort
      setState({ status: 'running', phase: null })
      let outcome: ExportOutcome
      try {
        outcome = await runExport({
          platform,
          data,
          actor: session.actor,
          request,
          settings,
          signal: abort.signal,
          onPhase: (phase) => setState({ status: 'running', phase }),
          today: new Date().toISOString().slice(0, 10),
        })
      } catch (error) {
        outcome = { status: 'failed', rows: 0, message: error instanceof Error ? error.message : String(error) }
      }
      controller.current = null
      setState({ status: 'finished', outcome })
    },
    [platform, data, session],
  )

  const cancel = useCallback(() => controller.current?.abort(), [])
  return { state, start, cancel }
}

/** One sentence about how an export went, for a status line. */
export function describeOutcome(outcome: ExportOutcome): string {
  switch (outcome.status) {
    case 'done':
      return t('export.done', { count: outcome.rows })
    case 'canceled':
      return t('export.canceled', { count: outcome.rows })
    case 'dismissed':
      return t('export.dismissed')
    case 'failed':
      return t('export.failed', { reason: outcome.message })
  }
}
