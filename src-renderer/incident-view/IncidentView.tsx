import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
import { useDomainConfig } from '../config/useOrgConfig'
import type { IncidentAction } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { availableActions } from '../../src-shared/incident/lifecycle'
import { buildActivity, savingActivity } from '../activity/activityEntries'
import { ActivityTimeline } from '../activity/ActivityTimeline'
import { NoteComposer } from '../activity/NoteComposer'
import { SavingStepsContext, useSavingSteps } from '../activity/savingSteps'
import { PriorityEditor } from '../activity/PriorityEditor'
import { AttachmentList } from '../attachments/AttachmentList'
import { useDesk } from '../desk/deskContext'
import { AuditTrailExportButton } from '../export/CsvActions'
import { IncidentNumber } from '../incident/IncidentNumber'
import { PriorityBadge } from '../incident/PriorityBadge'
import { StateBadge } from '../incident/StateBadge'
import { SHORTCUTS, shortcutMatches } from '../keyboard/shortcuts'
import { useDeskQuery } from '../data-worker/useDeskQuery'
import { useSyncController } from '../sync-status/syncControllerContext'
import { useConnection, useUiActions } from '../ui/uiHooks'
import { useModalDialogRef } from '../ui/useModalDialogRef'
import { ActionBar } from './ActionBar'
import { ActionDialog } from './ActionDialog'
import type { DialogAction } from './actionForms'
import { AlertOrigin, StormProposalBanner } from './AlertOrigin'
import { EscalationHistory } from './EscalationHistory'
import { IncidentDetails } from './IncidentDetails'
import { LinksSection } from './LinksSection'
import { SlaClocks, useNow } from './SlaClocks'
import { SpecialistPanels } from './SpecialistPanels'
import { assignToMeSteps } from './assignToMe'
import './incidentView.css'
import { t, refusalOrNull, refusalText } from '../i18n/activeLanguage'
import { Rich } from '../i18n/Rich'
import { resolutionCodeText } from '../config/resolutionCodeNames'

/**
 * The incident view: one incident's header fields (edited in place), the workflow steps the
 * lifecycle allows now (and why the others are not), its SLA clocks, links, escalations, files,
 * and the whole activity timeline. A modal panel over the queue: Escape or Close goes back to the
 * row that opened it. Keys: a assign to me, e escalate, r resolve (keyboard/shortcuts.ts).
 *
 * On a desk that started from the server's snapshot, the incident's early events are not here;
 * opening it fetches its whole history while signed in.
 */
/** The panel's own shortcuts (the rest are the desk's): `a`, `e`, `r`. */
const PANEL_SHORTCUTS = ['assignToMe', 'escalate', 'resolve'] as const
type PanelShortcut = (typeof PANEL_SHORTCUTS)[number]

