import { useId, useState, type KeyboardEvent, memo } from 'react'
import { membersOf } from '../../src-shared/config/directory'
import { useDirectory } from '../config/useOrgConfig'
import { categoryLabel, subcategoryLabel } from '../../src-shared/config/taxonomy'
import { LIMITS } from '../../src-shared/events/limits'
import type { Command, DetailChanges, IncidentAction } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import type { ActionAvailability } from '../../src-shared/incident/lifecycle'
import { CHANNELS, type Channel } from '../../src-shared/incident/vocabulary'
import { useTaxonomy } from '../config/deskConfig'
import { useDesk } from '../desk/deskContext'
import { CategoryFields } from '../logging/CategoryFields'
import { EditActions, EditableField, FieldReading } from './EditableField'
import { t, refusalOrNull, refusalText } from '../i18n/activeLanguage'

interface Props {
  incident: Incident
  availability: ReadonlyMap<IncidentAction, ActionAvailability>
}

/**
 * The incident's header fields, each edited in place with the step that changes it: details
 * (editDetails), category (categorize), assignment (assign). Level moves only by escalation.
 */
function IncidentDetailsView({ incident, availability }: Props) {
  const { store, session } = useDesk()
  const taxonomy = useTaxonomy()
  const refusalOf = (action: IncidentAction) => refusalOrNull(availability.get(action)?.refusal) ?? null

  async function execute(command: Command): Promise<string | null> {
    const result = await store.execute(command)
    return result.ok ? null : refusalText(result.refusal)
  }

  const edit = (changes: DetailChanges) => execute({ action: 'editDetails', incidentId: incident.id, changes })
  const optional = (value: string) => (value.trim() === '' ? null : value.trim())
  const detailsRefusal = refusalOf('editDetails')

  const text = (label: string, field: 'location' | 'service' | 'configurationItem') => (
    <EditableField
      label={label}
      value={incident[field] ?? ''}
      display={incident[field] ?? t('view.none')}
      maxLength={LIMITS.label}
      refusal={detailsRefusal}
      onSave={(value) => edit({ [field]: optional(value) })}
    />
  )

  return (
    <section className="incident-view__section" aria-label={t('details.title')}>
      {detailsRefusal ? <p className="side-panel__note">{t('details.cannotEdit', { reason: detailsRefusal })}</p> : null}
      <dl className="incident-details">
        <EditableField
          label={t('activity.field.shortDescription')}
          value={incident.shortDescription}
          display={incident.shortDescription}
          maxLength={LIMITS.shortDescription}
          refusal={detailsRefusal}
          onSave={(value) => edit({ shortDescription: value.trim() })}
        />
        <EditableField
          label={t('activity.field.caller')}
          value={incident.caller.name}
          display={incident.caller.vip ? t('view.callerVip', { name: incident.caller.name }) : incident.caller.name}
          maxLength={LIMITS.name}
          refusal={detailsRefusal}
          onSave={(value) => edit({ caller: { ...incident.caller, name: value.trim() } })}
        />
        <EditableField
          label={t('activity.field.channel')}
          control="select"
          value={incident.channel}
          display={t(`channel.${incident.channel}`)}
          options={CHANNELS.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))}
          refusal={detailsRefusal}
          onSave={(value) => edit({ channel: value as Channel })}
        />
        <CategoryField incident={incident} refusal={refusalOf('categorize')} onSave={execute} taxonomyLabel={(category, subcategory) =>
          [categoryLabel(taxonomy, category) ?? category, subcategoryLabel(taxonomy, category, subcategory) ?? subcategory].filter(Boolean).join(' / ') || t('view.none')
        } />
        {text(t('activity.field.service'), 'service')}
        {text(t('activity.field.configurationItem'), 'configurationItem')}
        {text(t('activity.field.location'), 'location')}
        <div className="editable-field">
          <dt className="editable-field__label">{t('activity.field.level')}</dt>
          <dd className="editable-field__value">
            <span className="editable-field__static" title={t('details.levelTitle')}>
              {t(`level.${incident.level}`)}
            </span>
          </dd>
        </div>
        <AssignmentField incident={incident} refusal={refusalOf('assign')} me={session.actor} onSave={execute} />
        <EditableField
          label={t('activity.field.description')}
          control="textarea"
          value={incident.description}
          display={incident.description || t('view.none')}
          maxLength={LIMITS.description}
          refusal={detailsRefusal}
          onSave={(value) => edit({ description: value })}
        />
      </dl>
    </section>
  )
}

interface CategoryProps {
  incident: Incident
  refusal: string | null
  onSave: (command: Command) => Promise<string | null>
  taxonomyLabel: (category: string | null, subcategory: string | null) => string
}

