/**
 * The small pure helpers the lifecycle leans on: terminal states, link inverses, visibility,
 * ownership and the direction of functional escalation.
 */
import { describe, expect, it } from 'vitest'
import { functionalEscalationRefusal } from '../../../src-shared/incident/eventRules'
import { SUPPORT_LEVELS } from '../../../src-shared/incident/levels'
import { canSee, canSeeSecurityIncidents, isOwnedBy } from '../../../src-shared/incident/visibility'
import { INCIDENT_STATES, INVERSE_LINK, isTerminal, LINK_KINDS } from '../../../src-shared/incident/vocabulary'
import { ROLES } from '../../../src-shared/incident/roles'
import { incidentIn, people, personRef, reports } from '../../fixtures/incidents'

describe('isTerminal', () => {
  it.each(INCIDENT_STATES.map((state) => [state, state === 'closed' || state === 'canceled'] as const))('%s → %s', (state, terminal) => {
    expect(isTerminal(state)).toBe(terminal)
  })
})

describe('INVERSE_LINK', () => {
  it('pairs parent with child and duplicate_of with duplicated_by; related is its own inverse', () => {
    expect(INVERSE_LINK).toEqual({ parent: 'child', child: 'parent', duplicate_of: 'duplicated_by', duplicated_by: 'duplicate_of', related: 'related' })
  })

  it.each(LINK_KINDS)('inverting %s twice gives it back', (kind) => {
    expect(INVERSE_LINK[INVERSE_LINK[kind]]).toBe(kind)
  })
})

describe('visibility', () => {
  it.each(ROLES.map((role) => [role, role === 'security_analyst' || role === 'admin'] as const))('%s sees security incidents: %s', (role, sees) => {
    expect(canSeeSecurityIncidents(role)).toBe(sees)
    expect(canSee({ userId: 'u', displayName: 'Someone', role }, { isSecurity: true })).toBe(sees)
    expect(canSee({ userId: 'u', displayName: 'Someone', role }, { isSecurity: false })).toBe(true)
  })
})

describe('isOwnedBy', () => {
  it('an unassigned incident belongs to whoever logged it', () => {
    const { incident } = incidentIn('new', { report: reports.cardReader, loggedBy: people.tomas })
    expect(isOwnedBy(incident, people.tomas)).toBe(true)
    expect(isOwnedBy(incident, people.aiko)).toBe(false)
  })

  it('an assigned incident belongs to the assignee only', () => {
    const { incident } = incidentIn('in_progress', { report: reports.cardReader, loggedBy: people.tomas, assignee: people.aiko })
    expect(incident.assignee).toEqual(personRef(people.aiko))
    expect(isOwnedBy(incident, people.aiko)).toBe(true)
    expect(isOwnedBy(incident, people.tomas)).toBe(false)
  })
})

describe('functionalEscalationRefusal', () => {
  const pairs = SUPPORT_LEVELS.flatMap((from) => SUPPORT_LEVELS.map((to) => [from, to, to > from] as const))

  it.each(pairs)('L%s → L%s allowed: %s', (from, to, allowed) => {
    const error = functionalEscalationRefusal(from, to)
    if (allowed) expect(error).toBeUndefined()
    else expect(error?.message).toBe(`Functional escalation goes up a level; this incident is already at L${from}.`)
  })
})