export function IncidentView({ incidentId }: { incidentId: string }) {
  const ids = { title: useId(), timeline: useId() }
  const { data, session, store } = useDesk()
  const controller = useSyncController()
  const connection = useConnection()
  const { incidentClosed, incidentOpened } = useUiActions()
  const [historyNote, setHistoryNote] = useState<string | null>(null)
  const [dialog, setDialog] = useState<DialogAction | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [keyError, setKeyError] = useState<string | null>(null)
  const dialogRef = useRef<HTMLDialogElement | null>(null)

  // Asked again when a write touches the incident or one it links to (their numbers and states show).
  const watched = useRef<ReadonlySet<string>>(new Set([incidentId]))
  const held = useDeskQuery(
    () => data.incidentDetail(incidentId),
    [data, incidentId],
    (change) => change.everything || change.incidentIds.some((id) => watched.current.has(id)),
  )
  useEffect(() => {
    watched.current = new Set([incidentId, ...(held?.incident?.links.map((link) => link.incidentId) ?? [])])
  }, [held, incidentId])

  // Read afresh with every change to the incident, so its SLA clocks count the step just taken.
  const now = useNow(held?.events)

  const signedIn = connection.status === 'signedIn'
  // Only an incident held as a snapshot lacks its log; one logged here and not yet pushed is not on
  // the server at all, and asking for it would only earn a 404.
  const heldAsSnapshot = Boolean(held?.base)
  useEffect(() => {
    if (!signedIn || !heldAsSnapshot) return
    let current = true
    void controller.loadIncidentHistory(incidentId).then((result) => {
      if (current) setHistoryNote(result && !result.ok ? t('view.historyFailed', { reason: result.failure.message }) : null)
    })
    return () => {
      current = false
    }
  }, [controller, incidentId, signedIn, heldAsSnapshot])

  const storedIncident = held?.incident
  const rules = useDomainConfig()
  const provisionalContext = useCallback(() => ({ actor: session.actor, deviceId: session.deviceId, nowMs: Date.now(), config: rules }), [session, rules])
  // Steps taken here show at once, marked "saving…", until the store's commit is read back (savingSteps.ts).
  const saving = useSavingSteps(storedIncident, held?.events, store.execute, provisionalContext)
  const incident = saving.incident
  const linked = useMemo(() => new Map((held?.linked ?? []).map((other) => [other.id, other] as const)), [held])
  // The stored history's entries are worked out again only when the store's read changes; the
  // steps being saved continue from the incident it folds to (they sort after everything held).
  const activity = useMemo(() => (held ? buildActivity(held.events, held.base, (id) => linked.get(id)?.number) : null), [held, linked])
  const savingEntries = useMemo(
    () =>
      activity?.incident && saving.provisional.length > 0
        ? savingActivity(activity.incident, saving.provisional, (id) => linked.get(id)?.number)
        : [],
    [activity, saving.provisional, linked],
  )
  const outboxState = useMemo(() => new Map((held?.outbox ?? []).map((entry) => [entry.eventId, entry.status] as const)), [held])

  const showModal = useModalDialogRef()
  // Stable: a new ref function each render would close and re-open the modal, over its own dialogs.
  const panelRef = useCallback(
    (node: HTMLDialogElement | null) => {
      dialogRef.current = node
      return showModal(node)
    },
    [showModal],
  )
  const availability = useMemo(
    () => new Map(incident ? availableActions(incident, session.actor).map((item) => [item.action, item] as const) : []),
    // The actor changes with the account (useConnection re-renders then).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [incident?.lastEventHlc, incident?.eventCount, session.actor, connection],
  )
  const can = (action: IncidentAction) => availability.get(action)?.allowed === true

  // Stable between steps, like the parts of the view they are given to (memo): see savingSteps.ts.
  const { run } = saving
  const number = incident?.number
  const oneClick = useCallback(
    async (action: 'acknowledge' | 'resume'): Promise<string | null> => {
      const result = await run({ action, incidentId })
      if (result.ok) setMessage(action === 'acknowledge' ? t('view.yoursNow', { number }) : t('view.resumed', { number }))
      return result.ok ? null : refusalText(result.refusal)
    },
    [run, incidentId, number],
  )

  async function assignToMe(current: Incident): Promise<void> {
    setKeyError(null)
    const plan = assignToMeSteps(current, session.actor, availability)
    if (!plan.ok) {
      setKeyError(plan.reason)
      return
    }
    for (const command of plan.commands) {
      const result = await run(command)
      if (!result.ok) {
        setKeyError(refusalText(result.refusal))
        return
      }
    }
    setMessage(t('view.assignedToYou', { number: current.number }))
  }

  const openDialog = useCallback(
    (action: DialogAction): void => {
      const state = availability.get(action)
      if (!state?.allowed) {
        setKeyError(refusalOrNull(state?.refusal) ?? null)
        return
      }
      setKeyError(null)
      setDialog(action)
    },
    [availability],
  )
  const declareMajor = useCallback(() => openDialog('declareMajor'), [openDialog])
  const addLink = useCallback(() => openDialog('link'), [openDialog])

  // On the document, not the panel: after a step the focus can rest on the page itself.
  const onKey = useRef<(event: globalThis.KeyboardEvent) => void>(() => undefined)
  const runShortcut = useRef<(shortcut: PanelShortcut) => Promise<void>>(async () => undefined)
  /**
   * Shortcuts pressed while the incident is still being read (a person who opens it and presses
   * `a` at once): kept in order and run when it is on screen, not dropped.
   */
  const earlyShortcuts = useRef<PanelShortcut[]>([])
  useEffect(() => {
   runShortcut.current = async (shortcut) => {
    if (!incident) return
    if (shortcut === 'assignToMe') await assignToMe(incident)
    else openDialog(shortcut)
   }
   onKey.current = (event) => {
    // Keys belong to a step's dialog while one is open over the view.
    const inside = event.target instanceof Element ? event.target.closest('dialog') : null
    if (inside && inside !== dialogRef.current) return
    if (dialog) return
    const shortcut = PANEL_SHORTCUTS.find((candidate) => shortcutMatches(SHORTCUTS[`incident.${candidate}`], event))
    if (!shortcut) return
    event.preventDefault()
    if (!incident) earlyShortcuts.current.push(shortcut)
    else void runShortcut.current(shortcut)
   }
  })
  const loaded = incident !== undefined
  useEffect(() => {
    if (!loaded || earlyShortcuts.current.length === 0) return
    const waiting = earlyShortcuts.current.splice(0)
    void (async () => {
      for (const shortcut of waiting) await runShortcut.current(shortcut)
    })()
  }, [loaded])
  useEffect(() => {
    const listener = (event: globalThis.KeyboardEvent) => onKey.current(event)
    document.addEventListener('keydown', listener)
    return () => document.removeEventListener('keydown', listener)
  }, [])

  return (
    <SavingStepsContext.Provider value={run}>
      <dialog
        ref={panelRef}
        className="dialog side-panel incident-view"
        aria-labelledby={ids.title}
        onClose={(event) => {
          if (event.target === event.currentTarget && !event.currentTarget.open) incidentClosed()
        }}
      >
        <div className="side-panel__header">
          <div className="side-panel__heading">
            <h2 id={ids.title} className="dialog__title side-panel__title">
              {incident ? (
                <>
                  <IncidentNumber number={incident.number} provisional={incident.numberIsProvisional} />{' '}
                  <span className="side-panel__description" translate="no">
                    {incident.shortDescription}
                  </span>
                </>
              ) : (
                t('view.incident')
              )}
            </h2>
            {incident ? (
              <p className="side-panel__facts">
                <PriorityBadge priority={incident.priority} />
                <StateBadge state={incident.state} />
                <span className="badge incident-view__level">{t(`level.${incident.level}`)}</span>
                {incident.isMajor ? <span className="tag tag--major">{t('queue.tag.major')}</span> : null}
                {incident.isSecurity ? <span className="tag tag--attention">{t('queue.tag.security')}</span> : null}
                <span>{incident.assignee ? <Rich id="view.assignedTo" values={{ name: <span translate="no">{incident.assignee.displayName}</span> }} /> : t('queue.unassigned')}</span>
                {incident.reopenCount > 0 ? <span>{t('view.reopened', { count: incident.reopenCount })}</span> : null}
                {incident.needsAttention.length > 0 ? <span className="tag tag--attention">{t('queue.tag.attention')}</span> : null}
              </p>
            ) : null}
          </div>
          {incident ? <AuditTrailExportButton incidentId={incident.id} incidentNumber={incident.number} /> : null}
          <button type="button" className="button button--quiet button--small" aria-keyshortcuts="Escape" onClick={incidentClosed}>
            {t('view.close')}
          </button>
        </div>

        {held && !incident ? <p role="status">{t('view.gone')}</p> : null}
        {incident ? (
          <>
            <ActionBar
              incident={incident}
              availability={availability}
              onOpenDialog={openDialog}
              onOneClick={oneClick}
              onDone={setMessage}
            />
            <p role="status" className="incident-view__message" data-empty={!message}>
              {message}
            </p>
            {keyError ? (
              <p role="alert" className="form__error">
                {keyError}
              </p>
            ) : null}
            <div className="incident-view__columns">
              <div className="incident-view__main">
                <StormProposalBanner incident={incident} onDeclare={can('declareMajor') ? declareMajor : null} />
                <IncidentDetails incident={incident} availability={availability} />
                {incident.state === 'resolved' || incident.state === 'closed' ? (
                  <section className="incident-view__section incident-view__resolution" aria-label={t('view.resolution')}>
                    <p>
                      <Rich id="view.resolutionLine" values={{ code: incident.resolutionCode ? resolutionCodeText(incident.resolutionCode) : t('view.none') }} />
                    </p>
                    {incident.resolutionNotes ? <p className="incident-view__notes">{incident.resolutionNotes}</p> : null}
                  </section>
                ) : null}
                {can('prioritize') ? <PriorityEditor key={`${incident.impact}/${incident.urgency}`} incident={incident} /> : null}
                <NoteComposer
                  incident={incident}
                  canAddWorkNote={can('addWorkNote')}
                  canCommentToCaller={can('addCallerComment')}
                  refusal={refusalOrNull(availability.get('addWorkNote')?.refusal) ?? null}
                />
                <h3 id={ids.timeline} className="side-panel__section-title">
                  {t('view.activity')}
                </h3>
                {held?.base ? (
                  <p className="side-panel__note" role="status">
                    {signedIn
                      ? t('view.fetchingHistory')
                      : t('view.historyOnServer')}
                  </p>
                ) : null}
                {historyNote ? (
                  <p className="side-panel__note" role="status">
                    {historyNote}
                  </p>
                ) : null}
                {activity ? (
                  <ActivityTimeline
                    entries={activity.entries}
                    saving={savingEntries}
                    outbox={outboxState}
                    syncs={connection.status !== 'standalone'}
                    labelledBy={ids.timeline}
                    onOpenIncident={incidentOpened}
                  />
                ) : null}
              </div>
              <aside className="incident-view__aside" aria-label={t('view.aside')}>
                {held?.incident ? <SlaClocks events={held.events} deadlines={held.deadlines} now={now} /> : null}
                <AlertOrigin incident={incident} />
                <EscalationHistory incident={incident} />
                <LinksSection incident={incident} linked={linked} onOpen={incidentOpened} onAdd={can('link') ? addLink : null} />
                {incident.attachments.length > 0 ? (
                  <section className="incident-view__section" aria-label={t('view.files')}>
                    <h3 className="side-panel__section-title">{t('view.files')}</h3>
                    <AttachmentList attachments={incident.attachments} />
                  </section>
                ) : null}
                <SpecialistPanels incident={incident} />
              </aside>
            </div>
            {dialog ? (
              <ActionDialog
                key={dialog}
                action={dialog}
                incident={incident}
                actor={session.actor}
                onDismiss={() => setDialog(null)}
                onDone={(done) => {
                  setDialog(null)
                  setMessage(done)
                }}
              />
            ) : null}
          </>
        ) : null}
      </dialog>
    </SavingStepsContext.Provider>
  )
}
