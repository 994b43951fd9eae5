/**
 * Every state × action × role (DESIGN §4): who may do what, and the reason given when not.
 *
 * The expected table below is written out independently of `LIFECYCLE` from DESIGN §1: if the
 * lifecycle's table drifts (a role gains an action, a state is added to an action's sources),
 * hundreds of cells here disagree with it by name.
 */
import { describe, expect, it } from 'vitest'
import { INCIDENT_ACTIONS, type IncidentAction } from '../../../src-shared/incident/commands'
import type { Incident } from '../../../src-shared/incident/incident'
import { availableActions, checkPermission, decide, type RefusalCode } from '../../../src-shared/incident/lifecycle'
import { ROLE_LABELS, ROLES, type Actor, type Role } from '../../../src-shared/incident/roles'
import { INCIDENT_STATES, STATE_LABELS, type IncidentState } from '../../../src-shared/incident/vocabulary'
import {
  createDesk,
  exampleCommand,
  incidentIn,
  nowIso,
  people,
  personRef,
  personWithRole,
  reports,
  type Desk,
  type IncidentInOptions,
  type Report,
} from '../../fixtures/incidents'

type Outcome = 'allowed' | RefusalCode

const OPEN: readonly IncidentState[] = ['new', 'in_progress', 'on_hold']
const OPEN_OR_RESOLVED: readonly IncidentState[] = ['new', 'in_progress', 'on_hold', 'resolved']
const EVERY_STATE: readonly IncidentState[] = INCIDENT_STATES
const EVERYONE: readonly Role[] = ['field_technician', 'l1_agent', 'l2_specialist', 'incident_manager', 'security_analyst', 'admin']
const DESK_ROLES: readonly Role[] = ['l1_agent', 'l2_specialist', 'incident_manager', 'security_analyst', 'admin']
const SEES_SECURITY: readonly Role[] = ['security_analyst', 'admin']
const RUNS_MAJOR_INCIDENTS: readonly Role[] = ['incident_manager', 'admin']
const TRACKS_DISCLOSURE: readonly Role[] = ['security_analyst', 'incident_manager', 'admin']

interface ExpectedRule {
  from: readonly IncidentState[]
  roles: readonly Role[]
  /** Field technicians work only what is theirs. */
  fieldTechnicianOwnOnly: boolean
}

/**
 * DESIGN §1 restated action by action. Triage (priority, assignment, cancel, declaring a major
 * incident) is the desk's; working an incident is everyone's, a field technician's only on their own.
 */
const EXPECTED_RULES: Record<IncidentAction, ExpectedRule> = {
  categorize: { from: OPEN, roles: EVERYONE, fieldTechnicianOwnOnly: true },
  prioritize: { from: OPEN, roles: DESK_ROLES, fieldTechnicianOwnOnly: false },
  assign: { from: OPEN, roles: DESK_ROLES, fieldTechnicianOwnOnly: false },
  acknowledge: { from: ['new', 'in_progress'], roles: EVERYONE, fieldTechnicianOwnOnly: false },
  addWorkNote: { from: OPEN_OR_RESOLVED, roles: EVERYONE, fieldTechnicianOwnOnly: true },
  addCallerComment: { from: OPEN_OR_RESOLVED, roles: EVERYONE, fieldTechnicianOwnOnly: true },
  hold: { from: ['in_progress'], roles: EVERYONE, fieldTechnicianOwnOnly: true },
  resume: { from: ['on_hold'], roles: EVERYONE, fieldTechnicianOwnOnly: true },
  escalate: { from: OPEN, roles: EVERYONE, fieldTechnicianOwnOnly: true },
  resolve: { from: OPEN, roles: EVERYONE, fieldTechnicianOwnOnly: true },
  close: { from: ['resolved'], roles: EVERYONE, fieldTechnicianOwnOnly: true },
  reopen: { from: ['resolved'], roles: EVERYONE, fieldTechnicianOwnOnly: true },
  cancel: { from: OPEN, roles: DESK_ROLES, fieldTechnicianOwnOnly: false },
  declareMajor: { from: OPEN, roles: DESK_ROLES, fieldTechnicianOwnOnly: false },
  link: { from: EVERY_STATE, roles: EVERYONE, fieldTechnicianOwnOnly: true },
  editDetails: { from: OPEN_OR_RESOLVED, roles: EVERYONE, fieldTechnicianOwnOnly: true },
  attach: { from: OPEN_OR_RESOLVED, roles: EVERYONE, fieldTechnicianOwnOnly: true },
  postMajorUpdate: { from: OPEN_OR_RESOLVED, roles: DESK_ROLES, fieldTechnicianOwnOnly: false },
  updateMajor: { from: OPEN_OR_RESOLVED, roles: RUNS_MAJOR_INCIDENTS, fieldTechnicianOwnOnly: false },
  recordReview: { from: ['resolved', 'closed'], roles: RUNS_MAJOR_INCIDENTS, fieldTechnicianOwnOnly: false },
  trackDisclosure: { from: EVERY_STATE, roles: TRACKS_DISCLOSURE, fieldTechnicianOwnOnly: false },
}

