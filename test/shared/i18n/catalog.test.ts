import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { describe, expect, it } from 'vitest'
import { DEFAULT_INCIDENT_COLUMN_IDS, headerCells, INCIDENT_COLUMNS, pickColumns } from '../../../src-shared/csv/columns'
import { localizedHeaders } from '../../../src-shared/csv/headers'
import { guessPreset, IMPORT_PRESETS, mappingForHeader } from '../../../src-shared/csv/presets'
import { catalogFor, type MessageId } from '../../../src-shared/i18n/catalog'
import { clockDuration, compactDuration, countdownDuration, figureDuration } from '../../../src-shared/i18n/durations'
import { matchLocale } from '../../../src-shared/i18n/locales'
import { wordRefusal } from '../../../src-shared/i18n/refusalWords'
import { translatorFor } from '../../../src-shared/i18n/translator'
import { checkPermission } from '../../../src-shared/incident/lifecycle'
import { incidentIn, people } from '../../fixtures/incidents'

/** The names of a message's placeholders, however deep in plurals and tags. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue
    if (element.type === TYPE.tag) {
      into.add(`<${element.value}>`)
      argumentsOf(element.children, into)
      continue
    }
    into.add(element.value)
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into)
    }
  }
  return into
}

describe('the catalog', () => {
  const english = catalogFor('en')
  const french = catalogFor('fr')

  it('has a French message for every English id, taking the same placeholders', () => {
    expect(Object.keys(french).sort()).toEqual(Object.keys(english).sort())
    const mismatched = (Object.keys(english) as MessageId[]).filter((id) => {
      const en = [...argumentsOf(parse(english[id]))].sort()
      const fr = [...argumentsOf(parse(french[id]))].sort()
      return en.join() !== fr.join()
    })
    expect(mismatched).toEqual([])
  })

  it('is translated, not copied: most French messages differ from the English', () => {
    const ids = Object.keys(english) as MessageId[]
    const same = ids.filter((id) => english[id] === french[id] && /[a-z]{3}/.test(english[id]))
    // Proper names and acronyms stay as they are (GDPR's French name aside): under one in twenty.
    expect(same.length / ids.length).toBeLessThan(0.05)
  })

  it('the pseudo-locale marks every message and keeps its placeholders working', () => {
    const pseudo = translatorFor('en-XA')
    const text = pseudo.t('refusal.attachmentLimit', { limit: 20 })
    expect(text.startsWith('⟦') && text.endsWith('⟧')).toBe(true)
    expect(text).toContain('20')
    expect(text).not.toMatch(/[A-Za-z]{2}/)
  })
})

describe('the language a desk speaks', () => {
  it('follows the first system language it knows, else English', () => {
    expect(matchLocale(['fr-CA', 'en-US'])).toBe('fr')
    expect(matchLocale(['de-DE', 'fr'])).toBe('fr')
    expect(matchLocale(['de-DE'])).toBe('en')
    expect(matchLocale(['en-XA'])).toBe('en-XA')
  })
})

describe('refusals worded in the user’s language', () => {
  it('words the state, the allowed states, the action and the role in French', () => {
    const { incident } = incidentIn('new')
    const refusal = checkPermission(incident, 'reopen', people.alex)!
    expect(refusal.message).toBe('Cannot reopen an incident that is New; only when Resolved.')
    expect(wordRefusal(refusal, translatorFor('fr'))).toBe('Impossible de rouvrir un incident à l’état Nouveau ; seulement à l’état Résolu.')
    expect(wordRefusal(refusal, translatorFor('en'))).toBe(refusal.message)
  })

  it('keeps the message of a refusal that has no reason', () => {
    expect(wordRefusal({ message: 'Disk full.' }, translatorFor('fr'))).toBe('Disk full.')
  })
})

describe('durations', () => {
  const en = translatorFor('en')
  const fr = translatorFor('fr')
  const minutes = (count: number) => count * 60_000

  it('reads the same in English as before, and in French units', () => {
    expect(compactDuration(minutes(125), en)).toBe('2h 05m')
    expect(compactDuration(minutes(125), fr)).toBe('2 h 05')
    expect(compactDuration(minutes(60 * 24 * 3 + 240), en)).toBe('3d 4h')
    expect(compactDuration(minutes(60 * 24 * 3 + 240), fr)).toBe('3 j 4 h')
    expect(clockDuration(30_000, en)).toBe('under a minute')
    expect(clockDuration(minutes(185), fr)).toBe('3 h 05 min')
    expect(countdownDuration(minutes(60 * 30), en)).toBe('30 h 00 min')
    expect(figureDuration(minutes(60 * 24 * 2 + 60 * 4), fr)).toBe('2 j 4 h')
    expect(figureDuration(45_000, en)).toBe('45 s')
  })
})

describe('formats follow where the person is, words the language', () => {
  it('formats in the system’s regional locale when it speaks the desk’s language, else in the language', () => {
    expect(translatorFor('en', 'en-GB').intlLocale).toBe('en-GB')
    expect(translatorFor('en', 'en-GB').date(Date.UTC(2026, 11, 2, 9, 34), { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })).toBe('09:34')
    expect(translatorFor('fr', 'en-GB').intlLocale).toBe('fr')
    expect(translatorFor('fr', 'fr-CA').intlLocale).toBe('fr-CA')
  })
})

describe('CSV headers in another language', () => {
  it('keeps each English header message equal to the file format’s own header', () => {
    const english = catalogFor('en')
    for (const column of INCIDENT_COLUMNS) expect(english[`csv.header.${column.id}` as MessageId]).toBe(column.header)
  })

  it('maps a file exported with French headers back to the same fields as the English one', () => {
    const columns = pickColumns(INCIDENT_COLUMNS, DEFAULT_INCIDENT_COLUMN_IDS)
    const englishHeader = headerCells(columns)
    const frenchHeader = headerCells(localizedHeaders(columns, 'fr'))
    expect(frenchHeader).not.toEqual(englishHeader)
    expect(frenchHeader).toContain('Description courte')
    const preset = IMPORT_PRESETS.desk
    const byIndex = (mapping: Record<string, string | undefined>, header: readonly string[]) =>
      Object.fromEntries(Object.entries(mapping).map(([field, name]) => [field, name === undefined ? -1 : header.indexOf(name)]))
    expect(byIndex(mappingForHeader(preset, frenchHeader), frenchHeader)).toEqual(byIndex(mappingForHeader(preset, englishHeader), englishHeader))
    expect(guessPreset(frenchHeader)).toBe('desk')
  })
})
