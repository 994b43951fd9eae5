import { useMemo, useRef, useState } from 'react'
import type { PersonRef } from '../../src-shared/incident/roles'
import { useDesk } from '../desk/deskContext'
import { bulkAvailability, describeOutcome, runBulk, type BulkAction, type BulkOutcome, type BulkProgress, type BulkRequest } from '../store/queueBulk'
import type { QueueRow } from '../../src-shared/queue/queueRow'
import { useUiActions } from '../ui/uiHooks'
import { BulkActionDialog, type DetailedBulkAction } from './BulkActionDialog'
import { t } from '../i18n/activeLanguage'

interface Props {
  selectedRows: readonly QueueRow[]
  groups: readonly string[]
  people: readonly PersonRef[]
  onClearSelection(): void
  /** After a run: keep only the incidents that were not changed selected, so they can be dealt with. */
  onKeepSelected(ids: readonly string[]): void
}

const DETAILED: ReadonlySet<BulkAction> = new Set(['assign', 'hold', 'resolve', 'cancel', 'escalate'])

/** Progress is shown for runs at least this long; shorter ones finish before it would be read. */
const SHOW_PROGRESS_FROM = 5

/**
 * Acts on the selected incidents at once. The shared lifecycle says which actions the selection
 * allows (none allowed: the button is disabled with the lifecycle's reason); each incident then
 * runs through the store on its own, and every one that was not changed is listed with why.
 */
export function BulkBar({ selectedRows, groups, people, onClearSelection, onKeepSelected }: Props) {
  const { store, session } = useDesk()
  const { announced } = useUiActions()
  const [dialog, setDialog] = useState<DetailedBulkAction | null>(null)
  const [progress, setProgress] = useState<(BulkProgress & { action: BulkAction }) | null>(null)
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null)
  const stopRequested = useRef(false)
  const actor = session.actor
  const me: PersonRef = { userId: actor.userId, displayName: actor.displayName }
  const availability = useMemo(() => new Map(bulkAvailability(selectedRows, actor).map((entry) => [entry.action, entry])), [selectedRows, actor])
  const running = progress !== null

  async function run(request: BulkRequest): Promise<void> {
    setDialog(null)
    setOutcome(null)
    stopRequested.current = false
    const targets = [...selectedRows]
    setProgress({ action: request.action, done: 0, total: targets.length })
    try {
      const result = await runBulk(store, targets, request, {
        onProgress: (next) => setProgress({ action: request.action, ...next }),
        shouldStop: () => stopRequested.current,
      })
      announced(describeOutcome(result))
      if (result.refused.length > 0) setOutcome(result)
      const changed = new Set(result.changed)
      onKeepSelected(targets.filter((row) => !changed.has(row.id)).map((row) => row.id))
    } finally {
      setProgress(null)
    }
  }

  function start(action: BulkAction): void {
    if (DETAILED.has(action)) setDialog(action as DetailedBulkAction)
    else void run({ action } as BulkRequest)
  }

  /** The bar's buttons as data: which lifecycle action each needs, and what it starts. */
  const buttons: { key: string; action: BulkAction; label: string; mine?: boolean }[] = [
    { key: 'assign', action: 'assign', label: t('bulk.button.assign') },
    { key: 'assign-me', action: 'assign', label: t('bulk.button.assignMe'), mine: true },
    { key: 'acknowledge', action: 'acknowledge', label: t('bulk.button.acknowledge') },
    { key: 'hold', action: 'hold', label: t('bulk.button.hold') },
    { key: 'resume', action: 'resume', label: t('bulk.button.resume') },
    { key: 'resolve', action: 'resolve', label: t('bulk.button.resolve') },
    { key: 'cancel', action: 'cancel', label: t('bulk.button.cancel') },
    { key: 'escalate', action: 'escalate', label: t('bulk.button.escalate') },
  ]

  return (
    <section className="bulk-bar" aria-label={t('bulk.bar')}>
      <div className="bulk-bar__row">
        <p className="bulk-bar__count" role="status">
          {t('bulk.selected', { count: selectedRows.length })}
        </p>
        <div className="bulk-bar__actions" role="group" aria-label={t('bulk.actOn')}>
          {buttons.map((button) => {
            const entry = availability.get(button.action)!
            const none = entry.allowed === 0
            const some = entry.allowed < selectedRows.length
            return (
              <button
                key={button.key}
                type="button"
                className="button button--small"
                disabled={running || none}
                title={none ? (entry.reason ?? undefined) : some ? t('bulk.someAllowed', { allowed: entry.allowed, total: selectedRows.length }) : undefined}
                onClick={() => (button.mine ? void run({ action: 'assign', assignmentGroup: undefined, assignee: me }) : start(button.action))}
              >
                {button.label}
              </button>
            )
          })}
        </div>
        <button type="button" className="button button--quiet button--small" onClick={onClearSelection} disabled={running}>
          {t('bulk.clear')}
        </button>
      </div>
      {progress && progress.total >= SHOW_PROGRESS_FROM ? (
        <div className="bulk-bar__progress">
          <label htmlFor="bulk-progress">
            {t('bulk.progress', { action: t(`bulk.label.${progress.action}`), done: progress.done, total: progress.total })}
          </label>
          <progress id="bulk-progress" max={progress.total} value={progress.done} />
          <button type="button" className="button button--small" onClick={() => (stopRequested.current = true)}>
            {t('bulk.stop')}
          </button>
        </div>
      ) : null}
      {outcome ? (
        <div className="bulk-bar__refusals" role="alert">
          <p>
            {t('bulk.notChanged', {
              refused: outcome.refused.length,
              attempted: outcome.attempted,
              changed: outcome.changed.length > 0 ? ` (${t(`bulk.changed.${outcome.action}`, { count: outcome.changed.length })})` : '',
            })}
          </p>
          <ul>
            {outcome.refused.map((refusal) => (
              <li key={refusal.id}>
                <span className="incident-number__value">{refusal.number}</span>: {refusal.reason}
              </li>
            ))}
          </ul>
          <button type="button" className="button button--quiet button--small" onClick={() => setOutcome(null)}>
            {t('bulk.dismiss')}
          </button>
        </div>
      ) : null}
      {dialog ? (
        <BulkActionDialog
          action={dialog}
          count={selectedRows.length}
          groups={groups}
          people={people}
          me={me}
          onRun={(request) => void run(request)}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </section>
  )
}
