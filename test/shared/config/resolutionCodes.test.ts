import { describe, expect, it } from 'vitest'
import { DEFAULT_DOMAIN_CONFIG } from '../../../src-shared/config/domainConfig'
import { DEFAULT_ORG_CONFIG, validateConfigSection } from '../../../src-shared/config/orgConfig'
import { DEFAULT_RESOLUTION_CODES, resolutionCodeName, type ResolutionCodeEntry } from '../../../src-shared/config/resolutionCodes'
import { validateEvent } from '../../../src-shared/events/schemas'
import { decide } from '../../../src-shared/incident/lifecycle'
import { RESOLUTION_CODE_LABELS } from '../../../src-shared/incident/vocabulary'
import { createDesk, incidentIn, people, reports } from '../../fixtures/incidents'

const VENDOR_FIX: ResolutionCodeEntry = { code: 'vendor_fix', label: 'Fixed by the vendor' }
const ORGANIZATION_CODES: ResolutionCodeEntry[] = [VENDOR_FIX, ...DEFAULT_RESOLUTION_CODES.map((entry) => (entry.code === 'known_error' ? { ...entry, retired: true } : entry))]

describe('resolution codes as configuration', () => {
  const check = (value: unknown) => validateConfigSection('resolutionCodes', value, DEFAULT_ORG_CONFIG)

  it('accepts the organization’s own codes beside the built-in ones, retired or renamed', () => {
    expect(check(ORGANIZATION_CODES)).toEqual({ ok: true, value: ORGANIZATION_CODES })
    expect(check(DEFAULT_RESOLUTION_CODES.map((entry) => (entry.code === 'duplicate' ? { ...entry, label: 'Doublon' } : entry))).ok).toBe(true)
  })

  it('refuses a code without a name or listed twice, a bad id, a built-in code removed, and nothing offered', () => {
    const errors = (value: unknown) => {
      const result = check(value)
      return result.ok ? [] : result.errors
    }
    expect(errors([...DEFAULT_RESOLUTION_CODES, { code: 'vendor_fix' }])).toEqual(['The resolution code "vendor_fix" needs a name.'])
    expect(errors([...DEFAULT_RESOLUTION_CODES, VENDOR_FIX, VENDOR_FIX])).toEqual(['The resolution code "vendor_fix" is listed twice.'])
    expect(errors([...DEFAULT_RESOLUTION_CODES, { code: 'Vendor Fix', label: 'x' }])).toEqual(['A resolution code id may use only lower-case letters, digits, "-" and "_".'])
    expect(errors(DEFAULT_RESOLUTION_CODES.filter((entry) => entry.code !== 'user_error'))).toEqual(['The built-in code "user_error" cannot be removed: retire it instead.'])
    expect(errors(DEFAULT_RESOLUTION_CODES.map((entry) => ({ ...entry, retired: true })))).toEqual(['At least one resolution code must be offered.'])
  })

  it('lets a resolution use an organization’s code and a retired one, and refuses a code the organization never had', () => {
    const { incident } = incidentIn('in_progress', { desk: createDesk(), report: reports.printerJams })
    const config = { ...DEFAULT_DOMAIN_CONFIG, resolutionCodes: ORGANIZATION_CODES }
    const resolve = (resolutionCode: string) => decide(incident, { action: 'resolve', incidentId: incident.id, resolutionCode, resolutionNotes: 'Done.' }, { actor: people.dmitri, now: '2026-12-01T10:00:00.000Z', config })
    expect(resolve('vendor_fix')).toMatchObject({ ok: true, events: [{ type: 'IncidentResolved', payload: { resolutionCode: 'vendor_fix' } }] })
    // Retired after a desk resolved with it offline: still accepted, nothing is lost.
    expect(resolve('known_error').ok).toBe(true)
    expect(resolve('made_up')).toMatchObject({ ok: false, refusal: { code: 'invalid_field', message: 'The resolution code "made_up" is not one of the organization’s.' } })
  })

  it('carries any code id in an event, and only an id', () => {
    const desk = createDesk()
    const { incident } = incidentIn('in_progress', { desk, report: reports.printerJams })
    desk.run({ action: 'resolve', incidentId: incident.id, resolutionCode: 'solution_provided', resolutionNotes: 'Done.' }, people.dmitri)
    const resolved = desk.events.at(-1)!
    expect(validateEvent({ ...resolved, payload: { ...resolved.payload, resolutionCode: 'vendor_fix' } }).ok).toBe(true)
    expect(validateEvent({ ...resolved, payload: { ...resolved.payload, resolutionCode: 'Vendor fix!' } }).ok).toBe(false)
  })

  it('names a code by the admin’s name, else a built-in code in the desk’s words, else by its id', () => {
    const builtIn = (code: keyof typeof RESOLUTION_CODE_LABELS) => `«${RESOLUTION_CODE_LABELS[code]}»`
    expect(resolutionCodeName('vendor_fix', ORGANIZATION_CODES, builtIn)).toBe('Fixed by the vendor')
    expect(resolutionCodeName('duplicate', ORGANIZATION_CODES, builtIn)).toBe('«Duplicate»')
    expect(resolutionCodeName('dropped_since', ORGANIZATION_CODES, builtIn)).toBe('dropped_since')
  })
})
