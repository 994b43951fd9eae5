import type { Actor, Role } from './roles'
import type { Incident } from './incident'

/** Roles that see security incidents: the security group, and admins who run the system. */
export const SECURITY_ROLES: readonly Role[] = ['security_analyst', 'admin']

export function canSeeSecurityIncidents(role: Role): boolean {
  return SECURITY_ROLES.includes(role)
}

/** Category Security restricts an incident to the security group; every other incident is visible to all desk roles. */
export function canSee(actor: Actor, incident: Pick<Incident, 'isSecurity'>): boolean {
  return !incident.isSecurity || canSeeSecurityIncidents(actor.role)
}

/**
 * Who may act on an incident: whoever may see it, and the person who logged it while it has not
 * yet reached the server (its number still provisional). Someone outside the security group who
 * logs an incident straight into Security offline may so finish the batch they wrote (notes,
 * files) on their desk, and the server accepts that batch as it arrives; once the server has
 * numbered the incident it is the security group's alone, and the logger's desk drops it.
 */
export function canWorkOn(actor: Actor, incident: Pick<Incident, 'isSecurity' | 'numberIsProvisional' | 'createdBy'>): boolean {
  return canSee(actor, incident) || (incident.numberIsProvisional && incident.createdBy.userId === actor.userId)
}

/**
 * An incident is someone's own when it is assigned to them, or when they logged it and nobody
 * has been assigned yet (a field technician working what they found on site). Once it has been
 * escalated to another group it belongs to that group's queue, not to whoever logged it.
 */
export function isOwnedBy(incident: Pick<Incident, 'assignee' | 'createdBy' | 'escalations'>, actor: Actor): boolean {
  if (incident.assignee) return incident.assignee.userId === actor.userId
  const escalatedAway = incident.escalations.some((escalation) => escalation.kind === 'functional')
  return !escalatedAway && incident.createdBy.userId === actor.userId
}
