import { useId, useState, type FormEvent } from 'react'
import { MAIL_TEMPLATE_IDS, type MailTemplateId } from '../../src-shared/events/events'
import { MAIL_LIST_LIMITS, MAIL_PLACEHOLDERS, MAIL_TEMPLATE_LIMITS, type MailList, type MailTemplate } from '../../src-shared/mail/mailAdmin'
import { formatFullTimestamp, formatShortTimestamp } from '../incident/formatTimestamp'
import { usePlatform } from '../platform/platformContext'
import { useUnsavedChanges } from '../settings-layout/unsavedChanges'
import type { AdminDirectory } from './useAdminDirectory'
import { useServerList } from './useServerList'
import { AdminError } from './AdminError'
import { t } from '../i18n/activeLanguage'

/**
 * E-mail: the words of the notifications the server sends (callers and stakeholders), the lists a
 * major incident's updates go to by audience, and the outgoing queue with what each send did.
 * The server checks placeholders and addresses; its refusal is shown as it words it.
 */
export function MailSection({ directory }: { directory: AdminDirectory }) {
  const headingId = useId()
  return (
    <section className="admin__section" aria-labelledby={headingId}>
      <h2 id={headingId} className="admin__title">
        {t('mailAdmin.title')}
      </h2>
      <p className="admin__hint">{t('mailAdmin.hint')}</p>
      <TemplatesCard directory={directory} />
      <ListsCard directory={directory} />
      <OutboxCard directory={directory} />
    </section>
  )
}

function TemplatesCard({ directory }: { directory: AdminDirectory }) {
  const ids = { heading: useId(), pick: useId(), subject: useId(), body: useId(), placeholders: useId() }
  const platform = usePlatform()
  const { items: templates, error, busy, run } = useServerList(directory, platform.admin.listMailTemplates)
  const [chosen, setChosen] = useState<MailTemplateId>(MAIL_TEMPLATE_IDS[0])
  const saved = templates?.find((template) => template.id === chosen)
  return (
    <div className="form admin__card" role="group" aria-labelledby={ids.heading}>
      <h3 id={ids.heading} className="admin__card-title">
        {t('mailAdmin.templates')}
      </h3>
      <AdminError error={error} />
      <div className="form__field">
        <label htmlFor={ids.pick}>{t('mailAdmin.template')}</label>
        <select id={ids.pick} value={chosen} onChange={(event) => setChosen(event.target.value as MailTemplateId)}>
          {MAIL_TEMPLATE_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`mailAdmin.template.${id}`)}
            </option>
          ))}
        </select>
      </div>
      {saved ? <TemplateForm key={`${saved.id}:${saved.updatedAt ?? ''}`} template={saved} busy={busy} ids={ids} onSave={(template) => run(() => platform.admin.saveMailTemplate(saved.id, template))} /> : null}
    </div>
  )
}

function TemplateForm({ template, busy, ids, onSave }: { template: MailTemplate; busy: boolean; ids: { subject: string; body: string; placeholders: string }; onSave: (template: { subject: string; body: string }) => Promise<unknown> }) {
  const [subject, setSubject] = useState(template.subject)
  const [body, setBody] = useState(template.body)
  const dirty = subject !== template.subject || body !== template.body
  useUnsavedChanges(dirty)
  function save(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault()
    if (!busy && dirty) void onSave({ subject, body })
  }
  return (
    <form className="form" onSubmit={save} aria-label={t(`mailAdmin.template.${template.id}`)}>
      <p className="admin__hint">
        {template.updatedAt ? (
          <>
            {t('mailAdmin.changed')}{' '}
            <time dateTime={template.updatedAt} title={formatFullTimestamp(template.updatedAt)}>
              {formatShortTimestamp(template.updatedAt)}
            </time>
          </>
        ) : (
          t('mailAdmin.default')
        )}
      </p>
      <div className="form__field">
        <label htmlFor={ids.subject}>{t('mailAdmin.subject')}</label>
        <input id={ids.subject} value={subject} maxLength={MAIL_TEMPLATE_LIMITS.subject} required onChange={(event) => setSubject(event.target.value)} translate="no" />
      </div>
      <div className="form__field">
        <label htmlFor={ids.body}>{t('mailAdmin.body')}</label>
        <textarea id={ids.body} rows={9} value={body} maxLength={MAIL_TEMPLATE_LIMITS.body} aria-describedby={ids.placeholders} onChange={(event) => setBody(event.target.value)} translate="no" />
      </div>
      <p id={ids.placeholders} className="admin__hint">
        {t('mailAdmin.placeholders')}{' '}
        <code translate="no">{MAIL_PLACEHOLDERS.map((name) => `{${name}}`).join(' ')}</code>
      </p>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy || !dirty}>
          {t('mailAdmin.saveTemplate')}
        </button>
      </div>
    </form>
  )
}

