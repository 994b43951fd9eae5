import { Dexie } from 'dexie'
import type { ReminderIncident, SlaCrossing } from '../../src-shared/data/deskDataContract'
import type { Incident } from '../../src-shared/incident/incident'
import type { Actor } from '../../src-shared/incident/roles'
import { canSee, canSeeSecurityIncidents } from '../../src-shared/incident/visibility'
import { isRunningMajor, sortMajorsByNextUpdate } from '../major/runningMajors'
import type { IncidentDeskDatabase } from './database'
import { fromRecord, type IncidentRecord } from './records'
import { eventsOfIncident } from './refold'

/**
 * The reads the major-incident and security screens make, answered by the data worker
 * (DeskDataApi): each returns only what `actor` may see, whatever id or number was asked for.
 */

/**
 * Major incidents still being run, by next update due. Read through the `majorFlag` index
 * (schema v4), which holds only major incidents, so the cost follows the number of majors ever
 * declared, not the size of the desk.
 */
export async function runningMajorIncidents(db: IncidentDeskDatabase, actor: Actor): Promise<Incident[]> {
  const records = await db.incidents.where('majorFlag').equals(1).toArray()
  const incidents = records.map(fromRecord).filter((incident) => isRunningMajor(incident) && canSee(actor, incident))
  return sortMajorsByNextUpdate(incidents)
}

/** The incidents by id, in that order; undefined where the desk does not hold one or `actor` may not see it. */
export async function visibleIncidents(db: IncidentDeskDatabase, incidentIds: readonly string[], actor: Actor): Promise<Array<Incident | undefined>> {
  const records = await db.incidents.bulkGet([...incidentIds])
  return records.map((record) => {
    const incident = record ? fromRecord(record) : undefined
    return incident && canSee(actor, incident) ? incident : undefined
  })
}

/** Finds an incident by its number (the index is not unique while a sync renumbers: the first visible one). */
export async function incidentByNumber(db: IncidentDeskDatabase, number: string, actor: Actor): Promise<Incident | undefined> {
  const records = await db.incidents.where('number').equals(number).toArray()
  return records.map(fromRecord).find((incident) => canSee(actor, incident))
}

/** Open incidents a parent could take as children: visible, not the parent, not already in a hierarchy. */
export async function linkableOpenIncidents(db: IncidentDeskDatabase, parentId: string, actor: Actor, limit = 200): Promise<Incident[]> {
  const records = await db.incidents
    .where('[open+priority+updatedAt]')
    .between([1, Dexie.minKey, Dexie.minKey], [1, Dexie.maxKey, Dexie.maxKey])
    .filter((record) => record.id !== parentId && !record.links.some((link) => link.kind === 'parent' || link.kind === 'child'))
    .limit(limit)
    .toArray()
  return records.map(fromRecord).filter((incident) => canSee(actor, incident))
}

/**
 * Security incidents that track at least one disclosure regime, through the `securityFlag` index
 * (schema v4), which holds only security incidents. None for an actor outside the security group:
 * they do not read security incidents, not even to count them.
 */
export async function disclosureTrackingIncidents(db: IncidentDeskDatabase, actor: Actor): Promise<ReminderIncident[]> {
  if (!canSeeSecurityIncidents(actor.role)) return []
  const records = await db.incidents.where('securityFlag').equals(1).filter(tracksDisclosure).toArray()
  return records.filter((record) => canSee(actor, record)).map(reminderFields)
}

function tracksDisclosure(record: IncidentRecord): boolean {
  return record.isSecurity && (record.disclosure?.regimes.length ?? 0) > 0
}

function reminderFields(record: IncidentRecord): ReminderIncident {
  return { id: record.id, number: record.number, shortDescription: record.shortDescription, isSecurity: record.isSecurity, disclosure: record.disclosure }
}

/** Everyone who has acted on the incident, in its history's order (who could be its incident manager). */
export async function incidentActors(db: IncidentDeskDatabase, incidentId: string): Promise<Actor[]> {
  return (await eventsOfIncident(db, incidentId)).map((event) => event.actor)
}

/**
 * Incidents whose SLA warning or deadline falls in (since, until], through the two SLA indexes:
 * what crossed a threshold since the last look costs the same with 100k incidents as with ten.
 */
export async function slaCrossings(db: IncidentDeskDatabase, sinceIso: string, untilIso: string, actor: Actor): Promise<SlaCrossing[]> {
  const [warned, due] = await Promise.all([
    db.incidents.where('slaWarningAt').between(sinceIso, untilIso, false, true).toArray(),
    db.incidents.where('slaDueAt').between(sinceIso, untilIso, false, true).toArray(),
  ])
  const byId = new Map([...warned, ...due].map((record) => [record.id, record]))
  return [...byId.values()]
    .filter((record) => canSee(actor, record))
    .map((record) => ({ incident: fromRecord(record), slaWarningAt: record.slaWarningAt, slaDueAt: record.slaDueAt }))
}
