import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl'
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser'
import { IntlMessageFormat } from 'intl-messageformat'
import { catalogFor, type MessageId } from './catalog'
import type { AnyLocale } from './locales'
import { PSEUDO_LOCALE } from './locales'
import { pseudoCatalog, pseudoText } from './pseudo'

/** What a message's placeholders take: numbers and words; dates as epoch ms with `{at, date}`. */
export type MessageValues = Record<string, string | number | Date | null | undefined>

/**
 * Words and formats in one locale: messages from the catalog, and dates, numbers and lists
 * through `Intl` (via FormatJS, which caches each formatter). Made once per locale; the same
 * object serves React (as react-intl's `RawIntlProvider` value), plain modules and the worker.
 */
export interface Translator {
  locale: AnyLocale
  /** The BCP 47 tag `Intl` formats with: the pseudo-locale formats as English, then marks it. */
  intlLocale: string
  intl: IntlShape
  /** The messages `intl` formats from (the pseudo-locale's are pre-parsed), for react-intl's provider. */
  messages: Record<string, string> | Record<string, MessageFormatElement[]>
  t(id: MessageId, values?: MessageValues): string
  number(value: number, options?: Intl.NumberFormatOptions): string
  date(value: number | string | Date, options?: Intl.DateTimeFormatOptions): string
  list(items: readonly string[], type?: 'conjunction' | 'disjunction'): string
}

const cache = createIntlCache()

/**
 * `regional` is the tag dates and numbers are formatted in when it speaks the same language
 * (`en-GB` writes 09:34 where `en` writes 09:34 AM; `fr-CA` its own dates): the words come from
 * the language, the formats from where the person is.
 */
export function createTranslator(locale: AnyLocale, regional?: string): Translator {
  const pseudo = locale === PSEUDO_LOCALE
  const language = pseudo ? 'en' : locale
  const intlLocale = regional && sameLanguage(regional, language) ? regional : language
  const messages: Record<string, string> | Record<string, MessageFormatElement[]> = pseudo ? pseudoCatalog() : catalogFor(locale)
  const intl = createIntl(
    {
      locale: intlLocale,
      messages,
      defaultLocale: 'en',
      // A missing id is a compile error (MessageId); a broken translation must not take the page down.
      onError: (error) => console.warn(`i18n (${locale}): ${error.message}`),
    },
    cache,
  )
  // Formatted values are marked too in the pseudo-locale, so a date or number formatted outside
  // this object (toLocaleString, toISOString) shows up in the hard-coded string check.
  const mark = pseudo ? pseudoText : (text: string) => text
  return {
    locale,
    intlLocale,
    intl,
    messages,
    t: compiledMessages(intl, messages, intlLocale),
    number: (value, options) => mark(intl.formatNumber(value, options)),
    date: (value, options) => mark(intl.formatDate(typeof value === 'string' ? Date.parse(value) : value, options)),
    list: (items, type = 'conjunction') => mark(intl.formatList(items, { type })),
  }
}

/**
 * `t` over messages compiled once each. FormatJS's `formatMessage` compiles through a memo whose
 * key is the JSON of the message's syntax tree and every format, built again at every call: it
 * was the page's costliest function while an incident panel re-rendered. A message that cannot
 * be compiled or formatted here goes through `formatMessage`, which reports it and falls back
 * as it always did.
 */
function compiledMessages(intl: IntlShape, messages: Translator['messages'], intlLocale: string): Translator['t'] {
  const compiled = new Map<string, IntlMessageFormat | null>()
  const viaFormatJs = (id: MessageId, values?: MessageValues) => intl.formatMessage({ id }, values as Record<string, string | number | Date>)
  return (id, values) => {
    let format = compiled.get(id)
    if (format === undefined) {
      const message = Object.prototype.hasOwnProperty.call(messages, id) ? (messages as Record<string, string | MessageFormatElement[]>)[id] : undefined
      try {
        format = message === undefined ? null : new IntlMessageFormat(message, intlLocale)
      } catch {
        format = null
      }
      compiled.set(id, format)
    }
    if (format === null) return viaFormatJs(id, values)
    try {
      const text = format.format(values as Record<string, string | number | Date>)
      return typeof text === 'string' ? text : viaFormatJs(id, values)
    } catch {
      return viaFormatJs(id, values)
    }
  }
}

function sameLanguage(tag: string, language: string): boolean {
  try {
    return new Intl.Locale(tag).language === language
  } catch {
    return false
  }
}

const translators = new Map<string, Translator>()

/** One translator per locale (and regional format) for the life of the page; their formatters are cached inside. */
export function translatorFor(locale: AnyLocale, regional?: string): Translator {
  const key = `${locale}|${regional ?? ''}`
  let translator = translators.get(key)
  if (!translator) {
    translator = createTranslator(locale, regional)
    translators.set(key, translator)
  }
  return translator
}

/** English: what the server writes in its logs and answers, and what refusals carry as `message`. */
export function english(): Translator {
  return translatorFor('en')
}