interface Scene {
  name: string
  report: Report
  options: IncidentInOptions
  /** Whether Tomás, the field technician acting in these cells, owns the incident. */
  fieldTechnicianOwnsIt: boolean
}

const SCENES: Scene[] = [
  {
    name: "Tomás's own field incident (P3, logged by him and assigned to him)",
    report: reports.cardReader,
    options: { loggedBy: people.tomas, assignee: people.tomas },
    fieldTechnicianOwnsIt: true,
  },
  {
    name: "someone else's incident (P3, logged by Grace, assigned to Dmitri)",
    report: reports.printerJams,
    options: { loggedBy: people.grace, assignee: people.dmitri },
    fieldTechnicianOwnsIt: false,
  },
  {
    name: 'a security incident (P2, logged by and assigned to Priya)',
    report: reports.phishingClick,
    options: { loggedBy: people.priya, assignee: people.priya },
    fieldTechnicianOwnsIt: false,
  },
  {
    name: 'a major incident (P1, logged by Grace, assigned to Dmitri)',
    report: reports.emailOutage,
    options: { loggedBy: people.grace, assignee: people.dmitri, major: true },
    fieldTechnicianOwnsIt: false,
  },
]

/** The actor for a role in these cells; the field technician is always Tomás. */
function actorFor(role: Role): Actor {
  return role === 'field_technician' ? people.tomas : personWithRole(role)
}

/** The outcome DESIGN §1 calls for, checks taken in the documented order. */
function expectedOutcome(scene: Scene, incident: Incident, action: IncidentAction, actor: Actor): Outcome {
  const rule = EXPECTED_RULES[action]
  if (incident.isSecurity && !SEES_SECURITY.includes(actor.role)) return 'not_visible'
  if (!rule.from.includes(incident.state)) return incident.state === 'closed' || incident.state === 'canceled' ? 'terminal' : 'wrong_state'
  if (!rule.roles.includes(actor.role)) return 'role_not_allowed'
  if (rule.fieldTechnicianOwnOnly && actor.role === 'field_technician' && !scene.fieldTechnicianOwnsIt) return 'not_owner'
  if (action === 'acknowledge' && incident.assignee && incident.assignee.userId !== actor.userId) return 'not_owner'
  if (action === 'acknowledge' && incident.state === 'in_progress' && incident.assignee) return 'no_change'
  if (action === 'declareMajor') {
    if (incident.isMajor) return 'already_major'
    if (incident.priority !== 1 && !RUNS_MAJOR_INCIDENTS.includes(actor.role)) return 'not_p1'
  }
  if (action === 'resolve' && incident.isMajor && !RUNS_MAJOR_INCIDENTS.includes(actor.role)) return 'role_not_allowed'
  // The communication log and the review belong to major incidents; disclosure clocks to security ones.
  if ((action === 'postMajorUpdate' || action === 'updateMajor' || action === 'recordReview') && !incident.isMajor) return 'not_major'
  if (action === 'trackDisclosure' && !incident.isSecurity) return 'not_security'
  return 'allowed'
}

