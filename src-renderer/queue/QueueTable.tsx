import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type MouseEvent, type Ref } from 'react'
import { isTypingTarget } from '../commands/deskCommands'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { IncidentNumber } from '../incident/IncidentNumber'
import { PriorityBadge } from '../incident/PriorityBadge'
import { StateBadge } from '../incident/StateBadge'
import type { QueueEscalation } from '../../src-shared/queue/queueRow'
import { QUEUE_COLUMNS, type QueueColumn, type QueueSort } from '../../src-shared/queue/queueView'
import { SlaTimeLeft } from './SlaTimeLeft'
import type { QueueRowWindow } from './useQueueData'
import { categoryLabel } from '../../src-shared/config/taxonomy'
import { useTaxonomy } from '../config/deskConfig'
import { t } from '../i18n/activeLanguage'

/** Rows are one fixed height so the virtualizer knows the list's size without measuring 100k rows. */
export const QUEUE_ROW_HEIGHT = 50

export interface QueueTableHandle {
  /** Puts keyboard focus on the current row (the queue's j/k from outside the table). */
  focusCurrentRow(): void
}

interface Props {
  /** The view's rows, held as a window around what is in sight (useQueueData.ts). */
  rows: QueueRowWindow
  /** Tells the data which rows are in sight, so the next window covers them. */
  onVisibleRange(start: number, end: number): void
  /** The view's full size, for aria-rowcount; null while it is not known yet. */
  total: number | null
  selected: ReadonlySet<string>
  onSelectionChange(next: ReadonlySet<string>): void
  sort: QueueSort
  onSort(column: QueueColumn): void
  onOpen(id: string): void
  nowMs: number
  labelledBy: string
  describedBy: string
  handle?: Ref<QueueTableHandle>
}

export function describeEscalation(escalation: QueueEscalation): string {
  const target =
    escalation.kind === 'functional'
      ? t('queue.escalation.functional', {
          level: escalation.toLevel ? t(`level.${escalation.toLevel}`) : t('queue.escalation.anotherLevel'),
          group: escalation.toGroup ? `, ${escalation.toGroup}` : '',
        })
      : t('queue.escalation.hierarchical', { manager: escalation.manager ? ` (${escalation.manager})` : '' })
  return t('queue.escalation.by', { target, name: escalation.byName, reason: escalation.reason })
}

function ariaSort(sort: QueueSort, column: QueueColumn): 'ascending' | 'descending' | 'none' {
  if (sort.column !== column) return 'none'
  return sort.direction === 'asc' ? 'ascending' : 'descending'
}

/**
 * The queue as a real table (so screen readers announce rows, columns and the number as each
 * row's header), virtualized: only the rows in view are in the page, with spacer rows above
 * and below, and aria-rowcount/aria-rowindex tell assistive technology the true size.
 *
 * Keyboard: one row at a time is in the tab order (its number button). j/k or the arrow keys
 * move between rows (Home/End, PageUp/PageDown jump), Enter opens the incident, x or Space
 * selects it (Shift extends from the last selected row).
 */
