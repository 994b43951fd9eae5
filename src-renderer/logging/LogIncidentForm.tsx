import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import type { IncidentTemplate } from '../../src-shared/config/templates'
import { LIMITS } from '../../src-shared/events/limits'
import type { AttachmentDescriptor, Incident } from '../../src-shared/incident/incident'
import { priorityFor } from '../../src-shared/incident/priority'
import { CHANNELS, SECURITY_CATEGORY, type Channel } from '../../src-shared/incident/vocabulary'
import { keepAttachments } from '../attachments/keepAttachments'
import { useTaxonomy, useTemplates } from '../config/deskConfig'
import { useDesk } from '../desk/deskContext'
import { useSimilarOpenIncidents } from '../search/similarIncidents'
import { ImpactUrgencyFields } from '../incident/ImpactUrgencyFields'
import { PriorityBadge } from '../incident/PriorityBadge'
import { AttachmentPicker, type PendingFile } from './AttachmentPicker'
import { CallerFields } from './CallerFields'
import { routeAtLogging } from '../../src-shared/automation/routing'
import { findService } from '../../src-shared/config/serviceCatalogue'
import { useOrgConfig } from '../config/useOrgConfig'
import { CategoryFields } from './CategoryFields'
import { applyTemplate, emptyDraft, toLogInput, withCategory, type DraftField, type LogDraft } from './logDraft'
import { PossibleDuplicates } from './PossibleDuplicates'
import { TemplatePicker } from './TemplatePicker'
import { useRecentCallers } from './useRecentCallers'
import './logging.css'
import { t, refusalText } from '../i18n/activeLanguage'
import { Rich } from '../i18n/Rich'

/** What happened after a save, for the dialog to announce. */
export interface LoggedOutcome {
  incident: Incident
  /** Set when the incident was logged but some files could not be attached. */
  attachmentProblem: string | null
}

interface Props {
  onCancel: () => void
  /** The incident was logged and the agent is done: close the form. */
  onLogged: (outcome: LoggedOutcome) => void
  /** The incident was logged and the agent logs another: the form stays open, blank. */
  onLoggedAndNew: (outcome: LoggedOutcome) => void
  /** Opens an existing incident over the form (a possible duplicate). */
  onOpenIncident: (incidentId: string) => void
}

type RequiredField = 'shortDescription' | 'caller'
type SaveMode = 'close' | 'new'

/**
 * The logging step of the workflow, built for an L1 agent on the phone: who called first, a
 * template for the common cases, priority shown as impact and urgency change, similar open
 * incidents while the short description is typed, files and photos. Ctrl+Enter saves;
 * Ctrl+Shift+Enter saves and starts the next one. The store and the shared lifecycle decide
 * what is valid; this form shows their refusal word for word, so the desk and the sync server
 * never disagree about a rule. (No HTML `required`: the browser's own bubble would pre-empt that
 * message, and "   " passes it anyway.)
 */