interface SceneIncidents {
  desk: Desk
  byState: Record<IncidentState, Incident>
  /** A plain incident everyone can see, to link to. */
  linkTarget: Incident
}

function buildScene(scene: Scene): SceneIncidents {
  const desk = createDesk()
  const linkTarget = desk.log(reports.vpnDrops, people.grace)
  const byState = Object.fromEntries(
    INCIDENT_STATES.map((state) => [state, incidentIn(state, { ...scene.options, desk, report: scene.report }).incident]),
  ) as Record<IncidentState, Incident>
  return { desk, byState, linkTarget }
}

function describeOutcome(outcome: Outcome): string {
  return outcome === 'allowed' ? 'allowed' : `refused (${outcome})`
}

describe.each(SCENES.map((scene) => [scene.name, scene] as const))('on %s', (_name, scene) => {
  const built = buildScene(scene)

  it('builds each state through real commands', () => {
    for (const state of INCIDENT_STATES) expect(built.byState[state].state).toBe(state)
    expect(built.byState.new.isSecurity).toBe(scene.report.category === 'security')
    expect(built.byState.in_progress.isMajor).toBe(scene.options.major === true)
  })

  const cells = INCIDENT_STATES.flatMap((state) =>
    INCIDENT_ACTIONS.flatMap((action) =>
      ROLES.map((role) => {
        const incident = built.byState[state]
        const actor = actorFor(role)
        const expected = expectedOutcome(scene, incident, action, actor)
        const title = `${ROLE_LABELS[role]} · ${action} · ${STATE_LABELS[state]} → ${describeOutcome(expected)}`
        return { title, state, action, role, expected }
      }),
    ),
  )

  it('covers all 6 states × 21 actions × 6 roles', () => {
    expect(cells).toHaveLength(756)
  })

  it.each(cells.map((cell) => [cell.title, cell] as const))('%s', (_title, { state, action, role, expected }) => {
    const incident = built.byState[state]
    const actor = actorFor(role)
    const refusal = checkPermission(incident, action, actor)
    expect(refusal?.code ?? 'allowed').toBe(expected)
    if (refusal) expect(refusal.message.trim().length).toBeGreaterThan(10)

    // decide enforces the same table: a well-formed command is refused for the same reason,
    // and an allowed one is accepted.
    const command = exampleCommand(action, incident, { targetIncidentId: built.linkTarget.id })
    const decision = decide(incident, command, { actor, now: nowIso(built.desk.clock), config: built.desk.config, related: built.desk.find })
    if (expected === 'allowed') {
      expect(decision.ok ? 'ok' : `${decision.refusal.code}: ${decision.refusal.message}`).toBe('ok')
    } else {
      expect(decision.ok ? 'ok' : decision.refusal.code).toBe(expected)
    }
  })

  const menus = INCIDENT_STATES.flatMap((state) => ROLES.map((role) => [ROLE_LABELS[role], STATE_LABELS[state], { state, role }] as const))

  it.each(menus)('availableActions for the %s on a %s incident lists every action with its outcome', (_role, _state, { state, role }) => {
    const incident = built.byState[state]
    const actor = actorFor(role)
    const offered = availableActions(incident, actor)
    expect(offered.map((entry) => entry.action)).toEqual([...INCIDENT_ACTIONS])
    expect(offered.map((entry) => (entry.allowed ? 'allowed' : entry.refusal?.code))).toEqual(
      INCIDENT_ACTIONS.map((action) => expectedOutcome(scene, incident, action, actor)),
    )
    for (const entry of offered) {
      if (entry.allowed) expect(entry.refusal).toBeUndefined()
      else expect(entry.refusal?.message).toBeTruthy()
    }
  })
})

