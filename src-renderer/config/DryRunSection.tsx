import { useId, useState } from 'react'
import { DRY_RUN_RULES, type DryRun, type DryRunAction, type DryRunRule } from '../../src-shared/automation/dryRun'
import { t } from '../i18n/activeLanguage'
import { usePlatform } from '../platform/platformContext'
import { describeSyncError } from '../session/describeSyncError'
import { useConnection } from '../ui/uiHooks'

/** The summary's wording per rule (an ICU selector cannot hold a hyphen). */
const SUMMARY_OF: Record<DryRunRule, string> = { 'auto-close': 'close', routing: 'route', 'sla-escalation': 'escalate' }

function describeAction(action: DryRunAction): string {
  switch (action.kind) {
    case 'close':
      return t('rules.dryRun.close')
    case 'route':
      return t('rules.dryRun.route', { group: action.group, actual: action.actual ?? 'none' })
    case 'escalate':
      return t('rules.dryRun.escalate', { stage: action.stage, to: action.to, functional: action.functional ? 'yes' : 'no' })
  }
}

/** The window a dry run replays; the issue's "last 30 days". */
const DRY_RUN_DAYS = 30

/**
 * The server's automation, and a dry run of each rule over the last 30 days of the server's log
 * (src-shared/automation/dryRun.ts): what it would have done, incident by incident, nothing changed.
 */
export function DryRunSection() {
  const ids = { heading: useId(), rule: useId() }
  const platform = usePlatform()
  const connection = useConnection()
  const [rule, setRule] = useState<DryRunRule>('auto-close')
  const [state, setState] = useState<{ status: 'idle' } | { status: 'running' } | { status: 'done'; run: DryRun } | { status: 'failed'; message: string }>({ status: 'idle' })

  async function run(): Promise<void> {
    setState({ status: 'running' })
    try {
      setState({ status: 'done', run: await platform.admin.dryRun(rule, DRY_RUN_DAYS) })
    } catch (error) {
      setState({ status: 'failed', message: describeSyncError(error, connection.status === 'signedIn' ? connection.serverUrl : null) })
    }
  }

  return (
    <section className="form config__section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="admin__title">
        {t('rules.dryRun')}
      </h2>
      <p className="form__hint">{t('rules.dryRun.hint')}</p>
      <div className="config__inline">
        <div className="form__field">
          <label htmlFor={ids.rule}>{t('rules.dryRun.rule')}</label>
          <select id={ids.rule} value={rule} onChange={(event) => setRule(event.target.value as DryRunRule)}>
            {DRY_RUN_RULES.map((value) => (
              <option key={value} value={value}>
                {t(`rules.dryRun.rule.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button button--primary" disabled={state.status === 'running'} onClick={() => void run()}>
          {t('rules.dryRun.run')}
        </button>
      </div>
      <p role="status" className="form__hint">
        {state.status === 'running' ? t('rules.dryRun.running') : state.status === 'done' ? t('rules.dryRun.summary', { rule: SUMMARY_OF[state.run.rule], count: state.run.actions.length, incidents: state.run.incidents }) : null}
      </p>
      {state.status === 'failed' ? (
        <p role="alert" className="form__error">
          {state.message}
        </p>
      ) : null}
      {state.status === 'done' && state.run.actions.length > 0 ? (
        <div className="table-frame">
          <table className="queue-table admin__table" aria-label={t('rules.dryRun.col.what')}>
            <thead>
              <tr>
                <th scope="col">{t('rules.dryRun.col.number')}</th>
                <th scope="col">{t('rules.dryRun.col.when')}</th>
                <th scope="col">{t('rules.dryRun.col.what')}</th>
              </tr>
            </thead>
            <tbody>
              {state.run.actions.map((action) => (
                <tr key={`${action.incidentId}:${action.at}:${action.kind === 'escalate' ? `${action.to}:${action.stage}` : ''}`}>
                  <th scope="row" translate="no">
                    {action.number}
                  </th>
                  <td>{action.at.slice(0, 16).replace('T', ' ')}</td>
                  <td>{describeAction(action)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  )
}
