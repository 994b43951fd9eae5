import { describe, expect, it } from 'vitest'
import { translatorFor } from '../../../src-shared/i18n/translator'
import { wordedIn } from '../../../src-shared/i18n/worded'
import { DEFAULT_TAXONOMY } from '../../../src-shared/config/taxonomy'
import { planImport, type ImportOptions } from '../../../src-shared/csv/importRows'
import { parseCsvText } from '../../../src-shared/csv/parse'
import { guessPreset, IMPORT_PRESETS, mappingForHeader, type ImportPresetId } from '../../../src-shared/csv/presets'

function plan(text: string, presetId: ImportPresetId, timeZone = 'utc') {
  const parsed = parseCsvText(text)
  const preset = IMPORT_PRESETS[presetId]
  const options: ImportOptions = { preset, mapping: mappingForHeader(preset, parsed.header), taxonomy: DEFAULT_TAXONOMY, timeZone }
  return planImport(parsed, options)
}

const SERVICENOW = [
  'number,short_description,description,caller_id,category,subcategory,impact,urgency,priority,state,assignment_group,assigned_to,opened_at,closed_at,contact_type,cmdb_ci,location,business_service',
  'INC0010001,Email down,"Outlook says ""disconnected""",Abel Tuter,Software,,1 - High,2 - Medium,2 - High,In Progress,Service Desk,Beth Anglin,2024-03-05 14:30:00,,phone,EXCH-01,Paris,Email',
  'INC0010002,VPN drops,,Fred Luddy,network,vpn,3 - Low,3 - Low,5 - Planning,Closed,Network,,2024-03-06 08:00:00,2024-03-07 09:15:00,self-service,,,',
].join('\r\n')

const GLPI = [
  'ID,Title,Description,Requester,Category,Priority,Urgency,Impact,Status,Opening date,Closing date,Assigned to technician group,Location,Request source',
  '42,Printer jams,Jams on duplex,Marie Curie,Hardware > Printer,High,Very high,Medium,Processing (assigned),2024-01-10 09:00,,Level 1,Lyon,Helpdesk',
  '43,Screen flickers,,Pierre Curie,Hardware,Low,Low,Very low,Closed,2024-01-11 10:30,2024-01-12 16:00,,,E-Mail',
].join('\n')

describe('the ServiceNow preset', () => {
  it('finds every column of a ServiceNow incident export and maps its values to ours', () => {
    const parsed = parseCsvText(SERVICENOW)
    expect(guessPreset(parsed.header)).toBe('servicenow')
    const result = plan(SERVICENOW, 'servicenow', 'Europe/Paris')
    expect(result.errors).toEqual([])
    expect(result.rows).toHaveLength(2)
    expect(result.rows[0]).toEqual({
      line: 2,
      incident: {
        shortDescription: 'Email down',
        description: 'Outlook says "disconnected"',
        caller: { name: 'Abel Tuter' },
        channel: 'phone',
        category: 'software',
        subcategory: null,
        service: 'Email',
        configurationItem: 'EXCH-01',
        location: 'Paris',
        impact: 1,
        urgency: 2,
        assignmentGroup: 'Service Desk',
        origin: { system: 'ServiceNow', number: 'INC0010001', openedAt: '2024-03-05T13:30:00.000Z', closedAt: null, state: 'In Progress' },
      },
      past: {
        state: 'in_progress',
        stateText: 'In Progress',
        assignee: 'Beth Anglin',
        updatedAt: null,
        resolvedAt: null,
        closedAt: null,
        resolutionCode: 'solution_provided',
        resolutionNotes: 'Resolved in ServiceNow.',
      },
    })
    expect(result.rows[1]!.incident).toMatchObject({
      channel: 'self_service',
      category: 'network',
      subcategory: 'vpn',
      impact: 3,
      urgency: 3,
      origin: { number: 'INC0010002', openedAt: '2024-03-06T07:00:00.000Z', closedAt: '2024-03-07T08:15:00.000Z', state: 'Closed' },
    })
  })
})

