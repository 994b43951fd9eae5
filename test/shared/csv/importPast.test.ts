import { describe, expect, it } from 'vitest'
import { DEFAULT_TAXONOMY } from '../../../src-shared/config/taxonomy'
import { importSteps, updateSteps, type ImportedPast } from '../../../src-shared/csv/importHistory'
import { planImport, type ImportOptions } from '../../../src-shared/csv/importRows'
import type { ValueChoices } from '../../../src-shared/csv/importValues'
import { parseCsvText } from '../../../src-shared/csv/parse'
import { IMPORT_PRESETS, mappingForHeader } from '../../../src-shared/csv/presets'
import { translatorFor } from '../../../src-shared/i18n/translator'

/** A ServiceNow incident event log as the dataset taken from it is written (one row per update). */
const EVENT_LOG = [
  'number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,closed_code,resolved_by,resolved_at,closed_at',
  'INC0000045,New,true,0,0,0,true,Caller 2403,Opened by 8,29/2/2016 1:16,29/2/2016 1:23,Phone,Location 143,Category 55,Subcategory 170,Symptom 72,?,2 - Medium,2 - Medium,3 - Moderate,Group 56,?,?,?,?,?',
  'INC0000045,Active,true,1,0,1,true,Caller 2403,Opened by 8,29/2/2016 1:16,29/2/2016 8:53,Phone,Location 143,Category 55,Subcategory 170,Symptom 72,?,2 - Medium,2 - Medium,3 - Moderate,Group 24,Resolver 89,?,?,?,?',
  'INC0000045,Resolved,true,1,0,2,true,Caller 2403,Opened by 8,29/2/2016 1:16,29/2/2016 11:29,Phone,Location 143,Category 55,Subcategory 170,Symptom 72,?,2 - Medium,2 - Medium,3 - Moderate,Group 24,Resolver 89,code 5,Resolved by 89,29/2/2016 11:29,?',
  'INC0000045,Closed,false,1,0,3,true,Caller 2403,Opened by 8,29/2/2016 1:16,5/3/2016 12:00,Phone,Location 143,Category 55,Subcategory 170,Symptom 72,?,2 - Medium,2 - Medium,3 - Moderate,Group 24,Resolver 89,code 5,Resolved by 89,29/2/2016 11:29,5/3/2016 12:00',
  'INC0000047,Active,true,0,1,4,false,Caller 2404,Opened by 397,29/2/2016 4:40,1/3/2016 9:52,IVR,Location 165,Category 40,Subcategory 215,Symptom 471,?,1 - High,1 - High,1 - Critical,Group 70,Resolver 31,?,?,?,?',
  'INC0000048,Awaiting User Info,true,0,0,1,true,Caller 2405,Opened by 8,1/3/2016 10:00,1/3/2016 10:30,Direct opening,Location 1,Software,?,Symptom 1,?,3 - Low,3 - Low,5 - Planning,Group 1,Resolver 2,?,?,?,?',
  'INC0000049,Closed,false,0,0,1,true,Caller 2406,Opened by 8,2/3/2016 10:00,2/3/2016 12:00,Self service,Location 1,Software,?,Symptom 1,?,3 - Low,1 - High,2 - High,Group 1,?,code 9,?,2/3/2016 11:00,2/3/2016 12:00',
].join('\n')

function planLog(choices: ValueChoices = {}) {
  const parsed = parseCsvText(EVENT_LOG)
  const preset = IMPORT_PRESETS.servicenow
  const options: ImportOptions = { preset, mapping: mappingForHeader(preset, parsed.header), taxonomy: DEFAULT_TAXONOMY, timeZone: 'utc', dateFormat: 'dmy', eventLog: true, choices }
  return planImport(parsed, options)
}

