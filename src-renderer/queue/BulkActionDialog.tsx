import { useId, useState, type FormEvent } from 'react'
import { type SupportLevel } from '../../src-shared/incident/levels'
import type { PersonRef } from '../../src-shared/incident/roles'
import {
  CANCEL_REASONS,
  HOLD_REASONS,
  type CancelReason,
  type HoldReason,
  type ResolutionCode,
} from '../../src-shared/incident/vocabulary'
import { bulkActionInfo, type BulkAction, type BulkRequest } from '../store/queueBulk'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import { t } from '../i18n/activeLanguage'
import { useResolutionCodeChoice } from '../config/resolutionCodeNames'


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
  const { codes, code: resolutionCode, setCode: setResolutionCode } = useResolutionCodeChoice()
  const [notes, setNotes] = useState('')
  const [cancelReason, setCancelReason] = useState<CancelReason>('duplicate')
  const [toLevel, setToLevel] = useState<SupportLevel>(2)
  const [reason, setReason] = useState('')
  const info = bulkActionInfo(action)
  const title = t(`bulk.title.${info.action}`, { count })

  function requestOf(): BulkRequest | string {
    switch (action) {
      case 'assign': {
        const person = assignee === 'me' ? me : people.find((candidate) => candidate.userId === assignee) ?? null
        const chosenGroup = group.trim()
        if (!person && !chosenGroup) return t('bulk.needTarget')
        return { action, assignmentGroup: chosenGroup === '' ? undefined : chosenGroup, assignee: person }
      }
      case 'hold':
        if (holdReason === 'awaiting_caller' && callerComment.trim() === '') {
          return t('refusal.awaitingCallerComment')
        }
        return { action, reason: holdReason, callerComment: callerComment.trim() || null }
      case 'resolve':
        if (notes.trim() === '') return t('refusal.resolutionNotes')
        return { action, resolutionCode, resolutionNotes: notes.trim() }
      case 'cancel':
        return { action, reason: cancelReason, note: notes.trim() || null }
      case 'escalate':
        if (group.trim() === '') return t('refusal.escalationGroup')
        if (reason.trim() === '') return t('refusal.escalationReason')
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
              <label htmlFor={`${id}-group`}>{t('bulk.group')}</label>
              <input id={`${id}-group`} list={groupList} value={group} onChange={(event) => setGroup(event.target.value)} autoFocus />
              <p className="form__hint">{t('bulk.keepGroup')}</p>
            </div>
            <div className="form__field">
              <label htmlFor={`${id}-assignee`}>{t('bulk.assignee')}</label>
              <select id={`${id}-assignee`} value={assignee} onChange={(event) => setAssignee(event.target.value)}>
                <option value="">{t('bulk.nobody')}</option>
                <option value="me">{t('bulk.me', { name: me.displayName })}</option>
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
              <label htmlFor={`${id}-hold`}>{t('bulk.holdReason')}</label>
              <select id={`${id}-hold`} value={holdReason} onChange={(event) => setHoldReason(event.target.value as HoldReason)} autoFocus>
                {HOLD_REASONS.map((value) => (
                  <option key={value} value={value}>
                    {t(`hold.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form__field">
              <label htmlFor={`${id}-comment`}>{t('bulk.callerComment', { required: holdReason === 'awaiting_caller' ? t('bulk.required') : '' })}</label>
              <textarea id={`${id}-comment`} rows={3} value={callerComment} onChange={(event) => setCallerComment(event.target.value)} />
            </div>
          </>
        ) : null}
        {action === 'resolve' ? (
          <>
            <div className="form__field">
              <label htmlFor={`${id}-code`}>{t('bulk.resolutionCode')}</label>
              <select id={`${id}-code`} value={resolutionCode} onChange={(event) => setResolutionCode(event.target.value as ResolutionCode)} autoFocus>
                {codes.map((choice) => (
                  <option key={choice.value} value={choice.value}>
                    {choice.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="form__field">
              <label htmlFor={`${id}-notes`}>{t('bulk.resolutionNotes')}</label>
              <textarea id={`${id}-notes`} rows={3} value={notes} onChange={(event) => setNotes(event.target.value)} />
            </div>
          </>
        ) : null}
        {action === 'cancel' ? (
          <>
            <div className="form__field">
              <label htmlFor={`${id}-cancel`}>{t('bulk.cancelReason')}</label>
              <select id={`${id}-cancel`} value={cancelReason} onChange={(event) => setCancelReason(event.target.value as CancelReason)} autoFocus>
                {CANCEL_REASONS.map((value) => (
                  <option key={value} value={value}>
                    {t(`cancel.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form__field">
              <label htmlFor={`${id}-note`}>{t('bulk.noteOptional')}</label>
              <textarea id={`${id}-note`} rows={2} value={notes} onChange={(event) => setNotes(event.target.value)} />
            </div>
          </>
        ) : null}
        {action === 'escalate' ? (
          <>
            <div className="form__field">
              <label htmlFor={`${id}-level`}>{t('bulk.toLevel')}</label>
              <select id={`${id}-level`} value={toLevel} onChange={(event) => setToLevel(Number(event.target.value) as SupportLevel)} autoFocus>
                {([2, 3] as const).map((level) => (
                  <option key={level} value={level}>
                    {t(`level.${level}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form__field">
              <label htmlFor={`${id}-group`}>{t('bulk.group')}</label>
              <input id={`${id}-group`} list={groupList} value={group} onChange={(event) => setGroup(event.target.value)} />
            </div>
            <div className="form__field">
              <label htmlFor={`${id}-reason`}>{t('bulk.reason')}</label>
              <textarea id={`${id}-reason`} rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
            </div>
          </>
        ) : null}
        <p role="alert" className="form__error" data-empty={error === null}>
          {error}
        </p>
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            {t('bulk.close')}
          </button>
          <button type="submit" className="button button--primary">
            {title}
          </button>
        </div>
      </form>
    </dialog>
  )
}
