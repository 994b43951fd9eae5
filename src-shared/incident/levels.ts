/**
 * Support levels and escalation (DESIGN §1).
 * Functional escalation moves an incident up to a more skilled group; hierarchical escalation
 * tells a manager without moving it.
 */
export const SUPPORT_LEVELS = [1, 2, 3] as const
export type SupportLevel = (typeof SUPPORT_LEVELS)[number]

export const LEVEL_LABELS: Record<SupportLevel, string> = { 1: 'L1', 2: 'L2', 3: 'L3' }

export interface AssignmentGroup {
  id: string
  name: string
  level: SupportLevel
  /** Only members of a security group see security incidents. */
  security?: boolean
}

/** Why a manager is told. */
export const HIERARCHICAL_TRIGGERS = ['sla_at_risk', 'vip_caller', 'customer_complaint', 'other'] as const
export type HierarchicalTrigger = (typeof HIERARCHICAL_TRIGGERS)[number]
