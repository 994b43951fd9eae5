/**
 * Model-based run of the lifecycle (STYLE.md, fast-check `examples/004-stateMachine`): a tiny
 * model says what each step should do to one incident; fast-check picks the steps, the desk runs
 * them through decide → stamp → fold, and after every step the incident must match the model.
 * Steps the model says are impossible from the current state must be refused and record nothing.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { INCIDENT_ACTIONS, type IncidentAction } from '../../../src-shared/incident/commands'
import type { SupportLevel } from '../../../src-shared/incident/levels'
import { priorityFor, type Impact, type Urgency } from '../../../src-shared/incident/priority'
import type { Actor } from '../../../src-shared/incident/roles'
import type { HoldReason, IncidentState } from '../../../src-shared/incident/vocabulary'
import { createDesk, exampleCommand, people, personRef, reports, type Desk } from '../../fixtures/incidents'

interface Model {
  state: IncidentState
  holdReason: HoldReason | null
  reopenCount: number
  isMajor: boolean
  impact: Impact
  urgency: Urgency
  level: SupportLevel
  assigneeId: string | null
  assignmentGroup: string | null
}

interface Real {
  desk: Desk
  id: string
  /** A second incident, so link has a target. */
  otherId: string
}

type LifecycleCommand = fc.Command<Model, Real>

const OPEN: readonly IncidentState[] = ['new', 'in_progress', 'on_hold']
const isOpen = (model: Readonly<Model>) => OPEN.includes(model.state)

/** The states each action may be taken from, restated from DESIGN §1 for the refusal step. */
const ALLOWED_FROM: Record<IncidentAction, readonly IncidentState[]> = {
  categorize: OPEN,
  prioritize: OPEN,
  assign: OPEN,
  acknowledge: ['new', 'in_progress'],
  addWorkNote: [...OPEN, 'resolved'],
  addCallerComment: [...OPEN, 'resolved'],
  hold: ['in_progress'],
  resume: ['on_hold'],
  escalate: OPEN,
  resolve: OPEN,
  close: ['resolved'],
  reopen: ['resolved'],
  cancel: OPEN,
  declareMajor: OPEN,
  link: ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'],
  editDetails: [...OPEN, 'resolved'],
  attach: [...OPEN, 'resolved'],
  postMajorUpdate: [...OPEN, 'resolved'],
  updateMajor: [...OPEN, 'resolved'],
  recordReview: ['resolved', 'closed'],
  trackDisclosure: ['new', 'in_progress', 'on_hold', 'resolved', 'closed', 'canceled'],
}

function expectMatches(model: Readonly<Model>, real: Real): void {
  const incident = real.desk.get(real.id)
  expect({
    state: incident.state,
    holdReason: incident.holdReason,
    reopenCount: incident.reopenCount,
    isMajor: incident.isMajor,
    impact: incident.impact,
    urgency: incident.urgency,
    level: incident.level,
    assigneeId: incident.assignee?.userId ?? null,
    assignmentGroup: incident.assignmentGroup,
  }).toEqual(model)
  expect(incident.priority).toBe(priorityFor(incident.impact, incident.urgency))
  expect(incident.needsAttention).toEqual([])
}

class Assign implements LifecycleCommand {
  constructor(readonly assignee: Actor) {}
  check = (m: Readonly<Model>) => isOpen(m) && !(m.assigneeId === this.assignee.userId && m.assignmentGroup === 'Service Desk')
  run(m: Model, r: Real) {
    r.desk.run({ action: 'assign', incidentId: r.id, assignmentGroup: 'Service Desk', assignee: personRef(this.assignee) }, people.grace)
    m.assigneeId = this.assignee.userId
    m.assignmentGroup = 'Service Desk'
    expectMatches(m, r)
  }
  toString = () => `assign to ${this.assignee.displayName}`
}

