import { useId, useState, type FormEvent } from 'react'
import { LIMITS } from '../../src-shared/events/limits'
import { DEFAULT_ALERT_SOURCE_RULES, validateAlertSourceRules, type AlertSourceRules } from '../../src-shared/intake/alertRules'
import { alertIntakePath, type IssuedSourceKey, type MonitoringSource } from '../../src-shared/intake/monitoringSources'
import { IMPACTS, URGENCIES, type Impact, type Urgency } from '../../src-shared/incident/priority'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { usePlatform } from '../platform/platformContext'
import { useUnsavedChanges } from '../settings-layout/unsavedChanges'
import { useConnection } from '../ui/uiHooks'
import type { AdminDirectory } from './useAdminDirectory'
import { useServerList } from './useServerList'
import { ConfirmAction } from './ConfirmAction'
import { t } from '../i18n/activeLanguage'

/**
 * Monitoring sources (Prometheus Alertmanager, Grafana, anything that can post JSON): each gets an
 * address and an integration key that opens nothing else; its rules say how its alerts become
 * incidents. A key is shown once, when issued, and can be replaced or revoked at once.
 */
export function MonitoringSection({ directory }: { directory: AdminDirectory }) {
  const ids = { heading: useId(), addHeading: useId(), id: useId(), idHint: useId(), name: useId(), error: useId() }
  const platform = usePlatform()
  const connection = useConnection()
  const serverUrl = connection.status === 'signedIn' ? connection.serverUrl : null
  const { items: sources, error, busy, run } = useServerList(directory, platform.admin.listSources)
  const [issued, setIssued] = useState<IssuedSourceKey | null>(null)
  const [id, setId] = useState('')
  const [name, setName] = useState('')

  async function create(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (busy) return
    const created = await run(() => platform.admin.createSource({ id: id.trim(), name: name.trim(), rules: DEFAULT_ALERT_SOURCE_RULES }))
    if (!created) return
    setIssued(created)
    setId('')
    setName('')
  }

  return (
    <section className="admin__section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="admin__title">
        {t('monitoring.title')}
      </h2>
      <p className="admin__hint">{t('monitoring.hint')}</p>
      {issued ? <IssuedKey issued={issued} serverUrl={serverUrl} onDismiss={() => setIssued(null)} /> : null}
      {error ? (
        <p className="form__error" role="alert" id={ids.error}>
          {error}
        </p>
      ) : null}
      {sources === null ? null : sources.length === 0 ? (
        <p className="admin__empty">{t('monitoring.none')}</p>
      ) : (
        <ul className="monitoring__sources">
          {sources.map((source) => (
            <SourceItem
              key={source.id}
              source={source}
              serverUrl={serverUrl}
              busy={busy}
              onIssue={async () => {
                const answer = await run(() => platform.admin.issueSourceKey(source.id))
                if (answer) setIssued(answer)
              }}
              onRevoke={() => void run(() => platform.admin.revokeSourceKey(source.id))}
              onSaveRules={async (rules) => Boolean(await run(() => platform.admin.updateSource(source.id, { rules })))}
            />
          ))}
        </ul>
      )}
      <form className="form admin__card" onSubmit={(event) => void create(event)} aria-labelledby={ids.addHeading}>
        <h3 id={ids.addHeading} className="admin__card-title">
          {t('monitoring.add')}
        </h3>
        <div className="form__row">
          <div className="form__field">
            <label htmlFor={ids.name}>{t('monitoring.name')}</label>
            <input id={ids.name} value={name} maxLength={LIMITS.name} required onChange={(event) => setName(event.target.value)} placeholder={t('monitoring.name.example')} />
          </div>
          <div className="form__field">
            <label htmlFor={ids.id}>{t('monitoring.id')}</label>
            <input
              id={ids.id}
              value={id}
              maxLength={LIMITS.label}
              required
              pattern="[a-z0-9][a-z0-9_\-]*"
              title={t('monitoring.id.title')}
              aria-describedby={ids.idHint}
              onChange={(event) => setId(event.target.value)}
              placeholder="prometheus"
              translate="no"
            />
            <span id={ids.idHint} className="admin__hint">
              {t('monitoring.id.title')}
            </span>
          </div>
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('monitoring.create')}
          </button>
        </div>
      </form>
    </section>
  )
}

