/**
 * The server enforces who may take which step (DESIGN §1 Roles), whatever a desk sends: every
 * role × every action × (for field technicians) their own or someone else's incident, and
 * every role on a security incident. The expected outcome is written out here from the role
 * table, not computed by the code under test.
 */
import { createHash } from 'node:crypto'
import { expect, it } from 'vitest'
import type { EventDraft, IncidentEvent } from '../../src-shared/events/events'
import { newId } from '../../src-shared/events/ids'
import { INCIDENT_ACTIONS, type Action } from '../../src-shared/incident/commands'
import type { Incident } from '../../src-shared/incident/incident'
import { decide } from '../../src-shared/incident/lifecycle'
import { ROLES, type Actor, type Role } from '../../src-shared/incident/roles'
import type { IncidentState } from '../../src-shared/incident/vocabulary'
import type { PushResult } from '../../src-shared/sync/protocol'
import { createDesk, exampleCommand, incidentIn, nowIso, people, personRef, personWithRole, reports, stampEvents, type Desk } from '../fixtures/incidents'
import { describeServer } from './harness'

/** Every workflow step: logging, then each action on an existing incident. */
const ACTIONS: readonly Action[] = ['log', ...INCIDENT_ACTIONS]

/** Whose incident it is, from the acting person's point of view. */
type Ownership = 'own' | 'others' | 'any' | 'security'

/** Triage decisions the field never takes. */
const DESK_ONLY = new Set<Action>(['prioritize', 'assign', 'cancel', 'declareMajor', 'postMajorUpdate'])
const SECURITY_GROUP = new Set<Role>(['security_analyst', 'admin'])
const RUNS_MAJOR_INCIDENTS = new Set<Role>(['incident_manager', 'admin'])
/** Steps only on a major incident; the scene declares it major first. */
const MAJOR_ONLY = new Set<Action>(['postMajorUpdate', 'updateMajor', 'recordReview'])
/** Steps the incident manager (or an admin) takes, never the rest of the desk. */
const MAJOR_OWNERS_ONLY = new Set<Action>(['updateMajor', 'recordReview'])

function expectedOutcome(role: Role, action: Action, ownership: Ownership): string {
  // Anyone may log an incident, a security one included: whoever finds it reports it.
  if (action === 'log') return 'accepted'
  // Disclosure clocks exist only on security incidents, so every one of its scenes is one. A
  // hidden incident is answered as a missing one: a refusal must not confirm that it exists.
  if ((ownership === 'security' || action === 'trackDisclosure') && !SECURITY_GROUP.has(role)) return 'not_found'
  if (MAJOR_OWNERS_ONLY.has(action) && !RUNS_MAJOR_INCIDENTS.has(role)) return 'role_not_allowed'
  // Every scene incident is below P1: only an incident manager (or admin) may declare it major.
  if (action === 'declareMajor' && role !== 'field_technician' && !RUNS_MAJOR_INCIDENTS.has(role)) return 'not_p1'
  if (role !== 'field_technician') return 'accepted'
  if (DESK_ONLY.has(action)) return 'role_not_allowed'
  // Taking a New incident is how a technician makes it theirs.
  if (action === 'acknowledge') return 'accepted'
  return ownership === 'own' ? 'accepted' : 'not_owner'
}

/** The state each step is normally taken from (the server does not judge state, only authority). */
function stateFor(action: Action): IncidentState {
  switch (action) {
    case 'acknowledge':
      return 'new'
    case 'resume':
      return 'on_hold'
    case 'close':
    case 'reopen':
    case 'recordReview':
      return 'resolved'
    default:
      return 'in_progress'
  }
}

interface Cell {
  role: Role
  action: Action
  ownership: Ownership
  events: IncidentEvent[]
}

function ownershipsOf(role: Role): Ownership[] {
  return role === 'field_technician' ? ['own', 'others', 'security'] : ['any', 'security']
}

/**
 * The events `actor` would push for `action`: drafted by an admin (who may take every step, so
 * the draft always exists) and stamped as `actor`, as a desk that skipped its own checks would.
 */
