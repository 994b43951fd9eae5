import { useEffect, useMemo, useRef, useState, type Ref } from 'react'
import { assignChoices } from '../../src-shared/config/directory'
import { useDirectory } from '../config/useOrgConfig'
import { useTaxonomy } from '../config/deskConfig'
import { SECURITY_CATEGORY } from '../../src-shared/incident/vocabulary'
import type { QueueRow } from '../../src-shared/queue/queueRow'
import type { DeskData } from '../data-worker/connectDeskData'
import { canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import { DESK_COMMANDS, isTypingTarget } from '../commands/deskCommands'
import { useDesk } from '../desk/deskContext'
import { publishCurrentQueueView } from '../export/currentQueueView'
import { defaultView, type QueueColumn, type QueueViewDefinition } from '../../src-shared/queue/queueView'
import { useOpenIncidentId, useUiActions } from '../ui/uiHooks'
import { BulkBar } from './BulkBar'
import { EmptyQueue } from './EmptyQueue'
import { QueueAnnouncement } from './QueueAnnouncement'
import { QueueFilters } from './QueueFilters'
import { QueueTable, type QueueTableHandle } from './QueueTable'
import { SavedViewsBar } from './SavedViewsBar'
import { useQueueData, type QueueRowWindow } from './useQueueData'
import { activeTranslator, t } from '../i18n/activeLanguage'
import { Rich } from '../i18n/Rich'
import './queue.css'

const HEADING_ID = 'queue-heading'
const HELP_ID = 'queue-keyboard-help'

/** The desk's home: the incidents of the chosen view, filtered, sorted, selectable in bulk. */
export function QueueScreen({ headingRef }: { headingRef: Ref<HTMLHeadingElement> }) {
  const { session, data: deskData } = useDesk()
  const { logDialogOpened, incidentOpened } = useUiActions()
  const [view, setView] = useState<QueueViewDefinition>(defaultView)
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set())
  const table = useRef<QueueTableHandle>(null)
  const data = useQueueData(view)
  const logCommand = DESK_COMMANDS['incident.new']
  // "Export CSV…" offers the queue exactly as filtered and sorted here.
  useEffect(() => {
    publishCurrentQueueView({ name: t('export.asShown'), definition: view })
    return () => publishCurrentQueueView(null)
  }, [view])

  // j/k from anywhere in the queue that is not a field (the heading after Ctrl+1, or a row
  // that scrolled out of view and took focus with it) go back to the current row.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return
      if (!['j', 'k', 'ArrowDown', 'ArrowUp'].includes(event.key)) return
      const target = event.target as Element | null
      if (target && target !== document.body && target.id !== HEADING_ID) return
      event.preventDefault()
      table.current?.focusCurrentRow()
    }
    document.addEventListener('keydown', onKeyDown)
    return () => document.removeEventListener('keydown', onKeyDown)
  }, [])

  // The incident panel hands focus back to the row that opened it. When that row has left the
  // view meanwhile (resolved from the panel, so no longer open), focus would fall to the page:
  // keep the place instead, on the row now at the same position, so triage goes on with j/k/Enter.
  const openIncidentId = useOpenIncidentId()
  const wasOpen = useRef(false)
  useEffect(() => {
    if (openIncidentId) {
      wasOpen.current = true
      return
    }
    if (!wasOpen.current) return
    wasOpen.current = false
    const frame = requestAnimationFrame(() => {
      if (document.activeElement === document.body || document.activeElement === null) table.current?.focusCurrentRow()
    })
    return () => cancelAnimationFrame(frame)
  }, [openIncidentId])

  const { pickers } = data
  const directory = useDirectory()
  const choices = useMemo(() => assignChoices(directory, pickers), [directory, pickers])
  // The filter offers the organization's categories by name, and ids still on incidents that the taxonomy dropped.
  const taxonomy = useTaxonomy()
  const categories = useMemo(
    () => [
      ...taxonomy.categories
        // Security incidents are the security group's: nobody else has any to filter.
        .filter((category) => category.id !== SECURITY_CATEGORY || canSeeSecurityIncidents(session.actor.role))
        .map((category) => ({ id: category.id, label: category.label })),
      ...pickers.categories.filter((id) => !taxonomy.categories.some((category) => category.id === id)).map((id) => ({ id, label: id })),
    ],
    [taxonomy, pickers.categories, session.actor.role],
  )
  const selectedRows = useSelectedRows(deskData, selected, data.rows)

  function sortBy(column: QueueColumn): void {
    setView((current) => ({
      ...current,
      sort: { column, direction: current.sort.column === column && current.sort.direction === 'asc' ? 'desc' : 'asc' },
    }))
  }

  const ready = data.status === 'ready'
  const deskIsEmpty = data.loaded && (ready ? data.indexed === 0 : data.rows.length === 0 && data.deskTotal === 0)
  // Counted from the store's indexes before the row index has loaded (indexCounts.ts): the total and every saved view known.
  const countsKnown = data.total !== null && data.viewCounts !== null && data.viewCounts.every((count) => count !== null)
  const statusText = describeStatus(data.total, data.complete || countsKnown, ready, data.indexed, data.deskTotal, data.rows.length)

  return (
    <section className="queue" aria-labelledby={HEADING_ID}>
      <div className="queue__toolbar">
        <div className="queue__title">
          <h1 id={HEADING_ID} tabIndex={-1} ref={headingRef}>
            {t('queue.heading')}
          </h1>
          <p className="queue__count" role="status">
            {statusText}
          </p>
        </div>
        <button type="button" className="button button--primary" onClick={logDialogOpened} aria-keyshortcuts={logCommand.ariaKeyShortcuts}>
          {t('command.incident.new')}
          <kbd className="button__shortcut" aria-hidden="true">
            {logCommand.bareKey.toUpperCase()}
          </kbd>
        </button>
      </div>
      <QueueAnnouncement />
      {deskIsEmpty ? (
        <EmptyQueue />
      ) : (
        <>
          <SavedViewsBar
            views={data.views}
            counts={data.viewCounts}
            current={view}
            onChoose={(saved) => setView({ filter: { ...saved.view.filter }, sort: { ...saved.view.sort } })}
          />
          <QueueFilters
            filter={view.filter}
            onChange={(filter) => setView((current) => ({ ...current, filter }))}
            categories={categories}
            showSecurity={canSeeSecurityIncidents(session.actor.role)}
          />
          {selectedRows.length > 0 ? (
            <BulkBar
              selectedRows={selectedRows}
              groups={choices.groups}
              people={choices.people}
              onClearSelection={() => setSelected(new Set())}
              onKeepSelected={(ids) => setSelected(new Set(ids))}
            />
          ) : null}
          <p id={HELP_ID} className="queue__help">
            <Rich id="queue.help" />
          </p>
          {data.loaded && data.rows.length === 0 ? (
            <p className="queue__none">{t('queue.noMatch')}</p>
          ) : (
            <QueueTable
              handle={table}
              rows={data.rows}
              onVisibleRange={data.showRange}
              total={data.total}
              selected={selected}
              onSelectionChange={setSelected}
              sort={view.sort}
              onSort={sortBy}
              onOpen={incidentOpened}
              nowMs={data.context.nowMs}
              labelledBy={HEADING_ID}
              describedBy={HELP_ID}
            />
          )}
        </>
      )}
    </section>
  )
}