function addressOf(serverUrl: string | null, sourceId: string): string {
  return `${serverUrl ?? ''}${alertIntakePath(sourceId)}`
}

/** A key the server just issued, shown once with its address; unfinished work until Done. */
function IssuedKey({ issued, serverUrl, onDismiss }: { issued: IssuedSourceKey; serverUrl: string | null; onDismiss: () => void }) {
  useUnsavedChanges(true)
  return (
    <div className="admin__password" role="status">
      <p>{t('monitoring.issued', { name: issued.source.name })}</p>
      <dl className="monitoring__issued">
        <dt>{t('monitoring.address')}</dt>
        <dd>
          <code className="admin__secret" translate="no">
            {addressOf(serverUrl, issued.source.id)}
          </code>
        </dd>
        <dt>{t('monitoring.key')}</dt>
        <dd>
          <code className="admin__secret" translate="no" data-testid="issued-key">
            {issued.key}
          </code>
        </dd>
      </dl>
      <p className="admin__hint">{t('monitoring.key.once')}</p>
      <button type="button" className="button button--small" onClick={onDismiss}>
        {t('admin.done')}
      </button>
    </div>
  )
}

interface SourceItemProps {
  source: MonitoringSource
  serverUrl: string | null
  busy: boolean
  onIssue: () => Promise<void>
  onRevoke: () => void
  onSaveRules: (rules: AlertSourceRules) => Promise<boolean>
}

function SourceItem({ source, serverUrl, busy, onIssue, onRevoke, onSaveRules }: SourceItemProps) {
  const headingId = useId()
  return (
    <li className="admin__card monitoring__source" aria-labelledby={headingId}>
      <h3 id={headingId} className="admin__card-title">
        <span translate="no">{source.name}</span>{' '}
        <span className="queue-table__muted" translate="no">
          ({source.id})
        </span>
      </h3>
      <p>
        {t('monitoring.address')}{' '}
        <code translate="no">{addressOf(serverUrl, source.id)}</code>
      </p>
      <p>
        {source.hasKey && source.keyIssuedAt ? (
          <>
            {t('monitoring.keyLive', { hint: source.keyHint ?? '' })}{' '}
            <time dateTime={source.keyIssuedAt} title={formatFullTimestamp(source.keyIssuedAt)}>
              {formatShortTimestamp(source.keyIssuedAt)}
            </time>
          </>
        ) : (
          <span className="tag tag--attention">{t('monitoring.noKey')}</span>
        )}
      </p>
      <div className="monitoring__actions">
        <button type="button" className="button button--small" disabled={busy} onClick={() => void onIssue()}>
          {source.hasKey ? t('monitoring.replaceKey') : t('monitoring.issueKey')}
        </button>
        {source.hasKey ? <ConfirmAction label={t('monitoring.revoke')} confirmLabel={t('monitoring.revokeConfirm', { name: source.name })} busy={busy} onConfirm={onRevoke} /> : null}
      </div>
      <details className="monitoring__rules">
        <summary>{t('monitoring.rules')}</summary>
        <RulesForm key={JSON.stringify(source.rules)} sourceName={source.name} rules={source.rules} busy={busy} onSave={onSaveRules} />
      </details>
    </li>
  )
}

