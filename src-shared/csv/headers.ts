import type { MessageId } from '../i18n/catalog'
import { catalogFor } from '../i18n/catalog'
import { LOCALES, type DeskLocale } from '../i18n/locales'
import { INCIDENT_COLUMNS, type CsvColumn } from './columns'

/**
 * Column headers in the desk's languages. A file's English headers are the format's own (other
 * tools and every desk read them); a person may ask for their language instead, and the import
 * reads a header in any language the desk speaks.
 */
function headerIn(locale: DeskLocale, id: string): string | undefined {
  return catalogFor(locale)[`csv.header.${id}` as MessageId]
}

/** The columns with their headers in `locale`; a column without a translation keeps its own. */
export function localizedHeaders<Row>(columns: readonly CsvColumn<Row>[], locale: DeskLocale): CsvColumn<Row>[] {
  return columns.map((column) => ({ ...column, header: headerIn(locale, column.id) ?? column.header }))
}

/** Every header an incident column is written under: English first, then each other language's. */
export function headersOfColumn(id: string): string[] {
  const english = INCIDENT_COLUMNS.find((column) => column.id === id)?.header ?? id
  const all = [english, ...LOCALES.map((locale) => headerIn(locale, id)).filter((header): header is string => header !== undefined)]
  return [...new Set(all)]
}