describe('an event log imported with its past', () => {
  it('lists the categories the desk does not know, with their rows, and refuses no row for them', () => {
    const plan = planLog()
    expect(plan.errors).toEqual([])
    expect(plan.unknown.map((value) => [value.kind, value.text, value.count])).toEqual([
      ['category', 'Category 55', 1],
      ['category', 'Category 40', 1],
    ])
    // IVR, Direct opening and Self service are channels the preset reads.
    expect(plan.rows.map((row) => [row.incident.origin!.number, row.incident.channel])).toEqual([
      ['INC0000048', 'walk_in'],
      ['INC0000049', 'self_service'],
    ])
    expect(plan.waiting).toBe(2)
  })

  it('adds a category (then its subcategories) in the same import, or reads it as one the desk has', () => {
    const first = planLog({ 'category:category 55': { kind: 'add' }, 'category:category 40': { kind: 'map', to: 'hardware' } })
    expect(first.unknown.map((value) => [value.kind, value.text, value.category?.id])).toEqual([
      ['subcategory', 'Subcategory 170', 'category_55'],
      ['subcategory', 'Subcategory 215', 'hardware'],
    ])
    const settled = planLog({
      'category:category 55': { kind: 'add' },
      'category:category 40': { kind: 'map', to: 'hardware' },
      'subcategory:category_55:subcategory 170': { kind: 'add' },
      'subcategory:hardware:subcategory 215': { kind: 'blank' },
    })
    expect(settled.unknown).toEqual([])
    expect(settled.added).toBe(2)
    expect(settled.taxonomy.categories.at(-1)).toEqual({ id: 'category_55', label: 'Category 55', subcategories: [{ id: 'subcategory_170', label: 'Subcategory 170' }] })
    expect(DEFAULT_TAXONOMY.categories.some((category) => category.id === 'category_55')).toBe(false)
    expect(settled.rows.map((row) => [row.incident.origin!.number, row.incident.category, row.incident.subcategory])).toEqual([
      ['INC0000045', 'category_55', 'subcategory_170'],
      ['INC0000047', 'hardware', null],
      ['INC0000048', 'software', null],
      ['INC0000049', 'software', null],
    ])
  })

  it('keeps where each incident ended, its instants, counts and the source priority', () => {
    const plan = planLog({ 'category:category 55': { kind: 'blank' }, 'category:category 40': { kind: 'blank' } })
    const byNumber = new Map(plan.rows.map((row) => [row.incident.origin!.number, row]))
    const closed = byNumber.get('INC0000045')!
    expect(closed.past).toEqual({
      state: 'closed',
      stateText: 'Closed',
      assignee: 'Resolver 89',
      updatedAt: '2016-03-05T12:00:00.000Z',
      resolvedAt: '2016-02-29T11:29:00.000Z',
      closedAt: '2016-03-05T12:00:00.000Z',
      resolutionCode: 'solution_provided',
      resolutionNotes: 'Resolved in ServiceNow with the code “code 5”.',
    })
    expect(closed.incident.origin).toEqual({
      system: 'ServiceNow',
      number: 'INC0000045',
      openedAt: '2016-02-29T01:16:00.000Z',
      closedAt: '2016-03-05T12:00:00.000Z',
      resolvedAt: '2016-02-29T11:29:00.000Z',
      state: 'Closed',
      reassignmentCount: 1,
    })
    expect(closed.incident.assignmentGroup).toBe('Group 24')
    expect(byNumber.get('INC0000047')!.incident.origin).toMatchObject({ reopenCount: 1 })
    expect(byNumber.get('INC0000047')!.past).toMatchObject({ state: 'in_progress', assignee: 'Resolver 31' })
    expect(byNumber.get('INC0000048')!.past).toMatchObject({ state: 'on_hold', stateText: 'Awaiting User Info' })
    // Low impact × High urgency is P3 on the desk's matrix; ServiceNow said P2, and P2 it stays.
    expect(byNumber.get('INC0000049')!.incident.origin).toMatchObject({ priority: 2 })
    // The made-up short description says where it came from, in the desk's language.
    const french = planImport(parseCsvText(EVENT_LOG), {
      preset: IMPORT_PRESETS.servicenow,
      mapping: mappingForHeader(IMPORT_PRESETS.servicenow, parseCsvText(EVENT_LOG).header),
      taxonomy: DEFAULT_TAXONOMY,
      timeZone: 'utc',
      dateFormat: 'dmy',
      eventLog: true,
      choices: { 'category:category 55': { kind: 'blank' }, 'category:category 40': { kind: 'blank' } },
      translator: translatorFor('fr'),
    })
    expect(french.rows[0]!.incident.shortDescription).toBe('ServiceNow INC0000045')
    expect(french.rows[0]!.past.resolutionNotes).toBe('Résolu dans ServiceNow avec le code « code 5 ».')
  })

  it('refuses a state, a count or a resolution date it cannot read, naming the line', () => {
    const text = [
      'number,short_description,caller_id,impact,urgency,opened_at,state,reopen_count,resolved_at',
      'INC1,A,Ann,1,1,2024-03-05 14:30:00,Frozen,0,',
      'INC2,B,Ann,1,1,2024-03-05 14:30:00,Resolved,-1,2024-03-04 10:00:00',
    ].join('\n')
    const parsed = parseCsvText(text)
    const preset = IMPORT_PRESETS.servicenow
    const plan = planImport(parsed, { preset, mapping: mappingForHeader(preset, parsed.header), taxonomy: DEFAULT_TAXONOMY, timeZone: 'utc' })
    expect(plan.errors.map((error) => [error.line, error.message])).toEqual([
      [2, 'State "Frozen" is not one the preset ServiceNow incidents knows.'],
      [3, 'Resolved is before Opened.'],
      [3, 'Times reopened "-1" is not a whole number from 0 to 10000.'],
    ])
  })
})