describe('refusal messages', () => {
  it('a closed incident points to logging a new, linked incident', () => {
    const { incident } = incidentIn('closed')
    const refusal = checkPermission(incident, 'reopen', people.grace)
    expect(refusal?.code).toBe('terminal')
    expect(refusal?.message).toContain(incident.number)
    expect(refusal?.message).toMatch(/log a new incident and link it/)
  })

  it('a canceled incident says it never changes again', () => {
    const { incident } = incidentIn('canceled')
    expect(checkPermission(incident, 'resolve', people.alex)?.message).toBe(`${incident.number} is Canceled and never changes again.`)
  })

  it('a wrong state names the states the action is allowed from', () => {
    const { incident } = incidentIn('new')
    expect(checkPermission(incident, 'hold', people.grace)?.message).toBe('Cannot put on hold an incident that is New; only when In Progress.')
  })

  it('a role refusal names the role', () => {
    const { incident } = incidentIn('in_progress')
    expect(checkPermission(incident, 'prioritize', people.tomas)?.message).toBe('A Field technician cannot prioritize.')
  })
})

describe('field technicians work only their own incidents', () => {
  it('Tomás may work the incident he logged on site while nobody is assigned', () => {
    const { incident } = incidentIn('new', { report: reports.cardReader, loggedBy: people.tomas })
    expect(checkPermission(incident, 'addWorkNote', people.tomas)).toBeUndefined()
    expect(checkPermission(incident, 'addWorkNote', people.aiko)?.code).toBe('not_owner')
  })

  it('an incident assigned to Aiko is hers, even though Tomás logged it', () => {
    const { incident } = incidentIn('in_progress', { report: reports.cardReader, loggedBy: people.tomas, assignee: people.aiko })
    expect(checkPermission(incident, 'resolve', people.aiko)).toBeUndefined()
    const refusal = checkPermission(incident, 'resolve', people.tomas)
    expect(refusal?.code).toBe('not_owner')
    expect(refusal?.message).toBe('A Field technician can resolve only incidents assigned to them.')
  })

  it("Tomás cannot put someone else's incident on hold, but an L1 agent can", () => {
    const { incident } = incidentIn('in_progress', { assignee: people.dmitri })
    expect(checkPermission(incident, 'hold', people.tomas)?.code).toBe('not_owner')
    expect(checkPermission(incident, 'hold', people.grace)).toBeUndefined()
  })

  it('triage is never a field decision, even on their own incident', () => {
    const { incident } = incidentIn('in_progress', { report: reports.cardReader, loggedBy: people.tomas, assignee: people.tomas })
    for (const action of ['prioritize', 'assign', 'cancel', 'declareMajor'] as const) {
      expect(checkPermission(incident, action, people.tomas)?.code).toBe('role_not_allowed')
    }
  })
})

describe('acknowledge', () => {
  it('anyone on the desk may take an unassigned New incident, field technicians included', () => {
    const { incident } = incidentIn('new')
    for (const actor of [people.tomas, people.grace, people.dmitri]) expect(checkPermission(incident, 'acknowledge', actor)).toBeUndefined()
  })

  it("an incident Dmitri is working is already taken: Grace's acknowledge is refused, Dmitri's is no change", () => {
    const { incident } = incidentIn('in_progress', { assignee: people.dmitri })
    expect(checkPermission(incident, 'acknowledge', people.grace)?.code).toBe('not_owner')
    expect(checkPermission(incident, 'acknowledge', people.dmitri)?.code).toBe('no_change')
  })

  it('a New incident assigned to Dmitri waits for Dmitri to take it', () => {
    const { desk, incident } = incidentIn('new')
    desk.run({ action: 'assign', incidentId: incident.id, assignmentGroup: 'Network L2', assignee: personRef(people.dmitri) }, people.grace)
    const assigned = desk.get(incident.id)
    expect(assigned.state).toBe('new')
    expect(checkPermission(assigned, 'acknowledge', people.grace)).toMatchObject({
      code: 'not_owner',
      message: 'Assigned to Dmitri Volkov; reassign it before taking it.',
    })
    expect(checkPermission(assigned, 'acknowledge', people.dmitri)).toBeUndefined()
  })

  it('after a functional escalation someone in the new group takes the unassigned incident', () => {
    const { desk, incident } = incidentIn('in_progress')
    desk.run(
      { action: 'escalate', incidentId: incident.id, escalation: { kind: 'functional', toLevel: 2, toGroup: 'Network L2', reason: 'Needs switch access' } },
      people.grace,
    )
    const escalated = desk.get(incident.id)
    expect(escalated).toMatchObject({ state: 'in_progress', assignee: null, level: 2 })
    expect(checkPermission(escalated, 'acknowledge', people.dmitri)).toBeUndefined()
  })
})

