import type { Incident } from '../../src-shared/incident/incident'

/** A major incident still being run: not closed or canceled (a resolved one still owes its review and the all-clear). */
export function isRunningMajor(incident: Pick<Incident, 'isMajor' | 'state'>): boolean {
  return incident.isMajor && incident.state !== 'closed' && incident.state !== 'canceled'
}

/** The majors list: overdue updates first, then the soonest due, then the ones with nothing promised. */
export function sortMajorsByNextUpdate<T extends Pick<Incident, 'nextMajorUpdateDueAt' | 'number'>>(incidents: readonly T[]): T[] {
  return [...incidents].sort((a, b) => {
    const dueA = a.nextMajorUpdateDueAt ? Date.parse(a.nextMajorUpdateDueAt) : Number.POSITIVE_INFINITY
    const dueB = b.nextMajorUpdateDueAt ? Date.parse(b.nextMajorUpdateDueAt) : Number.POSITIVE_INFINITY
    return dueA - dueB || a.number.localeCompare(b.number)
  })
}
