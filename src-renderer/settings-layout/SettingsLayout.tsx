import { useCallback, useId, useState, type ReactNode } from 'react'
import { ModalDialog } from '../ui/ModalDialog'
import { useLeaveGuard } from '../ui/uiHooks'
import { matchingSections, type SectionEntry } from './sectionSearch'
import { UnsavedChangesProvider, useUnsavedChangesState } from './unsavedChanges'
import './settingsLayout.css'
import { t } from '../i18n/activeLanguage'

export interface SettingsSection extends SectionEntry {
  content: ReactNode
}

interface Props {
  title: string
  /** Beside the title: which desk or server these settings belong to. */
  subtitle?: ReactNode
  /** Above the sections: a load error, a note on scope. */
  banner?: ReactNode
  sections: readonly SettingsSection[]
}

/**
 * Settings and Administration as one navigable structure: the sections listed on the left (a
 * search narrows them), one section shown at a time, and a guard that asks before a section with
 * unsaved changes is left. The list grows with the shared configuration; the screen stays short.
 */
export function SettingsLayout(props: Props) {
  return (
    <UnsavedChangesProvider>
      <SettingsFrame {...props} />
    </UnsavedChangesProvider>
  )
}

function SettingsFrame({ title, subtitle, banner, sections }: Props) {
  const ids = { heading: useId(), search: useId(), panel: useId() }
  const unsaved = useUnsavedChangesState()
  const [query, setQuery] = useState('')
  const [currentId, setCurrentId] = useState(sections[0]?.id ?? '')
  const [pendingId, setPendingId] = useState<string | null>(null)
  // A move to another screen (a header tab) while edits are unsaved: held until the person decides.
  const [pendingMove, setPendingMove] = useState<(() => void) | null>(null)
  const dirty = unsaved?.dirty === true
  const guard = useCallback((move: () => void) => {
    setPendingMove(() => move)
    return true
  }, [])
  useLeaveGuard(dirty ? guard : null)
  const shown = matchingSections(sections, query)
  const current = sections.find((section) => section.id === currentId) ?? sections[0]

  function choose(id: string): void {
    if (id === current?.id) return
    if (unsaved?.dirty) setPendingId(id)
    else setCurrentId(id)
  }

  return (
    <section className="admin settings-layout" aria-labelledby={ids.heading}>
      <div className="queue__toolbar">
        <div className="queue__title">
          <h1 id={ids.heading} tabIndex={-1}>
            {title}
          </h1>
          {subtitle ? <p className="queue__count">{subtitle}</p> : null}
        </div>
      </div>
      {banner}
      <div className="settings-layout__body">
        <div className="form settings-layout__side">
          <label htmlFor={ids.search} className="settings-layout__search-label">
            {t('settings.find')}
          </label>
          <input
            id={ids.search}
            type="search"
            className="settings-layout__search"
            value={query}
            placeholder={t('settings.searchSections')}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={(event) => {
              // Enter opens the first match, so a setting is two keystrokes away.
              if (event.key === 'Enter' && shown[0]) choose(shown[0].id)
            }}
          />
          <nav aria-label={t('settings.sections', { title })}>
            <ul className="settings-layout__sections">
              {shown.map((section) => (
                <li key={section.id}>
                  <button
                    type="button"
                    className="settings-layout__section-button"
                    aria-current={section.id === current?.id ? 'page' : undefined}
                    aria-controls={ids.panel}
                    onClick={() => choose(section.id)}
                  >
                    {section.title}
                  </button>
                </li>
              ))}
            </ul>
            {shown.length === 0 ? (
              <p className="form__hint" role="status">
                {t('settings.noMatch', { query: query.trim() })}
              </p>
            ) : null}
          </nav>
        </div>
        <div id={ids.panel} className="settings-layout__panel">
          {current?.content}
        </div>
      </div>
      {pendingId || pendingMove ? (
        <LeaveWithUnsavedChanges
          from={current?.title ?? ''}
          onStay={() => {
            setPendingId(null)
            setPendingMove(null)
          }}
          onLeave={() => {
            if (pendingMove) {
              setPendingMove(null)
              pendingMove()
              return
            }
            if (pendingId) setCurrentId(pendingId)
            setPendingId(null)
          }}
        />
      ) : null}
    </section>
  )
}

function LeaveWithUnsavedChanges({ from, onStay, onLeave }: { from: string; onStay: () => void; onLeave: () => void }) {
  const describedBy = useId()
  return (
    <ModalDialog title={t('settings.leave.title')} role="alertdialog" describedBy={describedBy} onClosed={onStay}>
      <p id={describedBy}>{t('settings.leave.body', { from })}</p>
      <form method="dialog" className="form__actions">
        <button type="submit" className="button button--primary" autoFocus>
          {t('settings.leave.stay')}
        </button>
        <button type="button" className="button" onClick={onLeave}>
          {t('settings.leave.go')}
        </button>
      </form>
    </ModalDialog>
  )
}
