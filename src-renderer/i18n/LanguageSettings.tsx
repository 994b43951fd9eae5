import { useId } from 'react'
import { LOCALE_NAMES, LOCALES, PSEUDO_LOCALE } from '../../src-shared/i18n/locales'
import { chooseLanguage, t, useLanguage } from './activeLanguage'
import type { LanguagePreference } from './languagePreference'

/**
 * The desk's language: the system's, or one chosen here. Applied at once (the screen is said
 * again in the new language) and kept on this machine.
 */
export function LanguageSettings() {
  const id = useId()
  const preference = useLanguage((state) => state.preference)
  return (
    <div className="form">
      <label htmlFor={id} className="form__label">
        {t('settings.language.label')}
      </label>
      <select id={id} value={preference} onChange={(event) => chooseLanguage(event.target.value as LanguagePreference)}>
        <option value="system">{t('settings.language.system')}</option>
        {LOCALES.map((locale) => (
          // Each language in its own name, so whoever cannot read the current one finds theirs.
          <option key={locale} value={locale} lang={locale} translate="no">
            {LOCALE_NAMES[locale]}
          </option>
        ))}
        {preference === PSEUDO_LOCALE ? (
          <option value={PSEUDO_LOCALE} translate="no">
            {PSEUDO_LOCALE}
          </option>
        ) : null}
      </select>
      <p className="form__hint">{t('settings.language.hint')}</p>
    </div>
  )
}
