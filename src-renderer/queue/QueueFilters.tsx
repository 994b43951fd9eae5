import { useId } from 'react'
import { SUPPORT_LEVELS, type SupportLevel } from '../../src-shared/incident/levels'
import { PRIORITIES, type Priority } from '../../src-shared/incident/priority'
import { INCIDENT_STATES, type IncidentState } from '../../src-shared/incident/vocabulary'
import { defaultFilter, type QueueFilter, type SlaFilter } from '../../src-shared/queue/queueView'
import { t } from '../i18n/activeLanguage'


interface Props {
  filter: QueueFilter
  onChange(filter: QueueFilter): void
  /** Category ids seen on this desk, for the picker. */
  /** The taxonomy's categories, then ids seen on incidents that it no longer has (shown as they are). */
  categories: readonly { id: string; label: string }[]
  /** Offer the security facet only to those who may see security incidents. */
  showSecurity: boolean
}

function toggled<T>(values: readonly T[], value: T): T[] {
  return values.includes(value) ? values.filter((candidate) => candidate !== value) : [...values, value]
}

/**
 * The queue's filters: every facet at once, combinable. Toggle buttons (aria-pressed) for the
 * values of a facet; pressing none means "any". Changes apply at once (the queue recomputes in
 * memory in a few milliseconds).
 */
export function QueueFilters({ filter, onChange, categories, showSecurity }: Props) {
  const id = useId()
  const set = (changes: Partial<QueueFilter>) => onChange({ ...filter, ...changes })
  return (
    <section className="queue-filters" aria-label={t('queue.filters')}>
      <div className="queue-filters__group" role="group" aria-labelledby={`${id}-assignment`}>
        <span id={`${id}-assignment`} className="queue-filters__label">
          {t('queue.filter.assigned')}
        </span>
        {(['any', 'mine', 'unassigned'] as const).map((value) => (
          <button
            key={value}
            type="button"
            className="chip"
            aria-pressed={filter.assignment === value}
            onClick={() => set({ assignment: value })}
          >
            {t(`queue.filter.assignment.${value}`)}
          </button>
        ))}
      </div>
      <ChipGroup<IncidentState>
        label={t('queue.filter.state')}
        values={INCIDENT_STATES}
        selected={filter.states}
        labelOf={(state) => t(`state.${state}`)}
        onToggle={(state) => set({ states: toggled(filter.states, state) })}
      />
      <ChipGroup<Priority>
        label={t('queue.filter.priority')}
        values={PRIORITIES}
        selected={filter.priorities}
        labelOf={(priority) => `P${priority}`}
        titleOf={(priority) => t(`priority.${priority}`)}
        onToggle={(priority) => set({ priorities: toggled(filter.priorities, priority) })}
      />
      <ChipGroup<SupportLevel>
        label={t('queue.filter.level')}
        values={SUPPORT_LEVELS}
        selected={filter.levels}
        labelOf={(level) => t(`level.${level}`)}
        onToggle={(level) => set({ levels: toggled(filter.levels, level) })}
      />
      <div className="queue-filters__group">
        <label htmlFor={`${id}-sla`} className="queue-filters__label">
          {t('queue.filter.sla')}
        </label>
        <select id={`${id}-sla`} value={filter.sla} onChange={(event) => set({ sla: event.target.value as SlaFilter })}>
          {(['any', 'warning', 'breached', 'at_risk'] as const).map((value) => (
            <option key={value} value={value}>
              {t(`queue.filter.sla.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="queue-filters__group">
        <label htmlFor={`${id}-category`} className="queue-filters__label">
          {t('queue.filter.category')}
        </label>
        <select
          id={`${id}-category`}
          value={filter.categories.length === 1 ? filter.categories[0] : ''}
          onChange={(event) => set({ categories: event.target.value ? [event.target.value] : [] })}
        >
          <option value="">{t('queue.filter.any')}</option>
          {[...categories, ...filter.categories.filter((id) => !categories.some((category) => category.id === id)).map((id) => ({ id, label: id }))].map((category) => (
            <option key={category.id} value={category.id} translate="no">
              {category.label}
            </option>
          ))}
        </select>
      </div>
      <div className="queue-filters__group" role="group" aria-label={t('queue.filter.kind')}>
        <button type="button" className="chip" aria-pressed={filter.majorOnly} onClick={() => set({ majorOnly: !filter.majorOnly })}>
          {t('queue.filter.major')}
        </button>
        {showSecurity ? (
          <button type="button" className="chip" aria-pressed={filter.securityOnly} onClick={() => set({ securityOnly: !filter.securityOnly })}>
            {t('queue.filter.security')}
          </button>
        ) : null}
      </div>
      <button type="button" className="button button--quiet button--small" onClick={() => onChange(defaultFilter())}>
        {t('queue.filter.reset')}
      </button>
    </section>
  )
}

function ChipGroup<T extends string | number>({
  label,
  values,
  selected,
  labelOf,
  titleOf,
  onToggle,
}: {
  label: string
  values: readonly T[]
  selected: readonly T[]
  labelOf: (value: T) => string
  titleOf?: (value: T) => string
  onToggle: (value: T) => void
}) {
  const id = useId()
  return (
    <div className="queue-filters__group" role="group" aria-labelledby={id}>
      <span id={id} className="queue-filters__label">
        {label}
      </span>
      {values.map((value) => (
        <button
          key={value}
          type="button"
          className="chip"
          aria-pressed={selected.includes(value)}
          title={titleOf?.(value)}
          aria-label={titleOf ? `${labelOf(value)} ${titleOf(value).replace(/^P\d\s*/, '')}` : undefined}
          onClick={() => onToggle(value)}
        >
          {labelOf(value)}
        </button>
      ))}
    </div>
  )
}