describe('declaring a major incident', () => {
  const p1 = incidentIn('in_progress', { report: reports.emailOutage }).incident
  const p3 = incidentIn('in_progress', { report: reports.printerJams }).incident

  it.each([
    { who: 'L1 agent', actor: people.grace, priority: 'P1', incident: p1, expected: 'allowed' },
    { who: 'L1 agent', actor: people.grace, priority: 'P3', incident: p3, expected: 'not_p1' },
    { who: 'L2 specialist', actor: people.dmitri, priority: 'P3', incident: p3, expected: 'not_p1' },
    { who: 'security analyst', actor: people.priya, priority: 'P3', incident: p3, expected: 'not_p1' },
    { who: 'incident manager', actor: people.sofia, priority: 'P1', incident: p1, expected: 'allowed' },
    { who: 'incident manager', actor: people.sofia, priority: 'P3', incident: p3, expected: 'allowed' },
    { who: 'admin', actor: people.alex, priority: 'P3', incident: p3, expected: 'allowed' },
    { who: 'field technician', actor: people.tomas, priority: 'P1', incident: p1, expected: 'role_not_allowed' },
  ])('a $who declaring a $priority → $expected', ({ actor, incident, expected }) => {
    expect(checkPermission(incident, 'declareMajor', actor)?.code ?? 'allowed').toBe(expected)
  })

  it('the not_p1 refusal explains the exception', () => {
    expect(checkPermission(p3, 'declareMajor', people.grace)?.message).toBe('Only a P1 can be declared major, unless an incident manager declares it.')
  })

  it('an incident that is already major cannot be declared again, by anyone', () => {
    const { incident } = incidentIn('in_progress', { report: reports.emailOutage, major: true })
    expect(incident.isMajor).toBe(true)
    for (const actor of [people.grace, people.sofia, people.alex]) {
      const refusal = checkPermission(incident, 'declareMajor', actor)
      expect(refusal?.code).toBe('already_major')
      expect(refusal?.message).toBe(`${incident.number} is already a major incident.`)
    }
  })
})

describe('resolving a major incident is the incident manager’s call', () => {
  const { incident } = incidentIn('in_progress', { report: reports.emailOutage, assignee: people.dmitri, major: true })

  it('the L2 specialist working it is refused', () => {
    const refusal = checkPermission(incident, 'resolve', people.dmitri)
    expect(refusal).toMatchObject({ code: 'role_not_allowed', message: 'Only an incident manager resolves a major incident.' })
  })

  it('the incident manager and an admin may', () => {
    expect(checkPermission(incident, 'resolve', people.sofia)).toBeUndefined()
    expect(checkPermission(incident, 'resolve', people.alex)).toBeUndefined()
  })

  it('an ordinary P1 the L2 specialist works is theirs to resolve', () => {
    const ordinary = incidentIn('in_progress', { report: reports.emailOutage, assignee: people.dmitri }).incident
    expect(checkPermission(ordinary, 'resolve', people.dmitri)).toBeUndefined()
  })
})

describe('security incidents', () => {
  it('are hidden from every role outside the security group, even once closed', () => {
    const { incident } = incidentIn('closed', { report: reports.phishingClick })
    for (const role of ['field_technician', 'l1_agent', 'l2_specialist', 'incident_manager'] as const) {
      const refusal = checkPermission(incident, 'link', actorFor(role))
      expect(refusal).toMatchObject({ code: 'not_visible', message: 'Security incidents are visible only to the security group.' })
    }
  })

  it('availableActions offers an outsider nothing', () => {
    const { incident } = incidentIn('in_progress', { report: reports.phishingClick })
    expect(availableActions(incident, people.sofia).filter((entry) => entry.allowed)).toEqual([])
  })
})
