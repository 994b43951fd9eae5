import { useId, useState, type FormEvent } from 'react'
import { type SupportLevel } from '../../src-shared/incident/levels'
import type { PersonRef } from '../../src-shared/incident/roles'
import {
  CANCEL_REASONS,
  HOLD_REASONS,
  RESOLUTION_CODES,
  type CancelReason,
  type HoldReason,
  type ResolutionCode,
} from '../../src-shared/incident/vocabulary'
import { bulkActionInfo, type BulkAction, type BulkRequest } from '../store/queueBulk'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import { t } from '../i18n/activeLanguage'

const CANCEL_REASON_LABELS: Record<CancelReason, string> = {
  duplicate: 'Duplicate',
  not_an_incident: 'Not an incident',
  logged_in_error: 'Logged in error',
}

/** The bulk actions that need details before they run. */
export type DetailedBulkAction = Extract<BulkAction, 'assign' | 'hold' | 'resolve' | 'cancel' | 'escalate'>

interface Props {
  action: DetailedBulkAction
  count: number
  /** Groups and people seen on this desk, offered as choices. */
  groups: readonly string[]
  people: readonly PersonRef[]
  me: PersonRef
  onRun(request: BulkRequest): void
  onClose(): void
}

/**
 * The details one bulk action needs (a group, a hold reason, a resolution code and notes, an
 * escalation level, group and reason), asked once for the whole selection. Missing details are
 * refused here with a clear message; everything else is the lifecycle's call per incident.
 */
