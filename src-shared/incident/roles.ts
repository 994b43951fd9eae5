/**
 * Who works the desk (DESIGN §1 Roles).
 * - `field_technician`: works incidents on site, often offline; logs and works what is theirs.
 * - `l1_agent`: first contact; identifies, logs, categorizes, prioritizes, resolves or escalates.
 * - `l2_specialist`: complex issues needing more skill or access.
 * - `incident_manager`: L3 and major incidents; the bridge between users and specialists.
 * - `security_analyst`: the security group; the only role besides admin that sees security incidents.
 * - `admin`: configuration, accounts and reports; may take any action.
 */
export const ROLES = [
  'field_technician',
  'l1_agent',
  'l2_specialist',
  'incident_manager',
  'security_analyst',
  'admin',
] as const
export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  field_technician: 'Field technician',
  l1_agent: 'L1 agent',
  l2_specialist: 'L2 specialist',
  incident_manager: 'Incident manager',
  security_analyst: 'Security analyst',
  admin: 'Admin',
}

/** The person behind a command or an event. */
export interface Actor {
  userId: string
  displayName: string
  role: Role
}

/** A person an incident can be assigned to or escalated to. */
export interface PersonRef {
  userId: string
  displayName: string
}
