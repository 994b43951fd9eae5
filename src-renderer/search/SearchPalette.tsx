import { useId, useState, type KeyboardEvent } from 'react'
import { IncidentNumber } from '../incident/IncidentNumber'
import { PriorityBadge } from '../incident/PriorityBadge'
import { StateBadge } from '../incident/StateBadge'
import { chordKeys, shortcutMatches, SHORTCUTS, type Shortcut } from '../keyboard/shortcuts'
import { useOverlayActions } from '../ui/uiHooks'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import { Snippet } from './Snippet'
import { useIncidentSearch, useSearchIndexStatus } from './useIncidentSearch'
import type { SearchHit } from '../../src-shared/search/searchHit'
import { activeTranslator, t } from '../i18n/activeLanguage'
import '../keyboard/keyboard.css'
import './search.css'

const RESULT_LIMIT = 20

/**
 * The search palette (`/` or Ctrl+K from anywhere): one text box, results while typing, arrow
 * keys through them, Enter opens the incident, Escape closes. The ARIA 1.2 combobox pattern:
 * focus stays in the box and `aria-activedescendant` names the highlighted result, so a screen
 * reader reads each result as the arrows move.
 */
export function SearchPalette() {
  const titleId = useId()
  const listId = useId()
  const optionId = (index: number) => `${listId}-option-${index}`
  const { searchClosed, incidentOpened } = useOverlayActions()
  const showModal = useModalDialogRef()
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const { query: answered, hits } = useIncidentSearch(query, RESULT_LIMIT)
  const status = useSearchIndexStatus()
  const activeIndex = hits.length === 0 ? -1 : Math.min(active, hits.length - 1)

  function choose(hit: SearchHit | undefined): void {
    if (!hit) return
    searchClosed()
    incidentOpened(hit.id)
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    const native = event.nativeEvent
    if (shortcutMatches(SHORTCUTS['search.next'], native)) {
      event.preventDefault()
      if (hits.length > 0) setActive((activeIndex + 1) % hits.length)
    } else if (shortcutMatches(SHORTCUTS['search.previous'], native)) {
      event.preventDefault()
      if (hits.length > 0) setActive((activeIndex - 1 + hits.length) % hits.length)
    } else if (shortcutMatches(SHORTCUTS['search.choose'], native)) {
      event.preventDefault()
      choose(hits[activeIndex])
    }
  }

  return (
    <dialog
      ref={showModal}
      className="dialog search-palette"
      aria-labelledby={titleId}
      onClose={(event) => {
        // React's development double-mount closes and reopens the dialog; only a close that
        // stuck (Escape) means the user left.
        if (!event.currentTarget.open) searchClosed()
      }}
    >
      <h2 id={titleId} className="visually-hidden">
        {t('search.title')}
      </h2>
      <div className="search-palette__box">
        <svg className="search-palette__icon" viewBox="0 0 20 20" aria-hidden="true">
          <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        <input
          className="search-palette__input"
          type="text"
          role="combobox"
          aria-label={t('search.title')}
          aria-expanded={hits.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          // The dialog opens for this box; focus belongs here at once.
          autoFocus
          value={query}
          onChange={(event) => {
            setQuery(event.target.value)
            setActive(0)
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      <p role="status" className="search-palette__status">
        {describeStatus(query.trim(), answered, hits.length, status)}
      </p>
      <ul id={listId} role="listbox" aria-label={t('search.results')} className="search-palette__results">
        {hits.map((hit, index) => (
          <li
            key={hit.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === activeIndex}
            className="search-result"
            onClick={() => choose(hit)}
            onMouseMove={() => {
              if (index !== activeIndex) setActive(index)
            }}
          >
            <span className="search-result__head">
              <span className="search-result__number">
                {hit.match?.field === 'number' ? <mark>{hit.number}</mark> : <IncidentNumber number={hit.number} provisional={hit.numberIsProvisional} />}
              </span>
              <PriorityBadge priority={hit.priority} />
              <StateBadge state={hit.state} />
              <span className="search-result__title" translate="no">
                {hit.match?.field === 'shortDescription' ? <Snippet parts={hit.match.parts} /> : hit.shortDescription}
              </span>
            </span>
            {hit.match && hit.match.field !== 'shortDescription' && hit.match.field !== 'number' ? (
              <span className="search-result__snippet" data-field={hit.match.field}>
                <span className="search-result__field">{t(`search.field.${hit.match.field}`)}:</span>{' '}
                <span translate="no">
                  <Snippet parts={hit.match.parts} />
                </span>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <p className="search-palette__hints" aria-hidden="true">
        <KeyHint shortcuts={[SHORTCUTS['search.previous'], SHORTCUTS['search.next']]} label={t('search.move')} />
        <KeyHint shortcuts={[SHORTCUTS['search.choose']]} label={t('search.open')} />
        <KeyHint shortcuts={[SHORTCUTS['search.close']]} label={t('search.close')} />
      </p>
    </dialog>
  )
}

/** The first chord of each shortcut, from the same table the sheet lists. */
function KeyHint({ shortcuts, label }: { shortcuts: readonly Shortcut[]; label: string }) {
  const keys = shortcuts.flatMap((shortcut) => shortcut.chords.slice(0, 1).flatMap((chord) => chordKeys(chord)))
  return (
    <span className="search-palette__hint">
      {keys.map((key) => (
        <kbd key={key} className="kbd">
          {key}
        </kbd>
      ))}{' '}
      {label}
    </span>
  )
}

function describeStatus(query: string, answered: string, count: number, status: ReturnType<typeof useSearchIndexStatus>): string {
  const building = status.phase === 'building'
  const progress = building
    ? t('search.indexing', {
        indexed: activeTranslator().number(status.indexed),
        total: status.total > 0 ? t('search.ofTotal', { total: activeTranslator().number(status.total) }) : '',
      })
    : ''
  if (query === '') return building ? progress.trim() : t('search.hint')
  if (answered !== query) return t('search.searching', { progress })
  if (count === 0) return t('search.none', { query, progress })
  return t('search.found', { count, more: count === RESULT_LIMIT ? '+' : '', progress })
}