/** One address a line (or separated by commas or spaces), as people paste them. */
function addressesIn(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((address) => address.trim())
    .filter(Boolean)
}

function ListsCard({ directory }: { directory: AdminDirectory }) {
  const ids = { heading: useId(), audience: useId(), addresses: useId() }
  const platform = usePlatform()
  const { items: lists, error, busy, run } = useServerList(directory, platform.admin.listMailLists)
  const [audience, setAudience] = useState('')
  const [addresses, setAddresses] = useState('')
  const known = lists?.find((list) => list.audience.toLowerCase() === audience.trim().toLowerCase())
  useUnsavedChanges(addresses.trim() !== '' && addressesIn(addresses).join('\n') !== (known?.addresses ?? []).join('\n'))

  function edit(list: MailList): void {
    setAudience(list.audience)
    setAddresses(list.addresses.join('\n'))
  }

  async function save(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault()
    if (busy) return
    const savedList = await run(() => platform.admin.saveMailList(audience.trim(), addressesIn(addresses)))
    if (savedList) edit(savedList)
  }

  return (
    <form className="form admin__card" onSubmit={(event) => void save(event)} aria-labelledby={ids.heading}>
      <h3 id={ids.heading} className="admin__card-title">
        {t('mailAdmin.lists')}
      </h3>
      <p className="admin__hint">{t('mailAdmin.lists.hint')}</p>
      <AdminError error={error} />
      {lists === null ? null : lists.length === 0 ? (
        <p className="admin__empty">{t('mailAdmin.lists.none')}</p>
      ) : (
        <ul className="mail-admin__lists">
          {lists.map((list) => (
            <li key={list.audience}>
              <button type="button" className="button button--small button--quiet" onClick={() => edit(list)} aria-label={t('mailAdmin.lists.edit', { audience: list.audience })}>
                <span translate="no">{list.audience}</span>
              </button>{' '}
              {t('mailAdmin.lists.count', { count: list.addresses.length })}
            </li>
          ))}
        </ul>
      )}
      <div className="form__field">
        <label htmlFor={ids.audience}>{t('mailAdmin.audience')}</label>
        <input id={ids.audience} value={audience} maxLength={MAIL_LIST_LIMITS.audience} required onChange={(event) => setAudience(event.target.value)} placeholder={t('mailAdmin.audience.example')} />
      </div>
      <div className="form__field">
        <label htmlFor={ids.addresses}>{t('mailAdmin.addresses')}</label>
        <textarea id={ids.addresses} rows={5} value={addresses} onChange={(event) => setAddresses(event.target.value)} translate="no" />
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy || audience.trim() === ''}>
          {known ? t('mailAdmin.lists.save', { audience: known.audience }) : t('mailAdmin.lists.add')}
        </button>
      </div>
    </form>
  )
}

function OutboxCard({ directory }: { directory: AdminDirectory }) {
  const headingId = useId()
  const platform = usePlatform()
  const { items: messages, error } = useServerList(directory, platform.admin.mailOutbox)
  return (
    <div className="admin__card" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className="admin__card-title">
        {t('mailAdmin.outbox')}
      </h3>
      <AdminError error={error} />
      {messages === null ? null : messages.length === 0 ? (
        <p className="admin__empty">{t('mailAdmin.outbox.none')}</p>
      ) : (
        <div className="table-frame">
          <table className="queue-table admin__table">
            <thead>
              <tr>
                <th scope="col">{t('mailAdmin.col.subject')}</th>
                <th scope="col">{t('mailAdmin.col.to')}</th>
                <th scope="col">{t('mailAdmin.col.queued')}</th>
                <th scope="col">{t('mailAdmin.col.status')}</th>
                <th scope="col">{t('mailAdmin.col.attempts')}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((message) => (
                <tr key={message.id}>
                  <th scope="row" translate="no">
                    {message.subject}
                  </th>
                  <td translate="no">{message.recipients.join(', ')}</td>
                  <td>
                    <time dateTime={message.createdAt} title={formatFullTimestamp(message.createdAt)}>
                      {formatShortTimestamp(message.createdAt)}
                    </time>
                  </td>
                  <td>
                    {t(`mailAdmin.status.${message.status}`)}
                    {message.lastError ? (
                      <>
                        {' '}
                        <span className="queue-table__muted" translate="no">
                          {message.lastError}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>{message.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
