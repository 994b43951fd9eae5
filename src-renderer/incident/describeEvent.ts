import type { EventOf, IncidentEvent } from '../../src-shared/events/events'
import type { DETAIL_FIELDS } from '../../src-shared/incident/commands'
import { activeTranslator, t } from '../i18n/activeLanguage'
import { deadlineLabel } from '../security/disclosureViewModel'
import { resolutionCodeText } from '../config/resolutionCodeNames'

/**
 * One line saying what an event did, in the words a desk agent uses ("Work note added",
 * "Priority set to P1 Critical"). Used where the event stands alone (the outbox problems panel);
 * the activity timeline shows the same events with their before → after values.
 */
export function describeEvent(event: IncidentEvent): string {
  switch (event.type) {
    case 'IncidentLogged':
      return t('event.logged', { title: event.payload.shortDescription })
    case 'IncidentImported': {
      const { logged, steps } = event.payload
      return t('event.imported', { title: logged.shortDescription, system: logged.origin?.system ?? '', number: logged.origin?.number ?? '', steps: steps.length })
    }
    case 'IncidentCategorized':
      return t('event.categorized', { category: [event.payload.category, event.payload.subcategory].filter(Boolean).join(' / ') })
    case 'IncidentPrioritized':
      return t('event.prioritized', { priority: t(`priority.${event.payload.priority}`), impact: t(`impact.${event.payload.impact}`), urgency: t(`urgency.${event.payload.urgency}`) })
    case 'IncidentAssigned': {
      const to = event.payload.assignee?.displayName ?? event.payload.assignmentGroup
      return to ? t('event.assignedTo', { to }) : t('event.unassigned')
    }
    case 'IncidentAcknowledged':
      return t('event.taken', { name: event.payload.assignee.displayName })
    case 'WorkNoteAdded':
      return t('event.workNote', { text: excerpt(event.payload.text) })
    case 'CallerCommentAdded':
      return event.payload.direction === 'to_caller'
        ? t('event.toCaller', { text: excerpt(event.payload.text) })
        : t('event.fromCaller', { text: excerpt(event.payload.text) })
    case 'IncidentPutOnHold':
      return t('event.held', { reason: t(`hold.${event.payload.reason}`) })
    case 'IncidentResumed':
      return event.payload.cause === 'caller_replied' ? t('event.resumedByCaller') : t('event.resumed')
    case 'IncidentEscalated':
      return event.payload.kind === 'functional'
        ? t('event.escalated', { level: event.payload.toLevel, group: event.payload.toGroup })
        : t('event.managerNotified', { manager: event.payload.manager, trigger: t(`event.trigger.${event.payload.trigger}`) })
    case 'IncidentResolved':
      return t('event.resolved', { code: resolutionCodeText(event.payload.resolutionCode) })
    case 'IncidentClosed':
      return event.payload.cause === 'auto_close' ? t('event.autoClosed') : t('event.closed')
    case 'IncidentReopened':
      return t('event.reopened', { reason: excerpt(event.payload.reason) })
    case 'IncidentCanceled':
      return t('event.canceled', { reason: t(`cancel.${event.payload.reason}`).toLocaleLowerCase() })
    case 'MajorIncidentDeclared':
      return t('event.declared', { name: event.payload.incidentManager.displayName })
    case 'IncidentLinked':
      return t('event.linked', { kind: t(`linkSide.${event.payload.kind}`) })
    case 'IncidentNumbered':
      return t('event.numbered', { number: event.payload.number })
    case 'IncidentDetailsEdited':
      return t('event.edited', { fields: Object.keys(event.payload.changes).map((field) => t(`event.field.${field as DetailField}`)).join(', ') })
    case 'AttachmentAdded':
      return t('event.attached', { name: event.payload.name })
    case 'MajorIncidentUpdatePosted':
      return t('event.majorUpdate', { audience: event.payload.audience, text: excerpt(event.payload.text) })
    case 'MajorIncidentDetailsUpdated':
      return t('event.majorDetails')
    case 'PostIncidentReviewRecorded':
      return t('event.review')
    case 'DisclosureRegimesSet':
      return event.payload.regimes.length
        ? t('event.regimes', { regimes: activeTranslator().list(event.payload.regimes.map((regime) => t(`regime.${regime}`))) })
        : t('event.noRegimes')
    case 'DisclosureTriggerRecorded':
      return t('event.trigger', { trigger: t(`disclosureTrigger.${event.payload.trigger}`) })
    case 'DisclosureSubmitted':
      return t('event.submitted', { deadline: deadlineLabel({ id: event.payload.deadlineId, label: event.payload.deadlineId.replaceAll('_', ' ') }) })
    case 'AlertReceived':
      return describeAlert(event.payload)
    case 'AlertStormDetected':
      return t('event.alertStorm', { alerts: event.payload.alerts, service: event.payload.service, minutes: event.payload.windowMinutes })
    case 'MailReceived':
      return event.payload.autoReply ? t('event.autoReplyReceived', { from: event.payload.from }) : t('event.mailReceived', { from: event.payload.from, subject: excerpt(event.payload.subject) })
    case 'MailSent':
      return t('event.mailSent', { to: activeTranslator().list(event.payload.to), template: t(`mail.template.${event.payload.template}`) })
    case 'MailFailed': {
      const values = { to: activeTranslator().list(event.payload.to), template: t(`mail.template.${event.payload.template}`), error: excerpt(event.payload.error), attempts: event.payload.attempts }
      return event.payload.gaveUp ? t('event.mailGaveUp', values) : t('event.mailFailed', values)
    }
  }
}

type DetailField = (typeof DETAIL_FIELDS)[number]

function describeAlert(payload: EventOf<'AlertReceived'>['payload']): string {
  switch (payload.action) {
    case 'trigger':
      return t('event.alertTriggered', { source: payload.sourceName, count: payload.count })
    case 'acknowledge':
      return t('event.alertAcknowledged', { source: payload.sourceName })
    case 'resolve':
      return t('event.alertRecovered', { source: payload.sourceName })
  }
}

/** The start of a long text, on one line: enough to recognise a note without the whole of it. */
export function excerpt(text: string, length = 80): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length <= length ? line : `${line.slice(0, length - 1).trimEnd()}…`
}