function eventsFor(desk: Desk, action: Action, actor: Actor, incident: Incident | undefined, ownership: Ownership, target: Incident): IncidentEvent[] {
  if (action === 'log') {
    const report = ownership === 'security' ? reports.phishingClick : reports.printerJams
    const incidentId = newId()
    const decision = decide(undefined, { action: 'log', incidentId, number: 'INC-LOCAL-1', numberIsProvisional: true, ...report }, { actor, now: nowIso(desk.clock), config: desk.config })
    if (!decision.ok) throw new Error(decision.refusal.message)
    return stampEvents(decision.events, actor, desk.clock)
  }
  const command = exampleCommand(action as Exclude<Action, 'log'>, incident!, { targetIncidentId: target.id })
  const decision = decide(incident, command, { actor: people.alex, now: nowIso(desk.clock), config: desk.config, related: desk.find })
  if (!decision.ok) throw new Error(`${action}: ${decision.refusal.message}`)
  const drafts = decision.events.map((draft): EventDraft =>
    draft.type === 'IncidentAcknowledged' ? { ...draft, payload: { assignee: personRef(actor) } } : draft,
  )
  return stampEvents(drafts, actor, desk.clock)
}

function sceneFor(desk: Desk, action: Action, ownership: Ownership): Incident | undefined {
  if (action === 'log') return undefined
  const state = stateFor(action)
  const major = MAJOR_ONLY.has(action)
  if (ownership === 'security' || action === 'trackDisclosure') {
    return incidentIn(state, { desk, report: reports.phishingClick, loggedBy: people.priya, assignee: people.priya, major }).incident
  }
  if (ownership === 'own') {
    // A New incident is a technician's own when they logged it; a taken one when it is assigned to them.
    return state === 'new'
      ? incidentIn(state, { desk, report: reports.cardReader, loggedBy: people.tomas, major }).incident
      : incidentIn(state, { desk, report: reports.cardReader, assignee: people.tomas, major }).incident
  }
  if (ownership === 'others') return incidentIn(state, { desk, report: reports.cardReader, assignee: people.aiko, major }).incident
  return incidentIn(state, { desk, report: reports.printerJams, major }).incident
}

