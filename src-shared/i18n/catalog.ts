import type { DeskLocale } from './locales'
import { commonMessages } from './messages/common'
import { menuMessages } from './messages/menu'
import { bulkMessages } from './messages/bulk'
import { disclosureMessages } from './messages/disclosure'
import { importCsvMessages } from './messages/importCsv'
import { csvMessages } from './messages/csv'
import { sessionMessages } from './messages/session'
import { adminMessages } from './messages/admin'
import { configMessages } from './messages/config'
import { rulesMessages } from './messages/rules'
import { servicesMessages } from './messages/services'
import { intakeMessages } from './messages/intake'
import { webhooksMessages } from './messages/webhooks'
import { apiTokensMessages } from './messages/apiTokens'
import { mailAdminMessages } from './messages/mailAdmin'
import { keyboardMessages } from './messages/keyboard'
import { reportsScreenMessages } from './messages/reportsScreen'
import { reportsMessages } from './messages/reports'
import { majorMessages } from './messages/major'
import { loggingMessages } from './messages/logging'
import { incidentDetailsMessages } from './messages/incidentDetails'
import { incidentPanelsMessages } from './messages/incidentPanels'
import { activityMessages } from './messages/activity'
import { incidentViewMessages } from './messages/incidentView'
import { statusBarMessages } from './messages/statusBar'
import { clocksMessages } from './messages/clocks'
import { queueMessages } from './messages/queue'
import { settingsMessages } from './messages/settings'
import { shellMessages } from './messages/shell'
import { refusalMessages } from './messages/refusals'
import { vocabularyMessages } from './messages/vocabulary'

/**
 * Every message the desk shows, by id. Each concept keeps its English and French side by side
 * in `messages/`; this file only gathers them. Ids are typed: `t('no.such.id')` does not compile.
 */
const SETS = [vocabularyMessages, refusalMessages, commonMessages, menuMessages, bulkMessages, disclosureMessages, importCsvMessages, csvMessages, sessionMessages, adminMessages, configMessages, rulesMessages, servicesMessages, intakeMessages, webhooksMessages, apiTokensMessages, mailAdminMessages, keyboardMessages, reportsScreenMessages, reportsMessages, majorMessages, loggingMessages, incidentDetailsMessages, incidentPanelsMessages, activityMessages, incidentViewMessages, statusBarMessages, clocksMessages, queueMessages, settingsMessages, shellMessages] as const

type Union = (typeof SETS)[number]['en']
type Merge<U> = (U extends unknown ? (whole: U) => void : never) extends (whole: infer I) => void ? I : never
export type EnglishCatalog = Merge<Union>
export type MessageId = keyof EnglishCatalog & string

function gather(language: DeskLocale): Record<MessageId, string> {
  const out: Record<string, string> = {}
  for (const set of SETS) {
    for (const [id, message] of Object.entries(set[language])) {
      if (id in out) throw new Error(`Message id ${id} is defined twice.`)
      out[id] = message as string
    }
  }
  return out as Record<MessageId, string>
}

const gathered = new Map<DeskLocale, Record<MessageId, string>>()

/** Gathered on first use, so importing the domain does not build every language's catalog. */
export function catalogFor(locale: DeskLocale): Record<MessageId, string> {
  let catalog = gathered.get(locale)
  if (!catalog) {
    catalog = gather(locale)
    gathered.set(locale, catalog)
  }
  return catalog
}