describe('the steps that bring an imported incident to where its source left it', () => {
  const person = (name: string) => ({ userId: `imported:${name}`, displayName: name })
  const past = (overrides: Partial<ImportedPast>): ImportedPast => ({
    state: 'new',
    stateText: null,
    assignee: null,
    updatedAt: null,
    resolvedAt: null,
    closedAt: null,
    resolutionCode: 'solution_provided',
    resolutionNotes: 'Resolved in GLPI.',
    ...overrides,
  })
  const logged = { openedAt: '2024-03-05T10:00:00.000Z', assignmentGroup: 'Network' }

  it('a new incident needs none; a canceled one is canceled when the source closed it', () => {
    expect(importSteps(logged, past({}), person)).toEqual([])
    expect(importSteps(logged, past({ state: 'canceled', stateText: 'Canceled', closedAt: '2024-03-05T11:00:00.000Z' }), person)).toEqual([
      { at: '2024-03-05T11:00:00.000Z', command: { action: 'cancel', reason: 'logged_in_error', note: 'Canceled' } },
    ])
  })

  it('a closed one is assigned and resolved at its resolution, closed at its closing; never before it was opened', () => {
    const steps = importSteps(
      logged,
      past({ state: 'closed', assignee: 'Ana', resolvedAt: '2024-03-04T09:00:00.000Z', closedAt: '2024-03-07T09:00:00.000Z' }),
      person,
    )
    expect(steps.map((step) => [step.command.action, step.at])).toEqual([
      ['assign', '2024-03-05T10:00:00.000Z'],
      ['resolve', '2024-03-05T10:00:00.000Z'],
      ['close', '2024-03-07T09:00:00.000Z'],
    ])
    expect(steps[0]!.command).toEqual({ action: 'assign', assignmentGroup: 'Network', assignee: person('Ana') })
  })

  it('an open one is taken and given to its assignee at the last update; On Hold waits for what the source waited for', () => {
    const steps = importSteps(logged, past({ state: 'on_hold', stateText: 'Awaiting Vendor', assignee: 'Ana', updatedAt: '2024-03-05T12:00:00.000Z' }), person)
    expect(steps.map((step) => step.command)).toEqual([
      { action: 'acknowledge' },
      { action: 'assign', assignmentGroup: 'Network', assignee: person('Ana') },
      { action: 'hold', reason: 'awaiting_vendor' },
    ])
    expect(new Set(steps.map((step) => step.at))).toEqual(new Set(['2024-03-05T12:00:00.000Z']))
    expect(importSteps(logged, past({ state: 'on_hold', stateText: 'Pending' }), person).at(-1)!.command).toEqual({ action: 'hold', reason: 'awaiting_vendor' })
    expect(importSteps(logged, past({ state: 'on_hold', stateText: 'Awaiting Caller' }), person).at(-1)!.command).toEqual({
      action: 'hold',
      reason: 'awaiting_caller',
      callerComment: 'Awaiting Caller',
    })
  })
})

describe('the steps that bring an incident an earlier import brought in up to the file', () => {
  const person = (name: string) => ({ userId: `imported:${name}`, displayName: name })
  const past = (overrides: Partial<ImportedPast>): ImportedPast => ({
    state: 'new',
    stateText: null,
    assignee: null,
    updatedAt: '2024-03-06T10:00:00.000Z',
    resolvedAt: null,
    closedAt: null,
    resolutionCode: 'solution_provided',
    resolutionNotes: 'Resolved in GLPI.',
    ...overrides,
  })
  const existing = {
    state: 'new' as const,
    category: 'network',
    subcategory: null,
    impact: 2 as const,
    urgency: 2 as const,
    assignmentGroup: 'Network',
    assignee: null,
    updatedAt: '2024-03-05T10:00:00.000Z',
  }
  const now = { category: 'network', subcategory: null, impact: 2 as const, urgency: 2 as const, assignmentGroup: 'Network' }

  it('nothing when nothing differs, and nothing for an incident closed here', () => {
    expect(updateSteps(existing, now, past({}), person, 'Reopened in GLPI.')).toEqual([])
    expect(updateSteps({ ...existing, state: 'closed' }, { ...now, impact: 1 }, past({ state: 'in_progress' }), person, 'Reopened in GLPI.')).toEqual([])
  })

  it('a new incident since resolved and closed in the source: assigned, resolved and closed when the source says', () => {
    const steps = updateSteps(existing, now, past({ state: 'closed', assignee: 'Ana', resolvedAt: '2024-03-06T12:00:00.000Z', closedAt: '2024-03-08T09:00:00.000Z' }), person, 'Reopened in GLPI.')
    expect(steps.map((step) => [step.command.action, step.at])).toEqual([
      ['assign', '2024-03-06T12:00:00.000Z'],
      ['resolve', '2024-03-06T12:00:00.000Z'],
      ['close', '2024-03-08T09:00:00.000Z'],
    ])
  })

  it('reclassified and reprioritized while open; reopened when the source reopened it; never dated before its last change here', () => {
    const steps = updateSteps(
      { ...existing, state: 'resolved', updatedAt: '2024-03-07T10:00:00.000Z' },
      { ...now, category: 'software', impact: 1 },
      past({ state: 'in_progress', assignee: 'Ana' }),
      person,
      'Reopened in GLPI.',
    )
    expect(steps.map((step) => step.command)).toEqual([
      { action: 'reopen', reason: 'Reopened in GLPI.' },
      { action: 'categorize', category: 'software', subcategory: null },
      { action: 'prioritize', impact: 1, urgency: 2 },
      { action: 'assign', assignmentGroup: 'Network', assignee: person('Ana') },
    ])
    expect(new Set(steps.map((step) => step.at))).toEqual(new Set(['2024-03-07T10:00:00.000Z']))
  })
})
