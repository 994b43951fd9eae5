/**
 * Priority is derived, never typed in: impact × urgency through a matrix an admin can change.
 */
export const IMPACTS = [1, 2, 3] as const
export type Impact = (typeof IMPACTS)[number]
export const URGENCIES = [1, 2, 3] as const
export type Urgency = (typeof URGENCIES)[number]
export const PRIORITIES = [1, 2, 3, 4, 5] as const
export type Priority = (typeof PRIORITIES)[number]

export const IMPACT_LABELS: Record<Impact, string> = { 1: 'High', 2: 'Medium', 3: 'Low' }
export const URGENCY_LABELS: Record<Urgency, string> = { 1: 'High', 2: 'Medium', 3: 'Low' }
export const PRIORITY_LABELS: Record<Priority, string> = {
  1: 'P1 Critical',
  2: 'P2 High',
  3: 'P3 Moderate',
  4: 'P4 Low',
  5: 'P5 Planning',
}

/** `matrix[impact - 1][urgency - 1]` is the priority. */
export type PriorityMatrix = readonly [
  readonly [Priority, Priority, Priority],
  readonly [Priority, Priority, Priority],
  readonly [Priority, Priority, Priority],
]

export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = [
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 5],
]

export function priorityFor(impact: Impact, urgency: Urgency, matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX): Priority {
  return matrix[impact - 1]![urgency - 1]!
}

/**
 * The impact and urgency to record for an incident known only by its priority (an import from a
 * tool that has no such columns, like GLPI's search export): the most balanced pair the matrix
 * maps to it, the higher impact on a tie (P2 is High impact, Medium urgency by default). A priority
 * the matrix never gives takes the nearest one it does.
 */
export function impactUrgencyFor(priority: Priority, matrix: PriorityMatrix = DEFAULT_PRIORITY_MATRIX): { impact: Impact; urgency: Urgency } {
  let best: { impact: Impact; urgency: Urgency; score: number } | null = null
  for (const impact of IMPACTS) {
    for (const urgency of URGENCIES) {
      // Distance from the priority first, balance second; impact order breaks the last ties.
      const score = Math.abs(priorityFor(impact, urgency, matrix) - priority) * 10 + Math.abs(impact - urgency)
      if (!best || score < best.score) best = { impact, urgency, score }
    }
  }
  return { impact: best!.impact, urgency: best!.urgency }
}

/**
 * A matrix is usable when higher impact or urgency never lowers priority; an admin's edit that
 * breaks that would rank a company-wide outage below a single printer.
 */
export function validatePriorityMatrix(matrix: PriorityMatrix): string | undefined {
  for (const impact of IMPACTS) {
    for (const urgency of URGENCIES) {
      const here = priorityFor(impact, urgency, matrix)
      if (impact > 1 && priorityFor((impact - 1) as Impact, urgency, matrix) > here) {
        return `Impact ${impact - 1} must not give a lower priority than impact ${impact} (urgency ${urgency}).`
      }
      if (urgency > 1 && priorityFor(impact, (urgency - 1) as Urgency, matrix) > here) {
        return `Urgency ${urgency - 1} must not give a lower priority than urgency ${urgency} (impact ${impact}).`
      }
    }
  }
  return undefined
}