class Acknowledge implements LifecycleCommand {
  constructor(readonly actor: Actor) {}
  // Taking it: a New incident nobody else holds, or one escalated to a group and not yet picked up.
  check = (m: Readonly<Model>) =>
    (m.assigneeId === null || m.assigneeId === this.actor.userId) && (m.state === 'new' || (m.state === 'in_progress' && m.assigneeId === null))
  run(m: Model, r: Real) {
    r.desk.run({ action: 'acknowledge', incidentId: r.id }, this.actor)
    m.state = 'in_progress'
    m.assigneeId = this.actor.userId
    expectMatches(m, r)
  }
  toString = () => `acknowledge by ${this.actor.displayName}`
}

class Hold implements LifecycleCommand {
  constructor(readonly reason: HoldReason) {}
  check = (m: Readonly<Model>) => m.state === 'in_progress'
  run(m: Model, r: Real) {
    const callerComment = this.reason === 'awaiting_caller' ? 'Please send the error code shown on the panel.' : null
    r.desk.run({ action: 'hold', incidentId: r.id, reason: this.reason, callerComment }, people.alex)
    m.state = 'on_hold'
    m.holdReason = this.reason
    expectMatches(m, r)
  }
  toString = () => `hold (${this.reason})`
}

class CallerReplies implements LifecycleCommand {
  check = (m: Readonly<Model>) => isOpen(m) || m.state === 'resolved'
  run(m: Model, r: Real) {
    r.desk.run({ action: 'addCallerComment', incidentId: r.id, text: 'It shows E-204.', direction: 'from_caller' }, people.alex)
    if (m.state === 'on_hold' && m.holdReason === 'awaiting_caller') {
      m.state = 'in_progress'
      m.holdReason = null
    }
    expectMatches(m, r)
  }
  toString = () => 'caller replies'
}

class Resume implements LifecycleCommand {
  check = (m: Readonly<Model>) => m.state === 'on_hold'
  run(m: Model, r: Real) {
    r.desk.run({ action: 'resume', incidentId: r.id }, people.alex)
    m.state = 'in_progress'
    m.holdReason = null
    expectMatches(m, r)
  }
  toString = () => 'resume'
}

class Escalate implements LifecycleCommand {
  constructor(readonly toLevel: SupportLevel) {}
  check = (m: Readonly<Model>) => isOpen(m) && this.toLevel > m.level
  run(m: Model, r: Real) {
    const toGroup = `Print L${this.toLevel}`
    r.desk.run({ action: 'escalate', incidentId: r.id, escalation: { kind: 'functional', toLevel: this.toLevel, toGroup, reason: 'Beyond this level.' } }, people.alex)
    m.level = this.toLevel
    m.assignmentGroup = toGroup
    m.assigneeId = null
    expectMatches(m, r)
  }
  toString = () => `escalate to L${this.toLevel}`
}

class Prioritize implements LifecycleCommand {
  constructor(
    readonly impact: Impact,
    readonly urgency: Urgency,
  ) {}
  check = (m: Readonly<Model>) => isOpen(m) && (m.impact !== this.impact || m.urgency !== this.urgency)
  run(m: Model, r: Real) {
    r.desk.run({ action: 'prioritize', incidentId: r.id, impact: this.impact, urgency: this.urgency }, people.grace)
    m.impact = this.impact
    m.urgency = this.urgency
    expectMatches(m, r)
  }
  toString = () => `prioritize impact ${this.impact} × urgency ${this.urgency}`
}

class DeclareMajor implements LifecycleCommand {
  check = (m: Readonly<Model>) => isOpen(m) && !m.isMajor
  run(m: Model, r: Real) {
    r.desk.run({ action: 'declareMajor', incidentId: r.id, incidentManager: personRef(people.sofia), reason: 'Every floor is affected.' }, people.sofia)
    m.isMajor = true
    expectMatches(m, r)
  }
  toString = () => 'declare major'
}

class Resolve implements LifecycleCommand {
  check = (m: Readonly<Model>) => isOpen(m)
  run(m: Model, r: Real) {
    // A major incident is the incident manager's to resolve; anything else, the L2 specialist's.
    const resolver = m.isMajor ? people.sofia : people.dmitri
    r.desk.run({ action: 'resolve', incidentId: r.id, resolutionCode: 'solution_provided', resolutionNotes: 'Cleaned the fuser.' }, resolver)
    m.state = 'resolved'
    m.holdReason = null
    expectMatches(m, r)
  }
  toString = () => 'resolve'
}

