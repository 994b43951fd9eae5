import type { Incident } from '../../src-shared/incident/incident'
import { formatShortTimestamp } from '../incident/formatTimestamp'
import { nextUpdateView } from './majorViewModel'
import { t } from '../i18n/activeLanguage'

/**
 * The next-stakeholder-update clock (DESIGN §1: "the next-update-due clock shown"). A timer
 * role, which screen readers do not announce on every tick; the overdue state says so in words,
 * not by colour alone.
 */
export function NextUpdateClock({ incident, now }: { incident: Pick<Incident, 'nextMajorUpdateDueAt' | 'majorUpdateCadenceMinutes'>; now: number }) {
  const view = nextUpdateView(incident, now)
  return (
    <p className="major-clock" data-status={view.status} role="timer" aria-label={t('major.clock')}>
      {view.status === 'overdue' ? (
        <strong className="major-clock__warning">
          <span aria-hidden="true">⚠ </span>
          {t('major.clock.overdue')}{' '}
        </strong>
      ) : null}
      <span className="major-clock__text">{view.text}</span>
      {view.dueAt ? <span className="major-clock__at">{t('major.clock.at', { at: formatShortTimestamp(view.dueAt, new Date(now)) })}</span> : null}
    </p>
  )
}