/** Category and subcategory from the admin's taxonomy, saved together as one categorize step. */
function CategoryField({ incident, refusal, onSave, taxonomyLabel }: CategoryProps) {
  const taxonomy = useTaxonomy()
  const errorId = useId()
  const [editing, setEditing] = useState(false)
  const [category, setCategory] = useState(incident.category ?? '')
  const [subcategory, setSubcategory] = useState(incident.subcategory ?? '')
  const [error, setError] = useState<string | null>(null)
  const display = taxonomyLabel(incident.category, incident.subcategory)

  async function save(): Promise<void> {
    if (category === '') {
      setError(t('details.chooseCategory'))
      return
    }
    const refused = await onSave({ action: 'categorize', incidentId: incident.id, category, subcategory: subcategory || null })
    if (refused) setError(refused)
    else setEditing(false)
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      setEditing(false)
    } else if (event.key === 'Enter') {
      event.preventDefault()
      void save()
    }
  }

  if (!editing) {
    return (
      <FieldReading
        label={t('activity.field.category')}
        display={display}
        spoken={display}
        refusal={refusal}
        onEdit={() => {
          setCategory(incident.category ?? '')
          setSubcategory(incident.subcategory ?? '')
          setError(null)
          setEditing(true)
        }}
      />
    )
  }

  return (
    <div className="editable-field editable-field--editing editable-field--wide" onKeyDown={onKeyDown} aria-describedby={error ? errorId : undefined}>
      <dt className="editable-field__label">{t('activity.field.category')}</dt>
      <dd className="editable-field__value editable-field__pair">
        <CategoryFields
          taxonomy={taxonomy}
          category={category}
          subcategory={subcategory}
          onCategoryChange={(value) => {
            setCategory(value)
            setSubcategory('')
          }}
          onSubcategoryChange={setSubcategory}
        />
        <EditActions onSave={() => void save()} onDiscard={() => setEditing(false)} error={error} errorId={errorId} />
      </dd>
    </div>
  )
}

interface AssignmentProps {
  incident: Incident
  refusal: string | null
  me: { userId: string; displayName: string }
  onSave: (command: Command) => Promise<string | null>
}

/**
 * The assignment group (typed: the desk has no group directory offline) and the assignee: this
 * desk's user, the current assignee, or nobody. Taking an incident to work it is "Take it".
 */
function AssignmentField({ incident, refusal, me, onSave }: AssignmentProps) {
  const ids = { group: useId(), groups: useId(), assignee: useId(), error: useId() }
  const [editing, setEditing] = useState(false)
  const [group, setGroup] = useState(incident.assignmentGroup ?? '')
  const [assignee, setAssignee] = useState(incident.assignee?.userId ?? '')
  const [error, setError] = useState<string | null>(null)
  const directory = useDirectory()
  const people = [{ userId: me.userId, displayName: `${me.displayName} (me)` }]
  if (incident.assignee && incident.assignee.userId !== me.userId) people.push(incident.assignee)
  // The chosen group's members from the directory (a joined desk's), offline too.
  for (const member of membersOf(directory, group.trim())) if (!people.some((person) => person.userId === member.userId)) people.push({ userId: member.userId, displayName: member.displayName })
  const display = [incident.assignmentGroup, incident.assignee?.displayName].filter(Boolean).join(' · ') || t('queue.unassigned')

  async function save(): Promise<void> {
    const person = assignee === '' ? null : assignee === me.userId ? { userId: me.userId, displayName: me.displayName } : (people.find((candidate) => candidate.userId === assignee) ?? null)
    const refused = await onSave({ action: 'assign', incidentId: incident.id, assignmentGroup: group.trim() || null, assignee: person })
    if (refused) setError(refused)
    else setEditing(false)
  }

  if (!editing) {
    return (
      <FieldReading
        label={t('details.assignment')}
        display={display}
        spoken={display}
        refusal={refusal}
        onEdit={() => {
          setGroup(incident.assignmentGroup ?? '')
          setAssignee(incident.assignee?.userId ?? '')
          setError(null)
          setEditing(true)
        }}
      />
    )
  }

  return (
    <div
      className="editable-field editable-field--editing editable-field--wide"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          event.stopPropagation()
          setEditing(false)
        } else if (event.key === 'Enter') {
          event.preventDefault()
          void save()
        }
      }}
    >
      <dt className="editable-field__label">{t('details.assignment')}</dt>
      <dd className="editable-field__value editable-field__pair">
        <div className="form__field">
          <label htmlFor={ids.group}>{t('field.group')}</label>
          <input id={ids.group} type="text" list={ids.groups} value={group} maxLength={LIMITS.label} autoFocus onChange={(event) => setGroup(event.target.value)} />
          <datalist id={ids.groups}>
            {directory.groups.map((choice) => (
              <option key={choice.id} value={choice.name} />
            ))}
          </datalist>
        </div>
        <div className="form__field">
          <label htmlFor={ids.assignee}>{t('activity.field.assignee')}</label>
          <select id={ids.assignee} value={assignee} onChange={(event) => setAssignee(event.target.value)}>
            <option value="">{t('queue.unassigned')}</option>
            {people.map((person) => (
              <option key={person.userId} value={person.userId}>
                {person.displayName}
              </option>
            ))}
          </select>
        </div>
        <EditActions onSave={() => void save()} onDiscard={() => setEditing(false)} error={error} errorId={ids.error} />
      </dd>
    </div>
  )
}

/** Drawn again only when its props change: the incident view re-renders with every step taken in it. */
export const IncidentDetails = memo(IncidentDetailsView)