export function LogIncidentForm({ onCancel, onLogged, onLoggedAndNew, onOpenIncident }: Props) {
  const { data, store } = useDesk()
  const taxonomy = useTaxonomy()
  const { priorityMatrix, services } = useOrgConfig()
  const templates = useTemplates()
  const recentCallers = useRecentCallers()
  const ids = {
    caller: useId(),
    location: useId(),
    channel: useId(),
    template: useId(),
    shortDescription: useId(),
    service: useId(),
    configurationItem: useId(),
    serviceChoices: useId(),
    itemChoices: useId(),
    impact: useId(),
    urgency: useId(),
    priority: useId(),
    description: useId(),
    error: useId(),
  }
  const [draft, setDraft] = useState<LogDraft>(() => emptyDraft())
  const routing = routeAtLogging({ taxonomy, services }, draft)
  const service = findService(services, draft.service)
  // Fields the agent typed into: a template picked later leaves them as they are.
  const [edited, setEdited] = useState<ReadonlySet<DraftField>>(new Set())
  const [files, setFiles] = useState<PendingFile[]>([])
  const [fileErrors, setFileErrors] = useState<string[]>([])
  const [error, setError] = useState<string | null>(null)
  const [invalid, setInvalid] = useState<ReadonlySet<RequiredField>>(new Set())
  const [lastLogged, setLastLogged] = useState<string | null>(null)
  const savingRef = useRef(false)
  const shortDescriptionInput = useRef<HTMLInputElement>(null)
  const callerInput = useRef<HTMLInputElement>(null)
  const templatePicker = useRef<HTMLSelectElement>(null)
  const duplicates = useSimilarOpenIncidents(draft.shortDescription)

  function edit<K extends DraftField>(field: K, value: LogDraft[K]): void {
    setDraft((current) => ({ ...current, [field]: value }))
    setEdited((current) => (current.has(field) ? current : new Set(current).add(field)))
  }

  function pickTemplate(template: IncidentTemplate | undefined): void {
    if (!template) {
      setDraft((current) => ({ ...current, templateId: '' }))
      return
    }
    setDraft((current) => applyTemplate(current, template, edited))
  }

  function startOver(channel: Channel): void {
    setDraft(emptyDraft(channel))
    setEdited(new Set())
    setFiles([])
    setFileErrors([])
    setError(null)
    setInvalid(new Set())
    callerInput.current?.focus()
  }

  /** Attaches the stored files one command each; the first refusal is reported, the rest still tried. */
  async function attachAll(incident: Incident, attachments: readonly AttachmentDescriptor[]): Promise<string | null> {
    const problems: string[] = []
    for (const attachment of attachments) {
      const result = await store.execute({ action: 'attach', incidentId: incident.id, attachment })
      if (!result.ok) problems.push(`${attachment.name}: ${refusalText(result.refusal)}`)
    }
    return problems.length === 0 ? null : t('log.someFilesFailed', { number: incident.number, problems: problems.join(' ') })
  }

  async function save(mode: SaveMode): Promise<void> {
    if (savingRef.current) return
    savingRef.current = true
    try {
      // Routing at logging: the category's (or subcategory's) default group, as the form showed it.
      const input = routing ? { ...toLogInput(draft), assignmentGroup: routing.group, routedBy: routing.rule } : toLogInput(draft)
      // The bytes first: if the disk refuses them, nothing is logged and the agent can retry.
      // Bytes stored for a log the lifecycle then refuses stay, harmlessly: they are keyed by
      // content, so the retry finds them there.
      const stored = files.length > 0 ? await keepAttachments(data, files.map((entry) => entry.file)) : { ok: true as const, attachments: [] }
      if (!stored.ok) {
        setFileErrors(stored.errors)
        setError(t('log.filesFailed'))
        return
      }
      const result = await store.logIncident(input)
      if (!result.ok) {
        setError(refusalText(result.refusal))
        // The refusal names one problem; point at every blank required field so one fix is enough.
        const blank = new Set<RequiredField>()
        if (input.shortDescription === '') blank.add('shortDescription')
        if (input.caller.name === '') blank.add('caller')
        setInvalid(blank)
        const first = blank.has('caller') ? callerInput : blank.has('shortDescription') ? shortDescriptionInput : null
        first?.current?.focus()
        return
      }
      const outcome: LoggedOutcome = { incident: result.incident, attachmentProblem: await attachAll(result.incident, stored.attachments) }
      if (mode === 'close') {
        onLogged(outcome)
        return
      }
      // Save and new: the next call usually comes in the same way, so the channel stays;
      // everything about the caller and the problem starts blank.
      setLastLogged(outcome.attachmentProblem ?? t('log.loggedReady', { number: result.incident.number }))
      startOver(draft.channel)
      onLoggedAndNew(outcome)
    } catch (cause) {
      setError(t('log.saveFailed', { reason: cause instanceof Error ? cause.message : String(cause) }))
    } finally {
      savingRef.current = false
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault()
    void save('close')
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void save(event.shiftKey ? 'new' : 'close')
    } else if (event.altKey && !event.ctrlKey && event.key.toLowerCase() === 't') {
      event.preventDefault()
      templatePicker.current?.focus()
    }
  }

  const describedBy = (field: RequiredField): string | undefined => (invalid.has(field) && error ? ids.error : undefined)
  const isSecurity = draft.category === SECURITY_CATEGORY

  return (
    <form className="form log-form" onSubmit={onSubmit} onKeyDown={onKeyDown} noValidate aria-describedby={error ? ids.error : undefined}>
      <p role="status" className="log-form__logged" data-empty={lastLogged === null}>
        {lastLogged}
      </p>

      <div className="log-form__row">
        <CallerFields
          callerId={ids.caller}
          callerName={draft.callerName}
          contact={draft.callerContact}
          invalid={invalid.has('caller')}
          describedBy={describedBy('caller')}
          recentCallers={recentCallers}
          callerInput={callerInput}
          onCallerChange={(name, suggestion) => {
            edit('callerName', name)
            // A recent caller picked from the list brings their contact and location, unless
            // the agent already typed those.
            if (!suggestion) return
            if (suggestion.contact && !edited.has('callerContact')) setDraft((current) => ({ ...current, callerContact: suggestion.contact! }))
            if (suggestion.location && !edited.has('location')) setDraft((current) => ({ ...current, location: suggestion.location! }))
          }}
          onContactChange={(contact) => edit('callerContact', contact)}
        />
        <div className="form__field">
          <label htmlFor={ids.location}>{t('log.location')}</label>
          <input
            id={ids.location}
            type="text"
            value={draft.location}
            onChange={(event) => edit('location', event.target.value)}
            maxLength={LIMITS.label}
            autoComplete="off"
          />
        </div>
        <div className="form__field">
          <label htmlFor={ids.channel}>{t('log.channel')}</label>
          <select id={ids.channel} value={draft.channel} onChange={(event) => edit('channel', event.target.value as Channel)}>
            {CHANNELS.map((value) => (
              <option key={value} value={value}>
                {t(`channel.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="log-form__row log-form__row--summary">
        <TemplatePicker id={ids.template} templates={templates} templateId={draft.templateId} pickerRef={templatePicker} onPick={pickTemplate} />
        <div className="form__field">
          <label htmlFor={ids.shortDescription}>
            {t('log.shortDescription')}{' '}
            <span className="form__required" aria-hidden="true">
              {t('log.required')}
            </span>
          </label>
          <input
            ref={shortDescriptionInput}
            id={ids.shortDescription}
            type="text"
            value={draft.shortDescription}
            onChange={(event) => edit('shortDescription', event.target.value)}
            maxLength={LIMITS.shortDescription}
            aria-required="true"
            aria-invalid={invalid.has('shortDescription') || undefined}
            aria-describedby={describedBy('shortDescription')}
            autoComplete="off"
          />
        </div>
      </div>

      <PossibleDuplicates incidents={duplicates} onOpen={onOpenIncident} />

      <div className="log-form__row">
        <CategoryFields
          taxonomy={taxonomy}
          category={draft.category}
          subcategory={draft.subcategory}
          onCategoryChange={(category) => {
            setDraft((current) => withCategory(current, category, taxonomy))
            setEdited((current) => new Set(current).add('category'))
          }}
          onSubcategoryChange={(subcategory) => edit('subcategory', subcategory)}
        />
        <p className="form__hint log-form__routing" role="status">
          {routing ? t('rules.routing.hint', { group: routing.group, rule: routing.rule.label }) : null}
        </p>
        <div className="form__field">
          <label htmlFor={ids.service}>{t('log.service')}</label>
          <input
            id={ids.service}
            type="text"
            value={draft.service}
            onChange={(event) => edit('service', event.target.value)}
            maxLength={LIMITS.label}
            autoComplete="off"
            list={ids.serviceChoices}
          />
          <datalist id={ids.serviceChoices}>
            {services.map((choice) => (
              <option key={choice.id} value={choice.name} translate="no" />
            ))}
          </datalist>
        </div>
        <div className="form__field">
          <label htmlFor={ids.configurationItem}>{t('log.ci')}</label>
          <input
            id={ids.configurationItem}
            type="text"
            value={draft.configurationItem}
            onChange={(event) => edit('configurationItem', event.target.value)}
            maxLength={LIMITS.label}
            placeholder={t('log.ci.placeholder')}
            autoComplete="off"
            list={ids.itemChoices}
          />
          <datalist id={ids.itemChoices}>
            {(service?.items ?? []).map((item) => (
              <option key={item.id} value={item.name} translate="no" />
            ))}
          </datalist>
        </div>
      </div>
      {isSecurity ? (
        <p className="log-form__notice">
          {t('log.securityNote')}
        </p>
      ) : null}

      <div className="log-form__row">
        <ImpactUrgencyFields
          impactId={ids.impact}
          urgencyId={ids.urgency}
          impact={draft.impact}
          urgency={draft.urgency}
          onImpactChange={(impact) => edit('impact', impact)}
          onUrgencyChange={(urgency) => edit('urgency', urgency)}
        />
        <div className="form__field">
          <label htmlFor={ids.priority}>{t('log.priority')}</label>
          {/* Derived, never typed in (DESIGN §1): the same matrix the store applies. */}
          <output id={ids.priority} htmlFor={`${ids.impact} ${ids.urgency}`} className="form__output">
            <PriorityBadge priority={priorityFor(draft.impact, draft.urgency, priorityMatrix)} />
          </output>
        </div>
      </div>

      <div className="form__field">
        <label htmlFor={ids.description}>{t('log.description')}</label>
        <textarea
          id={ids.description}
          value={draft.description}
          onChange={(event) => edit('description', event.target.value)}
          maxLength={LIMITS.description}
          rows={4}
        />
      </div>

      <AttachmentPicker
        files={files}
        errors={fileErrors}
        onChange={(next, errors) => {
          setFiles(next)
          setFileErrors(errors)
        }}
      />

      <p id={ids.error} role="alert" className="form__error" data-empty={error === null}>
        {error}
      </p>

      <div className="form__actions log-form__actions">
        <span className="form__hint log-form__keys">
          <Rich id="log.keys" />
        </span>
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button" onClick={() => void save('new')} aria-keyshortcuts="Control+Shift+Enter">
          {t('log.saveAndNew')}
        </button>
        <button type="submit" className="button button--primary" aria-keyshortcuts="Control+Enter">
          {t('common.save')}
        </button>
      </div>
    </form>
  )
}