function ImpactUrgency({ label, value, onChange }: { label: string; value: { impact: Impact; urgency: Urgency }; onChange: (value: { impact: Impact; urgency: Urgency }) => void }) {
  return (
    <>
      <td>
        <select aria-label={t('monitoring.impactOf', { severity: label })} value={value.impact} onChange={(event) => onChange({ ...value, impact: Number(event.target.value) as Impact })}>
          {IMPACTS.map((impact) => (
            <option key={impact} value={impact}>
              {t(`impact.${impact}`)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select aria-label={t('monitoring.urgencyOf', { severity: label })} value={value.urgency} onChange={(event) => onChange({ ...value, urgency: Number(event.target.value) as Urgency })}>
          {URGENCIES.map((urgency) => (
            <option key={urgency} value={urgency}>
              {t(`urgency.${urgency}`)}
            </option>
          ))}
        </select>
      </td>
    </>
  )
}

/** How the source's alerts become incidents: severity to impact and urgency, recovery, correlation. */
function RulesForm({ sourceName, rules, busy, onSave }: { sourceName: string; rules: AlertSourceRules; busy: boolean; onSave: (rules: AlertSourceRules) => Promise<boolean> }) {
  const ids = { window: useId(), storm: useId(), label: useId() }
  const [draft, setDraft] = useState(rules)
  const [problem, setProblem] = useState<string | null>(null)
  const changed = JSON.stringify(draft) !== JSON.stringify(rules)
  useUnsavedChanges(changed)
  const correlation = draft.correlation

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    const checked = validateAlertSourceRules(draft)
    if (!checked.ok) {
      setProblem(checked.error)
      return
    }
    setProblem(null)
    await onSave(checked.value)
  }

  return (
    <form className="form monitoring__rules-form" onSubmit={(event) => void save(event)} aria-label={t('monitoring.rulesOf', { name: sourceName })}>
      <table className="queue-table admin__table">
        <caption>{t('monitoring.severities')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('monitoring.severity')}</th>
            <th scope="col">{t('field.impact')}</th>
            <th scope="col">{t('field.urgency')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(draft.severities).map(([severity, mapping]) => (
            <tr key={severity}>
              <th scope="row" translate="no">
                {severity}
              </th>
              <ImpactUrgency label={severity} value={mapping} onChange={(next) => setDraft({ ...draft, severities: { ...draft.severities, [severity]: next } })} />
            </tr>
          ))}
          <tr>
            <th scope="row">{t('monitoring.otherSeverity')}</th>
            <ImpactUrgency label={t('monitoring.otherSeverity')} value={draft.otherSeverity} onChange={(next) => setDraft({ ...draft, otherSeverity: next })} />
          </tr>
        </tbody>
      </table>
      <label className="form__check">
        <input type="checkbox" checked={draft.resolveOnRecovery} onChange={(event) => setDraft({ ...draft, resolveOnRecovery: event.target.checked })} />
        {t('monitoring.resolveOnRecovery')}
      </label>
      <label className="form__check">
        <input
          type="checkbox"
          checked={correlation !== null}
          onChange={(event) => setDraft({ ...draft, correlation: event.target.checked ? (rules.correlation ?? DEFAULT_ALERT_SOURCE_RULES.correlation) : null })}
        />
        {t('monitoring.correlate')}
      </label>
      <div className="form__row">
        {correlation ? (
          <>
            <div className="form__field">
              <label htmlFor={ids.window}>{t('monitoring.window')}</label>
              <input id={ids.window} type="number" min={1} max={1440} value={correlation.windowMinutes} onChange={(event) => setDraft({ ...draft, correlation: { ...correlation, windowMinutes: Number(event.target.value) } })} />
            </div>
            <div className="form__field">
              <label htmlFor={ids.storm}>{t('monitoring.storm')}</label>
              <input id={ids.storm} type="number" min={2} value={correlation.stormThreshold} onChange={(event) => setDraft({ ...draft, correlation: { ...correlation, stormThreshold: Number(event.target.value) } })} />
            </div>
          </>
        ) : null}
        <div className="form__field">
          <label htmlFor={ids.label}>{t('monitoring.serviceLabel')}</label>
          <input id={ids.label} value={draft.serviceLabel} maxLength={LIMITS.label} translate="no" onChange={(event) => setDraft({ ...draft, serviceLabel: event.target.value })} />
        </div>
      </div>
      {problem ? (
        <p className="form__error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="button button--small" disabled={busy || !changed}>
        {t('monitoring.saveRules')}
      </button>
    </form>
  )
}
