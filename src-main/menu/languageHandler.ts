import { z } from 'zod'
import { isAnyLocale, type AnyLocale } from '../../src-shared/i18n/locales'
import type { MainApiHandlers } from '../ipc/channelHandler'
import { parseArgumentsWith } from '../sync/ipcArguments'

const languageArguments = z.tuple([z.string().max(20).refine(isAnyLocale, 'Not a language the desk speaks.')])

/**
 * `app.setLanguage`: the page says which language the person chose (or the system's it follows);
 * main rebuilds the application menu in it. Anything but a language the desk speaks is refused.
 */
export function createLanguageHandler(applyLanguage: (locale: AnyLocale) => void): Pick<MainApiHandlers, 'app.setLanguage'> {
  return {
    'app.setLanguage': {
      parseArguments: (raw) => parseArgumentsWith(languageArguments, raw),
      handle: async (locale) => {
        if (isAnyLocale(locale)) applyLanguage(locale)
      },
    },
  }
}