function describeStatus(total: number | null, complete: boolean, ready: boolean, loaded: number, deskTotal: number | null, shown: number): string {
  if (ready || complete) return total === null ? '' : t('queue.count', { count: total })
  const progress = deskTotal ? t('queue.progress', { percent: Math.min(100, Math.round((loaded / deskTotal) * 100)) }) : ''
  if (total !== null) return t('queue.countLoading', { count: total, progress })
  return t('queue.firstShown', { count: activeTranslator().number(shown), progress })
}

/**
 * The selected rows as they are now, for the bulk bar: asked of the data worker whenever the
 * selection or the view's rows change (a bulk action changes the rows it acted on), since a
 * selection may reach well beyond the rows the page holds.
 */
function useSelectedRows(data: DeskData, selected: ReadonlySet<string>, rows: QueueRowWindow): QueueRow[] {
  const [answer, setAnswer] = useState<{ selected: ReadonlySet<string>; rows: QueueRow[] }>({ selected, rows: [] })
  useEffect(() => {
    if (selected.size === 0) return
    let current = true
    data.queueRows([...selected]).then(
      (found) => {
        if (current) setAnswer({ selected, rows: found })
      },
      (error: unknown) => console.error('The selected incidents could not be read:', error),
    )
    return () => {
      current = false
    }
  }, [data, selected, rows])
  if (selected.size === 0) return []
  // Until the fresh answer comes, the rows known of the last one that are still selected.
  return answer.selected === selected ? answer.rows : answer.rows.filter((row) => selected.has(row.id))
}
