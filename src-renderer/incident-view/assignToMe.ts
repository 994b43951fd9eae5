import type { Command, IncidentAction } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import type { ActionAvailability } from '../../src-shared/incident/lifecycle'
import type { Actor } from '../../src-shared/incident/roles'
import { refusalOrNull, t } from '../i18n/activeLanguage'

export type AssignToMePlan = { ok: true; commands: Command[] } | { ok: false; reason: string }

/**
 * What "a" (Assign to me) does for this incident: take it (acknowledge) when it is unassigned or
 * already assigned to me; when someone else holds it, reassign it to me first (keeping its group),
 * then take it if it is still New. The lifecycle's own reasons come back when neither is allowed.
 */
export function assignToMeSteps(incident: Incident, actor: Actor, availability: ReadonlyMap<IncidentAction, ActionAvailability>): AssignToMePlan {
  const me = { userId: actor.userId, displayName: actor.displayName }
  const mine = incident.assignee?.userId === actor.userId
  if (mine && incident.state !== 'new') return { ok: false, reason: t('view.alreadyYours', { number: incident.number }) }
  const acknowledge = availability.get('acknowledge')
  if (!incident.assignee || mine) {
    if (acknowledge?.allowed) return { ok: true, commands: [{ action: 'acknowledge', incidentId: incident.id }] }
    return { ok: false, reason: refusalOrNull(acknowledge?.refusal) ?? t('assign.cannotTake') }
  }
  const assign = availability.get('assign')
  if (!assign?.allowed) return { ok: false, reason: refusalOrNull(assign?.refusal) ?? t('assign.cannotReassign') }
  const commands: Command[] = [{ action: 'assign', incidentId: incident.id, assignmentGroup: incident.assignmentGroup, assignee: me }]
  if (incident.state === 'new') commands.push({ action: 'acknowledge', incidentId: incident.id })
  return { ok: true, commands }
}