describe('the GLPI preset', () => {
  it("reads GLPI's five-level scales, request sources and 'Parent > Child' categories", () => {
    expect(guessPreset(parseCsvText(GLPI).header)).toBe('glpi')
    const result = plan(GLPI, 'glpi')
    expect(result.errors).toEqual([])
    expect(result.rows.map((row) => row.incident)).toEqual([
      expect.objectContaining({
        shortDescription: 'Printer jams',
        caller: { name: 'Marie Curie' },
        category: 'hardware',
        subcategory: 'printer',
        urgency: 1,
        impact: 2,
        channel: 'self_service',
        assignmentGroup: 'Level 1',
        origin: { system: 'GLPI', number: '42', openedAt: '2024-01-10T09:00:00.000Z', closedAt: null, state: 'Processing (assigned)' },
      }),
      expect.objectContaining({ category: 'hardware', subcategory: null, urgency: 3, impact: 3, channel: 'email' }),
    ])
  })
})

describe('a broken file', () => {
  const BROKEN = [
    'number,short_description,caller_id,category,impact,urgency,opened_at,contact_type',
    'INC1,Fine row,Ann,Software,1,1,2024-03-05 14:30:00,phone',
    'INC2,Bad date,Ann,Software,1,1,2024-13-45 25:00:00,phone',
    'INC3,Fine row,Ann,,2,2,2024-03-05 14:30:00,email',
    'INC4,Unknown category,Ann,Plumbing,1,1,2024-03-05 14:30:00,phone',
    'INC5,Fine row,Ann,Network,3,3,2024-03-05T14:30:00Z,',
    'INC6,Wrong column count,Ann,Software,1,1',
    'INC7,"Fine, with a comma",Ann,Hardware,2,3,2024-03-05 14:30:00,walk-in',
    'INC8,"Never closed quote,Ann,Software,1,1,2024-03-05 14:30:00,phone',
    'INC9,Swallowed by the quote,Ann,Software,1,1,2024-03-05 14:30:00,phone',
  ].join('\r\n')

  it('reports every bad row with its line number', () => {
    const result = plan(BROKEN, 'servicenow')
    expect(result.errors.map((error) => error.line)).toEqual([3, 7, 9])
    expect(result.errors[0]!.message).toContain('Opened "2024-13-45 25:00:00" is not a date')
    expect(result.errors[1]!.message).toBe('Has 6 fields; the header has 8.')
    expect(result.errors[2]!.message).toContain('never closed')
    // A category the desk does not know is not a problem: it waits for the person's choice.
    expect(result.unknown).toEqual([{ key: 'category:plumbing', kind: 'category', text: 'Plumbing', category: null, count: 1, firstLine: 5 }])
    expect(result.waiting).toBe(1)
  })

  it('also reports bad scales, unknown channels, missing required values, over-long fields and duplicate numbers', () => {
    const text = [
      'number,short_description,caller_id,impact,urgency,opened_at,contact_type',
      'INC1,Fine,Ann,1,1,2024-03-05 14:30:00,phone',
      'INC2,Bad impact,Ann,7,1,2024-03-05 14:30:00,phone',
      'INC3,Bad channel,Ann,1,1,2024-03-05 14:30:00,carrier pigeon',
      'INC4,,Ann,1,1,2024-03-05 14:30:00,phone',
      `INC5,${'x'.repeat(161)},Ann,1,1,2024-03-05 14:30:00,phone`,
      'INC1,Same number again,Ann,1,1,2024-03-05 14:30:00,phone',
    ].join('\n')
    const result = plan(text, 'servicenow')
    expect(result.errors.map((error) => [error.line, error.message])).toEqual([
      [3, expect.stringContaining('Impact "7"')],
      [6, expect.stringContaining('160')],
      [7, 'Original number INC1 appears twice (first on line 2).'],
    ])
    expect(result.unknown.map((value) => [value.kind, value.text, value.firstLine])).toEqual([['channel', 'carrier pigeon', 4]])
    // An empty short description is named after the tool and number rather than refused.
    expect(result.rows.map((row) => [row.line, row.incident.shortDescription])).toEqual([
      [2, 'Fine'],
      [5, 'ServiceNow INC4'],
    ])
  })

  it('says which required fields are not mapped', () => {
    const result = plan('Title,Who\nA,B\n', 'custom')
    expect(result.errors[0]).toMatchObject({ line: 1, message: 'Map a column to: Original number, Caller, Impact, Urgency, and Opened.' })
    expect(wordedIn(result.errors[0]!, translatorFor('fr'))).toBe('Associez une colonne à : Numéro d’origine, Appelant, Impact, Urgence et Ouvert le.')
  })
})
