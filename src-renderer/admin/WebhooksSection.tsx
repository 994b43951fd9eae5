import { useCallback, useId, useState, type FormEvent } from 'react'
import { EVENT_TYPES } from '../../src-shared/events/events'
import type { RegisteredWebhook, Webhook } from '../../src-shared/outbound/webhooks'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { usePlatform } from '../platform/platformContext'
import type { AdminDirectory } from './useAdminDirectory'
import { useServerList } from './useServerList'
import { AdminError } from './AdminError'
import { ShownOnceSecret } from './ShownOnceSecret'
import { activeTranslator, t } from '../i18n/activeLanguage'

/**
 * Webhooks: other tools told of the log's events as they happen, each delivery signed with the
 * webhook's secret (shown once, here, when registered) and retried until it lands; the delivery
 * log says what each receiver answered.
 */
export function WebhooksSection({ directory }: { directory: AdminDirectory }) {
  const ids = { heading: useId(), addHeading: useId(), url: useId(), description: useId() }
  const platform = usePlatform()
  const { items: webhooks, error, busy, run } = useServerList(directory, platform.admin.listWebhooks)
  const [registered, setRegistered] = useState<RegisteredWebhook | null>(null)
  const [url, setUrl] = useState('')
  const [description, setDescription] = useState('')
  const [allEvents, setAllEvents] = useState(true)
  const [types, setTypes] = useState<string[]>([])
  const [includeSecurity, setIncludeSecurity] = useState(false)

  async function register(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (busy) return
    const created = await run(() => platform.admin.createWebhook({ url: url.trim(), description: description.trim(), eventTypes: allEvents ? ['*'] : types, includeSecurity }))
    if (!created) return
    setRegistered(created)
    setUrl('')
    setDescription('')
  }

  return (
    <section className="admin__section" aria-labelledby={ids.heading}>
      <h2 id={ids.heading} className="admin__title">
        {t('webhooks.title')}
      </h2>
      <p className="admin__hint">{t('webhooks.hint')}</p>
      {registered ? (
        <ShownOnceSecret
          intro={t('webhooks.registered', { url: registered.webhook.url })}
          secret={registered.secret}
          hint={t('webhooks.secret.once')}
          testId="webhook-secret"
          onDismiss={() => setRegistered(null)}
        />
      ) : null}
      <AdminError error={error} />
      {webhooks === null ? null : webhooks.length === 0 ? (
        <p className="admin__empty">{t('webhooks.none')}</p>
      ) : (
        <ul className="monitoring__sources">
          {webhooks.map((webhook) => (
            <WebhookItem key={webhook.id} webhook={webhook} busy={busy} directory={directory} onActive={(active) => void run(() => platform.admin.setWebhookActive(webhook.id, active))} />
          ))}
        </ul>
      )}
      <form className="form admin__card" onSubmit={(event) => void register(event)} aria-labelledby={ids.addHeading}>
        <h3 id={ids.addHeading} className="admin__card-title">
          {t('webhooks.add')}
        </h3>
        <div className="form__row">
          <div className="form__field">
            <label htmlFor={ids.url}>{t('webhooks.url')}</label>
            <input id={ids.url} type="url" required maxLength={2000} value={url} onChange={(event) => setUrl(event.target.value)} placeholder="https://" translate="no" />
          </div>
          <div className="form__field">
            <label htmlFor={ids.description}>{t('webhooks.description')}</label>
            <input id={ids.description} maxLength={200} value={description} onChange={(event) => setDescription(event.target.value)} />
          </div>
        </div>
        <label className="form__check">
          <input type="checkbox" checked={allEvents} onChange={(event) => setAllEvents(event.target.checked)} />
          {t('webhooks.allEvents')}
        </label>
        {allEvents ? null : (
          <fieldset className="form__fieldset">
            <legend>{t('webhooks.eventTypes')}</legend>
            <div className="webhooks__types">
              {EVENT_TYPES.map((type) => (
                <label key={type} className="form__check">
                  <input type="checkbox" checked={types.includes(type)} onChange={(event) => setTypes(event.target.checked ? [...types, type] : types.filter((other) => other !== type))} />
                  <span translate="no">{type}</span>
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <label className="form__check">
          <input type="checkbox" checked={includeSecurity} onChange={(event) => setIncludeSecurity(event.target.checked)} />
          {t('webhooks.includeSecurity')}
        </label>
        <div className="form__actions">
          <button type="submit" className="button button--primary" disabled={busy || (!allEvents && types.length === 0)}>
            {t('webhooks.register')}
          </button>
        </div>
      </form>
    </section>
  )
}

function WebhookItem({ webhook, busy, directory, onActive }: { webhook: Webhook; busy: boolean; directory: AdminDirectory; onActive: (active: boolean) => void }) {
  const headingId = useId()
  const [open, setOpen] = useState(false)
  return (
    <li className="admin__card monitoring__source" aria-labelledby={headingId}>
      <h3 id={headingId} className="admin__card-title">
        <code translate="no">{webhook.url}</code>
      </h3>
      {webhook.description ? <p translate="no">{webhook.description}</p> : null}
      <p>
        {webhook.eventTypes.includes('*') ? t('webhooks.allEvents') : <span translate="no">{activeTranslator().list(webhook.eventTypes)}</span>}
        {webhook.includeSecurity ? <span className="tag tag--security">{t('webhooks.security')}</span> : null}
      </p>
      <label className="form__check">
        <input type="checkbox" checked={webhook.active} disabled={busy} onChange={(event) => onActive(event.target.checked)} />
        {t('webhooks.active')}
      </label>
      <details className="monitoring__rules" onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>{t('webhooks.log')}</summary>
        {open ? <DeliveryLog webhookId={webhook.id} directory={directory} /> : null}
      </details>
    </li>
  )
}

/** The latest deliveries, what each receiver answered, and a way to queue again what gave up. */
function DeliveryLog({ webhookId, directory }: { webhookId: string; directory: AdminDirectory }) {
  const platform = usePlatform()
  const load = useCallback(() => platform.admin.webhookDeliveries(webhookId), [platform, webhookId])
  const { items: deliveries, error, run } = useServerList(directory, load)

  if (error) return <p className="form__error" role="alert">{error}</p>
  if (deliveries === null) return null
  if (deliveries.length === 0) return <p className="admin__empty">{t('webhooks.log.none')}</p>
  return (
    <div className="table-frame">
      <table className="queue-table admin__table">
        <thead>
          <tr>
            <th scope="col">{t('webhooks.col.event')}</th>
            <th scope="col">{t('webhooks.col.status')}</th>
            <th scope="col">{t('webhooks.col.attempts')}</th>
            <th scope="col">{t('webhooks.col.answer')}</th>
            <th scope="col">{t('webhooks.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => {
            const last = delivery.log.at(-1)
            return (
              <tr key={delivery.id}>
                <th scope="row" translate="no">
                  {delivery.eventType}
                </th>
                <td>{t(`webhooks.status.${delivery.status}`)}</td>
                <td>{delivery.attempts}</td>
                <td>
                  {last ? (
                    <>
                      <time dateTime={last.at} title={formatFullTimestamp(last.at)}>
                        {formatShortTimestamp(last.at)}
                      </time>{' '}
                      {last.status !== null ? `HTTP ${last.status}` : null} {last.error ? <span translate="no">{last.error}</span> : null}
                    </>
                  ) : (
                    t('webhooks.notYet')
                  )}
                </td>
                <td>
                  {delivery.status === 'failed' ? (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => void run(() => platform.admin.retryDelivery(webhookId, delivery.id))}
                    >
                      {t('webhooks.retry')}
                    </button>
                  ) : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}
