import type { Role } from '../../src-shared/incident/roles'

/**
 * Who is offered the Reports screen: incident managers and admins (DESIGN: "admins and incident
 * managers ... export reports to CSV"). A standalone desk's own user is an admin of its data, so
 * a desk with no server has reports too. Other roles are not refused anything secret (figures
 * only count incidents they may see); the screen is simply not theirs to need.
 */
export const REPORT_ROLES: readonly Role[] = ['incident_manager', 'admin']

export function mayViewReports(role: Role): boolean {
  return REPORT_ROLES.includes(role)
}
