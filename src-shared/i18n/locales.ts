/**
 * The languages the desk speaks. English is the source; French is complete; `en-XA` is the
 * pseudo-locale the test suite runs to find any string that does not go through the catalog.
 */
export const LOCALES = ['en', 'fr'] as const
export type DeskLocale = (typeof LOCALES)[number]
export const PSEUDO_LOCALE = 'en-XA'
export type AnyLocale = DeskLocale | typeof PSEUDO_LOCALE
export const DEFAULT_LOCALE: DeskLocale = 'en'

/** Each language named in itself, as a language picker shows it. */
export const LOCALE_NAMES: Record<DeskLocale, string> = { en: 'English', fr: 'Français' }

export function isAnyLocale(value: unknown): value is AnyLocale {
  return value === PSEUDO_LOCALE || (LOCALES as readonly unknown[]).includes(value)
}

/**
 * The first of the system's preferred languages the desk speaks (`fr-CA` → `fr`), else English.
 * The pseudo-locale is only ever chosen by its exact tag.
 */
export function matchLocale(preferred: readonly string[]): AnyLocale {
  for (const tag of preferred) {
    if (tag === PSEUDO_LOCALE) return PSEUDO_LOCALE
    const language = tag.toLowerCase().split(/[-_]/)[0]
    const match = LOCALES.find((locale) => locale === language)
    if (match) return match
  }
  return DEFAULT_LOCALE
}