export function BulkActionDialog({ action, count, groups, people, me, onRun, onClose }: Props) {
  const id = useId()
  const dialogRef = useModalDialogRef()
  const [error, setError] = useState<string | null>(null)
  const [group, setGroup] = useState('')
  const [assignee, setAssignee] = useState('')
  const [holdReason, setHoldReason] = useState<HoldReason>('awaiting_vendor')
  const [callerComment, setCallerComment] = useState('')
  const [resolutionCode, setResolutionCode] = useState<ResolutionCode>('solution_provided')
  const [notes, setNotes] = useState('')
  const [cancelReason, setCancelReason] = useState<CancelReason>('duplicate')
  const [toLevel, setToLevel] = useState<SupportLevel>(2)
  const [reason, setReason] = useState('')
  const info = bulkActionInfo(action)
  const title = `${info.label} ${count === 1 ? '1 incident' : `${count} incidents`}`

  function requestOf(): BulkRequest | string {
    switch (action) {
      case 'assign': {
        const person = assignee === 'me' ? me : people.find((candidate) => candidate.userId === assignee) ?? null
        const chosenGroup = group.trim()
        if (!person && !chosenGroup) return 'Choose an assignment group, a person, or both.'
        return { action, assignmentGroup: chosenGroup === '' ? undefined : chosenGroup, assignee: person }
      }
      case 'hold':
        if (holdReason === 'awaiting_caller' && callerComment.trim() === '') {
          return 'Tell the caller what you are waiting for: a comment is required for Awaiting Caller.'
        }
        return { action, reason: holdReason, callerComment: callerComment.trim() || null }
      case 'resolve':
        if (notes.trim() === '') return 'Resolution notes are required.'
        return { action, resolutionCode, resolutionNotes: notes.trim() }
      case 'cancel':
        return { action, reason: cancelReason, note: notes.trim() || null }
      case 'escalate':
        if (group.trim() === '') return 'Choose the assignment group to escalate to.'
        if (reason.trim() === '') return 'An escalation needs a reason.'
        return { action, toLevel, toGroup: group.trim(), reason: reason.trim() }
    }
  }

  function submit(event: FormEvent): void {
    event.preventDefault()
    const request = requestOf()
    if (typeof request === 'string') {
      setError(request)
      return
    }
    onRun(request)
  }

  const groupList = `${id}-groups`
  return (
    <dialog ref={dialogRef} className="dialog dialog--narrow" aria-labelledby={`${id}-title`} onClose={(event) => !event.currentTarget.open && onClose()}>
      <h2 id={`${id}-title`} className="dialog__title">
        {title}
      </h2>
      <form className="form" onSubmit={submit} noValidate onChange={() => setError(null)}>
        <datalist id={groupList}>
          {groups.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {action === 'assign' ? (
          <>
            <div className="form__field">
              <label htmlFor={`${id}-group`}>Assignment group</label>
              <input id={`${id}-group`} list={groupList} value={group} onChange={(event) => setGroup(event.target.value)} autoFocus />
              <p className="form__hint">Leave empty to keep each incident&apos;s own group.</p>
            </div>
            <div className="form__field">
              <label htmlFor={`${id}-assignee`}>Assignee</label>
              <select id={`${id}-assignee`} value={assignee} onChange={(event) => setAssignee(event.target.value)}>
                <option value="">Nobody (the group picks it up)</option>
                <option value="me">Me ({me.displayName})</option>
                {people
                  .filter((person) => person.userId !== me.userId)
                  .map((person) => (
                    <option key={person.userId} value={person.userId}>
                      {person.displayName}
                    </option>
                  ))}
              </select>
            </div>
          </>
        ) : null}
        {action === 'hold' ? (
          <>
            <div className="form__field">
              <label htmlFor={`${id}-hold`}>Hold reason</label>
              <select id={`${id}-hold`} value={holdReason} onChange={(event) => setHoldReason(event.target.value as HoldReason)} autoFocus>
                {HOLD_REASONS.map((value) => (
                  <option key={value} value={value}>
                    {t(`hold.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form__field">
              <label htmlFor={`${id}-comment`}>Comment to the caller{holdReason === 'awaiting_caller' ? ' (required)' : ''}</label>
              <textarea id={`${id}-comment`} rows={3} value={callerComment} onChange={(event) => setCallerComment(event.target.value)} />
            </div>
          </>
        ) : null}
        {action === 'resolve' ? (
          <>
            <div className="form__field">
              <label htmlFor={`${id}-code`}>Resolution code</label>
              <select id={`${id}-code`} value={resolutionCode} onChange={(event) => setResolutionCode(event.target.value as ResolutionCode)} autoFocus>
                {RESOLUTION_CODES.map((value) => (
                  <option key={value} value={value}>
                    {t(`resolution.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form__field">
              <label htmlFor={`${id}-notes`}>Resolution notes</label>
              <textarea id={`${id}-notes`} rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} />
            </div>
          </>
        ) : null}
        {action === 'cancel' ? (
          <>
            <div className="form__field">
              <label htmlFor={`${id}-cancel`}>Cancel reason</label>
              <select id={`${id}-cancel`} value={cancelReason} onChange={(event) => setCancelReason(event.target.value as CancelReason)} autoFocus>
                {CANCEL_REASONS.map((value) => (
                  <option key={value} value={value}>
                    {CANCEL_REASON_LABELS[value]}
                  </option>
                ))}
              </select>
            </div>
            <div className="form__field">
              <label htmlFor={`${id}-note`}>Note (optional)</label>
              <textarea id={`${id}-note`} rows={2} value={notes} onChange={(event) => setNotes(event.target.value)} />
            </div>
          </>
        ) : null}
        {action === 'escalate' ? (
          <>
            <div className="form__field">
              <label htmlFor={`${id}-level`}>Escalate to level</label>
              <select id={`${id}-level`} value={toLevel} onChange={(event) => setToLevel(Number(event.target.value) as SupportLevel)} autoFocus>
                {([2, 3] as const).map((level) => (
                  <option key={level} value={level}>
                    {t(`level.${level}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form__field">
              <label htmlFor={`${id}-group`}>Assignment group</label>
              <input id={`${id}-group`} list={groupList} value={group} onChange={(event) => setGroup(event.target.value)} />
            </div>
            <div className="form__field">
              <label htmlFor={`${id}-reason`}>Reason</label>
              <textarea id={`${id}-reason`} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
            </div>
          </>
        ) : null}
        <p role="alert" className="form__error" data-empty={error === null}>
          {error}
        </p>
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="button button--primary">
            {title}
          </button>
        </div>
      </form>
    </dialog>
  )
}