class Close implements LifecycleCommand {
  check = (m: Readonly<Model>) => m.state === 'resolved'
  run(m: Model, r: Real) {
    r.desk.run({ action: 'close', incidentId: r.id, cause: 'caller_confirmed' }, people.grace)
    m.state = 'closed'
    expectMatches(m, r)
  }
  toString = () => 'close (caller confirmed)'
}

class Reopen implements LifecycleCommand {
  check = (m: Readonly<Model>) => m.state === 'resolved'
  run(m: Model, r: Real) {
    r.desk.run({ action: 'reopen', incidentId: r.id, reason: 'Jammed again.' }, people.grace)
    m.state = 'in_progress'
    m.reopenCount += 1
    expectMatches(m, r)
  }
  toString = () => 'reopen'
}

class Cancel implements LifecycleCommand {
  check = (m: Readonly<Model>) => isOpen(m)
  run(m: Model, r: Real) {
    r.desk.run({ action: 'cancel', incidentId: r.id, reason: 'duplicate', note: null }, people.grace)
    m.state = 'canceled'
    m.holdReason = null
    expectMatches(m, r)
  }
  toString = () => 'cancel'
}

/** An action the current state does not allow, asked by an admin (who may do anything): refused, nothing recorded. */
class RefusedInThisState implements LifecycleCommand {
  constructor(readonly action: IncidentAction) {}
  check = (m: Readonly<Model>) => !ALLOWED_FROM[this.action].includes(m.state)
  run(m: Model, r: Real) {
    const before = r.desk.events.length
    const decision = r.desk.attempt(exampleCommand(this.action, r.desk.get(r.id), { targetIncidentId: r.otherId }), people.alex)
    expect(decision.ok).toBe(false)
    if (!decision.ok) expect(decision.refusal.code).toBe(m.state === 'closed' || m.state === 'canceled' ? 'terminal' : 'wrong_state')
    expect(r.desk.events).toHaveLength(before)
    expectMatches(m, r)
  }
  toString = () => `${this.action} (expected refused)`
}

const allCommands = [
  fc.constantFrom(people.tomas, people.grace, people.dmitri, people.aiko).map((actor) => new Assign(actor)),
  fc.constantFrom(people.tomas, people.grace, people.dmitri, people.sofia).map((actor) => new Acknowledge(actor)),
  fc.constantFrom<HoldReason>('awaiting_caller', 'awaiting_change', 'awaiting_problem', 'awaiting_vendor').map((reason) => new Hold(reason)),
  fc.constant(new CallerReplies()),
  fc.constant(new Resume()),
  fc.constantFrom<SupportLevel>(2, 3).map((level) => new Escalate(level)),
  fc.tuple(fc.constantFrom<Impact>(1, 2, 3), fc.constantFrom<Urgency>(1, 2, 3)).map(([impact, urgency]) => new Prioritize(impact, urgency)),
  fc.constant(new DeclareMajor()),
  fc.constant(new Resolve()),
  fc.constant(new Close()),
  fc.constant(new Reopen()),
  fc.constant(new Cancel()),
  fc.constantFrom(...INCIDENT_ACTIONS).map((action) => new RefusedInThisState(action)),
]

describe('the lifecycle against its model', () => {
  it('every generated sequence keeps the incident where the model says', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.commands(allCommands, { maxCommands: 100, size: 'max' }), (commands) => {
        const setup = () => {
          const desk = createDesk()
          const incident = desk.log(reports.printerJams, people.grace)
          const other = desk.log(reports.outlookPassword, people.grace)
          const model: Model = {
            state: 'new',
            holdReason: null,
            reopenCount: 0,
            isMajor: false,
            impact: incident.impact,
            urgency: incident.urgency,
            level: 1,
            assigneeId: null,
            assignmentGroup: null,
          }
          return { model, real: { desk, id: incident.id, otherId: other.id } }
        }
        fc.modelRun(setup, commands)
      }),
      { numRuns: 200 },
    )
  })
})
