import { isAnyLocale, matchLocale, type AnyLocale } from '../../src-shared/i18n/locales'

/**
 * The language a person chose in Settings, per machine (a shared laptop's next user chooses
 * again): `system` follows the operating system's (the browser's) preferred languages.
 */
export type LanguagePreference = 'system' | AnyLocale

const STORAGE_KEY = 'incident-desk.language'

export function readLanguagePreference(storage: Pick<Storage, 'getItem'> | undefined): LanguagePreference {
  try {
    const stored = storage?.getItem(STORAGE_KEY)
    return isAnyLocale(stored) ? stored : 'system'
  } catch {
    return 'system'
  }
}

export function writeLanguagePreference(storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined, preference: LanguagePreference): void {
  try {
    if (preference === 'system') storage?.removeItem(STORAGE_KEY)
    else storage?.setItem(STORAGE_KEY, preference)
  } catch {
    // Storage refused (private mode, quota): the choice holds for this session only.
  }
}

export function localeFor(preference: LanguagePreference, systemLanguages: readonly string[]): AnyLocale {
  return preference === 'system' ? matchLocale(systemLanguages) : preference
}
