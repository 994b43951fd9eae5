import { useState } from 'react'
import { useDesk } from '../desk/deskContext'
import { sameView, type QueueViewDefinition } from '../../src-shared/queue/queueView'
import type { SavedQueueView } from '../store/savedViews'
import { SaveViewDialog } from './SaveViewDialog'
import { activeTranslator, t } from '../i18n/activeLanguage'
import type { MessageId } from '../../src-shared/i18n/catalog'

interface Props {
  views: readonly SavedQueueView[] | undefined
  /** Count per view, in the same order; null while the queue is still loading. */
  counts: ReadonlyArray<number | null> | null
  current: QueueViewDefinition
  onChoose(view: SavedQueueView): void
}


/**
 * The named views with their live counts: the desk's own (All open, My work…) and the ones
 * people saved. The view whose filter and sort match the queue's is marked current.
 */
export function SavedViewsBar({ views, counts, current, onChoose }: Props) {
  const { data } = useDesk()
  const [saving, setSaving] = useState(false)
  const active = views?.find((view) => sameView(view.view, current))
  return (
    <nav className="saved-views" aria-label={t('queue.views')}>
      <ul className="saved-views__list">
        {(views ?? []).map((view, index) => (
          <li key={view.id} className="saved-views__item">
            <button
              type="button"
              className="saved-views__view"
              aria-current={view === active ? 'true' : undefined}
              onClick={() => onChoose(view)}
            >
              <span className="saved-views__name" translate={view.builtIn ? undefined : 'no'}>
                {view.builtIn ? builtInViewName(view) : view.name}
              </span>
              <span className="saved-views__count" aria-label={counts?.[index] != null ? t('queue.count', { count: counts[index] }) : t('queue.views.counting')}>
                {counts?.[index] != null ? activeTranslator().number(counts[index]) : '…'}
              </span>
            </button>
            {view.builtIn ? null : (
              <button
                type="button"
                className="saved-views__delete"
                aria-label={t('queue.views.delete', { name: view.name })}
                title={t('queue.views.delete', { name: view.name })}
                onClick={() => void data.deleteQueueView(view.id)}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <button type="button" className="button button--small" onClick={() => setSaving(true)} disabled={active !== undefined}>
        {t('queue.views.save')}
      </button>
      {saving ? <SaveViewDialog view={current} onClose={() => setSaving(false)} /> : null}
    </nav>
  )
}

/** The desk's own views are named in the user's language; their stored names stay English (the name check uses them). */
function builtInViewName(view: SavedQueueView): string {
  return t(`queue.view.${view.id}` as MessageId)
}
