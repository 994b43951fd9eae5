import { useEffect, type ReactNode } from 'react'
import { IntlProvider } from 'react-intl'
import { useLanguage } from './activeLanguage'

/**
 * Gives the tree react-intl's context (for `<FormattedMessage>` with markup) and re-mounts it
 * when the language changes, so every `t()` already rendered is said again in the new one.
 */
export function LanguageProvider({ children }: { children: ReactNode }) {
  const translator = useLanguage((state) => state.translator)
  useEffect(() => {
    // Screen readers pick their voice from it; the pseudo-locale reads as English.
    document.documentElement.lang = translator.intlLocale
  }, [translator])
  return (
    // react-intl makes its own formatter over the same messages: its formatMessage takes React elements as values.
    <IntlProvider key={translator.locale} locale={translator.intlLocale} messages={translator.messages} defaultLocale="en">
      {children}
    </IntlProvider>
  )
}
