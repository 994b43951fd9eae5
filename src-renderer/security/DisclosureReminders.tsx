import { useId, useState } from 'react'
import { countdownText, useNow } from '../major/countdown'
import { useUiActions } from '../ui/uiHooks'
import { useDisclosureReminders } from './useDisclosureReminders'
import { deadlineLabel } from './disclosureViewModel'
import './disclosure.css'
import { t } from '../i18n/activeLanguage'

/**
 * A reminder for the header or the status bar: shown only while some disclosure deadline is due
 * soon or overdue on a security incident this person may see. Opens a list; each entry opens
 * its incident.
 */
export function DisclosureReminders() {
  const reminders = useDisclosureReminders()
  const listId = useId()
  const [open, setOpen] = useState(false)
  const now = useNow(30_000)
  const { incidentOpened } = useUiActions()
  if (reminders.length === 0) return null
  const overdue = reminders.filter((reminder) => reminder.deadline.status === 'overdue').length

  return (
    <div className="disclosure-reminders">
      <button
        type="button"
        className="disclosure-reminders__button"
        data-overdue={overdue > 0}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
      >
        <span aria-hidden="true">⚠ </span>
        {t('disclosure.reminders', { count: reminders.length, state: overdue > 0 ? t('disclosure.overdue', { count: overdue }) : t('disclosure.dueSoon') })}
      </button>
      {open ? (
        <ul id={listId} className="disclosure-reminders__list" aria-label={t('disclosure.remindersList')}>
          {reminders.map((reminder) => (
            <li key={`${reminder.incidentId}/${reminder.deadline.definition.id}`} data-status={reminder.deadline.status}>
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={() => {
                  setOpen(false)
                  incidentOpened(reminder.incidentId)
                }}
              >
                {reminder.incidentNumber}
              </button>{' '}
              {t(`regime.${reminder.deadline.definition.regime}`)}: {deadlineLabel(reminder.deadline.definition)} —{' '}
              <strong>
                {t(`disclosureStatus.${reminder.deadline.status}`)}, {countdownText(reminder.deadline.dueAt!, now)}
              </strong>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
