import { create } from 'zustand'
import type { MessageId } from '../../src-shared/i18n/catalog'
import type { AnyLocale } from '../../src-shared/i18n/locales'
import { translatorFor, type MessageValues, type Translator } from '../../src-shared/i18n/translator'
import { wordRefusal, type WordableRefusal } from '../../src-shared/i18n/refusalWords'
import { WordedError, wordedIn, type Worded } from '../../src-shared/i18n/worded'
import { localeFor, readLanguagePreference, writeLanguagePreference, type LanguagePreference } from './languagePreference'

/**
 * The page's language. One per page, read by plain functions (formatters, notification rules,
 * view models) as well as by components: `t()` reads the active translator, and changing the
 * language re-mounts the tree under `LanguageProvider`, so nothing keeps words of the old one.
 */
interface LanguageState {
  preference: LanguagePreference
  locale: AnyLocale
  translator: Translator
}

function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined
  }
}

function systemLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language]
}

/** The system's own formatting locale (what `Intl` uses when given none), used when it speaks the desk's language. */
function systemFormats(): string | undefined {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().locale
  } catch {
    return undefined
  }
}

function stateFor(preference: LanguagePreference): LanguageState {
  const locale = localeFor(preference, systemLanguages())
  return { preference, locale, translator: translatorFor(locale, systemFormats()) }
}

export const useLanguage = create<LanguageState>(() => stateFor(readLanguagePreference(browserStorage())))

export function chooseLanguage(preference: LanguagePreference): void {
  writeLanguagePreference(browserStorage(), preference)
  useLanguage.setState(stateFor(preference))
}

/** The active translator, for code outside components (formatters, rules, dialogs' messages). */
export function activeTranslator(): Translator {
  return useLanguage.getState().translator
}

/** A message in the active language. */
export function t(id: MessageId, values?: MessageValues): string {
  return useLanguage.getState().translator.t(id, values)
}

/** Why a step was refused, in the active language (the lifecycle gives a reason and parameters). */
export function refusalText(refusal: WordableRefusal): string {
  return wordRefusal(refusal, activeTranslator())
}

/** The same, for an action that may have no refusal: null when it has none. */
export function refusalOrNull(refusal: WordableRefusal | undefined): string | null {
  return refusal ? refusalText(refusal) : null
}

/** A shared module's message in the active language. */
export function wordedText(problem: Pick<Worded, 'message'> & Partial<Pick<Worded, 'id' | 'values'>>): string {
  return wordedIn(problem, activeTranslator())
}

/** What went wrong, for the person: a shared module's worded error in the active language, any other error as it says. */
export function problemText(error: unknown): string {
  if (error instanceof WordedError) return wordedText(error.worded)
  return error instanceof Error ? error.message : String(error)
}
