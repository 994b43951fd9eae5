import { DEFAULT_PRIORITY_MATRIX, type PriorityMatrix } from '../incident/priority'

/**
 * The part of the admin-edited configuration the lifecycle needs. Configuration is data
 * (DESIGN §2): it is versioned and synced; a standalone desk keeps its own.
 */
export interface DomainConfig {
  priorityMatrix: PriorityMatrix
  /** A resolved incident the caller never confirms closes by itself after this many days. */
  autoCloseDays: number
}

export const DEFAULT_DOMAIN_CONFIG: DomainConfig = {
  priorityMatrix: DEFAULT_PRIORITY_MATRIX,
  autoCloseDays: 7,
}