export function QueueTable({ rows, onVisibleRange, total, selected, onSelectionChange, sort, onSort, onOpen, nowMs, labelledBy, describedBy, handle }: Props) {
  // Rows store the category's id; people read its name from the desk's taxonomy.
  const taxonomy = useTaxonomy()
  const scroller = useRef<HTMLDivElement>(null)
  const [focusIndex, setFocusIndex] = useState(0)
  const anchor = useRef<number | null>(null)
  const pendingFocus = useRef<number | null>(null)
  const current = Math.min(focusIndex, Math.max(0, rows.length - 1))

  // The virtualizer's API returns functions that React Compiler cannot memoize safely; it is
  // used as TanStack documents, re-reading on every render.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => QUEUE_ROW_HEIGHT,
    overscan: 10,
    // Ids, not indexes: a re-sorted list keeps each row's DOM node (and focus) with its incident.
    getItemKey: (index) => rows.at(index)?.id ?? index,
  })
  const items = virtualizer.getVirtualItems()
  const firstInSight = items[0]?.index ?? 0
  const endInSight = (items[items.length - 1]?.index ?? 0) + 1
  useEffect(() => onVisibleRange(firstInSight, endInSight), [onVisibleRange, firstInSight, endInSight])
  const paddingTop = items.length > 0 ? items[0]!.start : 0
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0

  function focusRow(index: number): void {
    if (rows.length === 0) return
    const target = Math.max(0, Math.min(rows.length - 1, index))
    setFocusIndex(target)
    pendingFocus.current = target
    virtualizer.scrollToIndex(target, { align: 'auto' })
    focusWhenRendered(target, 0)
  }

  // The row may need a frame or two to be rendered after scrolling; focus it when it is there.
  function focusWhenRendered(index: number, attempt: number): void {
    const button = scroller.current?.querySelector<HTMLButtonElement>(`tr[data-index="${index}"] button[data-row-open]`)
    if (button) {
      if (pendingFocus.current === index) button.focus()
      pendingFocus.current = null
      return
    }
    if (attempt < 10) requestAnimationFrame(() => focusWhenRendered(index, attempt + 1))
  }

  useImperativeHandle(handle, () => ({ focusCurrentRow: () => focusRow(current) }))

  useEffect(() => {
    // The row that had focus vanished from the view (changed state, filtered out): keep the place.
    if (focusIndex > 0 && focusIndex >= rows.length) setFocusIndex(Math.max(0, rows.length - 1))
  }, [focusIndex, rows.length])

  function toggle(index: number, extend: boolean): void {
    const row = rows.at(index)
    if (!row) return
    const next = new Set(selected)
    if (extend && anchor.current !== null) {
      const [from, to] = anchor.current < index ? [anchor.current, index] : [index, anchor.current]
      const select = !selected.has(row.id)
      anchor.current = index
      // The range may reach beyond the rows the page holds: the data worker names them.
      void rows.ids(from, to + 1).then((ids) => {
        for (const id of ids) {
          if (select) next.add(id)
          else next.delete(id)
        }
        onSelectionChange(next)
      })
      return
    } else if (next.has(row.id)) {
      next.delete(row.id)
    } else {
      next.add(row.id)
    }
    anchor.current = index
    onSelectionChange(next)
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>): void {
    if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return
    const rowElement = (event.target as HTMLElement).closest<HTMLTableRowElement>('tr[data-index]')
    if (!rowElement) return
    const index = Number(rowElement.dataset.index)
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 500) / QUEUE_ROW_HEIGHT) - 1)
    const moves: Record<string, number> = { j: 1, ArrowDown: 1, k: -1, ArrowUp: -1, PageDown: page, PageUp: -page }
    if (event.key in moves) {
      event.preventDefault()
      focusRow(index + moves[event.key]!)
      return
    }
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault()
      focusRow(event.key === 'Home' ? 0 : rows.length - 1)
      return
    }
    if (event.key === 'x' || event.key === 'X' || event.key === ' ') {
      // Space would click the number button (open the incident); in the queue it selects.
      event.preventDefault()
      toggle(index, event.shiftKey)
    }
  }

  function onRowClick(event: MouseEvent<HTMLTableRowElement>, index: number, id: string): void {
    setFocusIndex(index)
    if ((event.target as HTMLElement).closest('input, label, button')) return
    onOpen(id)
  }

  // Only a selection at least as large as the view can hold all of it; the rows in sight are the check.
  const allSelected = rows.length > 0 && selected.size >= rows.length && items.every((item) => { const row = rows.at(item.index); return !row || selected.has(row.id) })
  const someSelected = !allSelected && selected.size > 0

  return (
    <div className="queue-grid" ref={scroller}>
      <table
        className="queue-grid__table"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        aria-rowcount={(total ?? rows.length) + 1}
      >
        <colgroup>
          {QUEUE_COLUMNS.map((column) => (
            <col key={column} className={`queue-grid__col queue-grid__col--${column}`} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {QUEUE_COLUMNS.map((column) => (
              <th key={column} scope="col" aria-sort={ariaSort(sort, column)} className={`queue-grid__head queue-grid__head--${column}`}>
                {column === 'number' ? (
                  <input
                    type="checkbox"
                    className="queue-grid__check"
                    aria-label={t('queue.selectAll', { count: rows.length })}
                    checked={allSelected}
                    ref={(input) => {
                      if (input) input.indeterminate = someSelected
                    }}
                    onChange={() => {
                      if (allSelected) onSelectionChange(new Set())
                      else void rows.ids().then((ids) => onSelectionChange(new Set(ids)))
                    }}
                  />
                ) : null}
                <button type="button" className="queue-grid__sort" onClick={() => onSort(column)}>
                  {t(`column.${column}`)}
                  <span className="queue-grid__sort-mark" aria-hidden="true">
                    {sort.column === column ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {paddingTop > 0 ? (
            <tr aria-hidden="true" className="queue-grid__spacer">
              <td colSpan={QUEUE_COLUMNS.length} style={{ height: paddingTop }} />
            </tr>
          ) : null}
          {items.map((item) => {
            const row = rows.at(item.index)
            if (!row) {
              // Scrolled past the rows the page holds: a row of the right height until they arrive.
              return (
                <tr key={`pending-${item.index}`} data-index={item.index} aria-rowindex={item.index + 2} className="queue-grid__row queue-grid__row--pending" style={{ height: QUEUE_ROW_HEIGHT }}>
                  <td colSpan={QUEUE_COLUMNS.length}>{t('queue.loadingRow')}</td>
                </tr>
              )
            }
            const isSelected = selected.has(row.id)
            return (
              <tr
                key={row.id}
                data-index={item.index}
                aria-rowindex={item.index + 2}
                className="queue-grid__row"
                data-selected={isSelected}
                data-current={item.index === current}
                style={{ height: QUEUE_ROW_HEIGHT }}
                onClick={(event) => onRowClick(event, item.index, row.id)}
              >
                <th scope="row" className="queue-grid__number">
                  <input
                    type="checkbox"
                    className="queue-grid__check"
                    aria-label={t('queue.select', { number: row.number })}
                    tabIndex={-1}
                    checked={isSelected}
                    onChange={(event) => toggle(item.index, (event.nativeEvent as globalThis.MouseEvent).shiftKey === true)}
                  />
                  <button
                    type="button"
                    className="queue-grid__open"
                    data-row-open=""
                    tabIndex={item.index === current ? 0 : -1}
                    aria-haspopup="dialog"
                    onFocus={() => setFocusIndex(item.index)}
                    onClick={() => onOpen(row.id)}
                  >
                    <IncidentNumber number={row.number} provisional={row.numberIsProvisional} />
                  </button>
                </th>
                <td>
                  <PriorityBadge priority={row.priority} />
                </td>
                <td>
                  <StateBadge state={row.state} />
                </td>
                <td className="queue-grid__description">
                  <span className="queue-grid__summary">
                    <span className="queue-grid__text">{row.shortDescription}</span>
                    {row.isMajor ? <span className="tag tag--major">{t('queue.tag.major')}</span> : null}
                    {row.isSecurity ? <span className="tag tag--security">{t('queue.tag.security')}</span> : null}
                    {row.needsAttention ? <span className="tag tag--attention">{t('queue.tag.attention')}</span> : null}
                    {row.cameFrom?.kind === 'alert' ? (
                      <span className="tag tag--arrival" title={t('queue.tag.alertTitle', { source: row.cameFrom.sourceName, count: row.cameFrom.occurrences })}>
                        {t('queue.tag.alert', { source: row.cameFrom.sourceName, count: row.cameFrom.occurrences })}
                      </span>
                    ) : row.cameFrom?.kind === 'email' ? (
                      <span className="tag tag--arrival">{t('queue.tag.email')}</span>
                    ) : null}
                  </span>
                  {row.lastEscalation ? (
                    <span className="queue-grid__escalation" title={describeEscalation(row.lastEscalation)}>
                      <span className="tag tag--escalated" aria-hidden="true">
                        ↑ {row.lastEscalation.kind === 'functional' && row.lastEscalation.toLevel ? t(`level.${row.lastEscalation.toLevel}`) : t('queue.escalation.manager')}
                      </span>
                      <span className="queue-grid__escalation-text">{describeEscalation(row.lastEscalation)}</span>
                    </span>
                  ) : null}
                </td>
                <td title={row.callerName}>
                  {row.callerName}
                  {row.callerVip ? <span className="tag tag--vip">{t('queue.tag.vip')}</span> : null}
                </td>
                <td className={row.category ? undefined : 'queue-grid__muted'}>{categoryLabel(taxonomy, row.category) ?? '—'}</td>
                <td>{t(`level.${row.level}`)}</td>
                <td className={row.assignmentGroup ? undefined : 'queue-grid__muted'} title={row.assignmentGroup ?? undefined}>
                  {row.assignmentGroup ?? '—'}
                </td>
                <td className={row.assigneeName ? undefined : 'queue-grid__muted'} title={row.assigneeName ?? undefined}>
                  {row.assigneeName ?? t('queue.unassigned')}
                </td>
                <td>
                  <SlaTimeLeft row={row} nowMs={nowMs} />
                </td>
                <td className="queue-grid__updated">
                  <time dateTime={row.updatedAt} title={formatFullTimestamp(row.updatedAt)}>
                    {formatShortTimestamp(row.updatedAt, new Date(nowMs))}
                  </time>
                </td>
              </tr>
            )
          })}
          {paddingBottom > 0 ? (
            <tr aria-hidden="true" className="queue-grid__spacer">
              <td colSpan={QUEUE_COLUMNS.length} style={{ height: paddingBottom }} />
            </tr>
          ) : null}
        </tbody>
      </table>
    </div>
  )
}
