import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { describe, expect, it } from 'vitest'
import { catalogFor, type MessageId } from '../../../src-shared/i18n/catalog'
import { PSEUDO_LOCALE, type AnyLocale } from '../../../src-shared/i18n/locales'
import { createTranslator, type MessageValues } from '../../../src-shared/i18n/translator'

/** A value for every placeholder of a message, of the kind its syntax asks for, so every branch formats. */
function valuesFor(elements: MessageFormatElement[], count: number, into: MessageValues = {}): MessageValues {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue
    if (element.type === TYPE.tag) {
      valuesFor(element.children, count, into)
      continue
    }
    if (element.type === TYPE.plural || element.type === TYPE.number) into[element.value] = count
    else if (element.type === TYPE.date || element.type === TYPE.time) into[element.value] = Date.UTC(2026, 2, 4, 9, 15)
    else if (element.type === TYPE.select) into[element.value] = Object.keys(element.options)[0] ?? 'other'
    else into[element.value] = `‹${element.value}›`
    if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) valuesFor(option.value, count, into)
  }
  return into
}

describe('the translator’s compiled messages', () => {
  // The pseudo-locale's messages are syntax trees already; the others are ICU strings.
  it.each(['en', 'fr', PSEUDO_LOCALE] as AnyLocale[])('say every message of %s exactly as FormatJS says it, for one and for many', (locale) => {
    const translator = createTranslator(locale, locale === 'fr' ? 'fr-FR' : 'en-GB')
    for (const id of Object.keys(catalogFor('en')) as MessageId[]) {
      const source = (translator.messages as Record<string, string | MessageFormatElement[]>)[id]!
      const elements = typeof source === 'string' ? parse(source) : source
      // Messages with markup are drawn by react-intl's <FormattedMessage>, never by `t`.
      if (JSON.stringify(elements).includes(`"type":${TYPE.tag}`)) continue
      for (const count of [1, 12_345.5]) {
        const values = valuesFor(elements, count)
        expect(translator.t(id, values), id).toBe(translator.intl.formatMessage({ id }, values as Record<string, string | number>))
      }
    }
  })

  it('falls back as FormatJS does when a value is missing: the message id, not an exception', () => {
    const translator = createTranslator('en')
    const withPlural = (Object.keys(catalogFor('en')) as MessageId[]).find((id) => catalogFor('en')[id].includes('plural'))!
    const warn = console.warn
    console.warn = () => undefined
    try {
      expect(translator.t(withPlural)).toBe(translator.intl.formatMessage({ id: withPlural }))
    } finally {
      console.warn = warn
    }
  })
})