describeServer('authorization matrix: every role × action × ownership, enforced on push', (server) => {
  it('should accept or refuse each step exactly as the role table says, and store only what it accepts', async () => {
    const desk = createDesk()
    // Link targets: someone else's incident for the field, and a security incident for the security row.
    const targets: Record<Ownership, Incident> = {
      own: incidentIn('in_progress', { desk, report: reports.vpnDrops, assignee: people.aiko }).incident,
      others: incidentIn('in_progress', { desk, report: reports.vpnDrops, assignee: people.aiko }).incident,
      any: incidentIn('in_progress', { desk, report: reports.vpnDrops }).incident,
      security: incidentIn('in_progress', { desk, report: reports.phishingClick, loggedBy: people.priya, assignee: people.priya }).incident,
    }
    const cells: Cell[] = []
    for (const role of ROLES) {
      const actor = personWithRole(role)
      for (const ownership of ownershipsOf(role)) {
        for (const action of ACTIONS) {
          const incident = sceneFor(desk, action, ownership)
          cells.push({ role, action, ownership, events: [] })
          cells[cells.length - 1]!.events = eventsFor(desk, action, actor, incident, ownership, targets[ownership])
        }
      }
    }
    await server.pushAll(desk.events)

    const outcomes: string[] = []
    const expected: string[] = []
    const refusedIds: string[] = []
    for (const role of ROLES) {
      const mine = cells.filter((cell) => cell.role === role)
      const { results } = await server.push(personWithRole(role), mine.flatMap((cell) => cell.events))
      let index = 0
      for (const cell of mine) {
        const cellResults: PushResult[] = results.slice(index, index + cell.events.length)
        index += cell.events.length
        const label = `${role} ${cell.action} (${cell.ownership})`
        // Both ends of a link get the same answer.
        outcomes.push(`${label}: ${[...new Set(cellResults.map((result) => (result.status === 'refused' ? result.code : result.status)))].join('/')}`)
        expected.push(`${label}: ${expectedOutcome(role, cell.action, cell.ownership)}`)
        for (const result of cellResults) if (result.status === 'refused') refusedIds.push(result.eventId!)
      }
    }
    expect(outcomes).toEqual(expected)
    expect(cells).toHaveLength(22 * (3 + 5 * 2))
    // The table is not vacuous: each kind of refusal occurs as often as the role table implies.
    const count = (code: string) => outcomes.filter((outcome) => outcome.endsWith(`: ${code}`)).length
    expect({ notVisible: count('not_found'), notOwner: count('not_owner'), roleNotAllowed: count('role_not_allowed') }).toEqual({
      // 21 steps on a security incident for the 4 roles outside the security group, plus their
      // 5 disclosure cells on incidents of their own scenes.
      notVisible: 21 * 4 + 5,
      // The field technician on someone else's incident: the 12 work steps that need ownership.
      notOwner: 12,
      // The field's 5 desk-only steps (own and others'), and the 2 incident-manager steps for the
      // field (×2), L1, L2 and the security analyst (×2 scenes each).
      roleNotAllowed: 5 * 2 + 2 * 2 + 2 + 2 + 2 * 2,
    })

    const stored = await server.database.query<{ id: string }>('SELECT id FROM events WHERE id = ANY($1::uuid[])', [refusedIds])
    expect(stored).toEqual([])
  }, 60_000)

  it('should answer the attachment, existence and escalation cells the same way for every role', async () => {
    const desk = createDesk()
    // A security incident with a file only its analyst uploaded.
    const { incident: hidden } = incidentIn('in_progress', { desk, report: reports.phishingClick, loggedBy: people.priya, assignee: people.priya })
    const secret = new TextEncoder().encode('headers of the phishing mail')
    const sha256 = createHash('sha256').update(secret).digest('hex')
    desk.run({ action: 'attach', incidentId: hidden.id, attachment: { attachmentId: newId(), name: 'headers.eml', mediaType: 'message/rfc822', size: secret.byteLength, sha256 } }, people.priya)
    const put = await server.request({ method: 'PUT', url: `/api/v1/attachments/${sha256}`, as: people.priya, headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from(secret) })
    expect(put.statusCode).toBe(200)
    await server.pushAll(desk.events)

    const outcomes: string[] = []
    const expected: string[] = []
    for (const role of ROLES) {
      const actor = personWithRole(role)
      const seesSecurity = SECURITY_GROUP.has(role)
      // The actor's own incident, at L2 after an escalation, so every role may act on it.
      const own = createDesk({ clock: desk.clock })
      const mine = own.log(reports.printerJams, actor)
      await server.pushAll(own.events)
      const answer = async (events: IncidentEvent[]) => {
        const result = (await server.push(actor, events)).results.at(-1)!
        return result.status === 'refused' ? `${result.code}: ${result.reason}` : result.status
      }
      const cell = async (name: string, events: IncidentEvent[], outcome: string) => {
        outcomes.push(`${role} ${name}: ${await answer(events)}`)
        expected.push(`${role} ${name}: ${outcome}`)
      }
      const stamp = (draft: Pick<IncidentEvent, 'incidentId' | 'type' | 'payload'>) => stampEvents([draft as EventDraft], actor, desk.clock)
      const notOnServer = 'not_found: The other incident is not on the server, or you may not see it.'

      await cell(
        'attach a file only the security group may read',
        stamp({ incidentId: mine.id, type: 'AttachmentAdded', payload: { attachmentId: newId(), name: 'copy.eml', mediaType: 'message/rfc822', size: secret.byteLength, sha256 } }),
        seesSecurity ? 'accepted' : 'attachment_not_available: Another copy of this file is on the server and is not yours to reference; attach the file from this device again.',
      )
      await cell(
        're-log a security incident’s id',
        stamp({ incidentId: hidden.id, type: 'IncidentLogged', payload: own.events[0]!.payload }),
        'already_exists: An incident with this id is already on the server.',
      )
      await cell('link to a security incident', stamp({ incidentId: mine.id, type: 'IncidentLinked', payload: { kind: 'related', targetIncidentId: hidden.id } }), seesSecurity ? 'accepted' : notOnServer)
      await cell('link to an id that does not exist', stamp({ incidentId: mine.id, type: 'IncidentLinked', payload: { kind: 'related', targetIncidentId: newId() } }), notOnServer)
      await cell(
        'escalate functionally from L2 down to L1',
        stamp({ incidentId: mine.id, type: 'IncidentEscalated', payload: { kind: 'functional', fromLevel: 2, toLevel: 1, toGroup: 'Service Desk', reason: 'Send it back.' } }),
        'invalid_escalation: Functional escalation goes up a level; this incident is already at L2.',
      )
    }
    expect(outcomes).toEqual(expected)
    expect(outcomes).toHaveLength(ROLES.length * 5)
  }, 60_000)
})
