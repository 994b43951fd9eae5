import { useId, useMemo } from 'react'
import { CSV_DELIMITERS, isCsvDelimiter, type CsvDelimiter } from '../../src-shared/csv/dialect'
import { IMPORT_DATE_FORMATS, isImportDateFormat, parseDateIn, type ImportDateFormat } from '../../src-shared/csv/dateFormats'
import { activeTranslator, t } from '../i18n/activeLanguage'

const DELIMITER_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const satisfies Record<CsvDelimiter, string>

interface Props {
  delimiter: CsvDelimiter
  onDelimiter: (delimiter: CsvDelimiter) => void
  dateFormat: ImportDateFormat
  onDateFormat: (format: ImportDateFormat) => void
  /** The formats that read every date of the Opened column (detectDateFormats). */
  fitting: readonly ImportDateFormat[]
  /** The first non-empty Opened cell, shown as the chosen format reads it. */
  firstDate: string | null
  timeZone: string
  disabled: boolean
}

/**
 * How the file is read, as detected and for the person to confirm: the separator, and the date
 * format (a file cannot say whether 03/04 is March or April; the first date is shown as read).
 */
export function ImportReadingOptions({ delimiter, onDelimiter, dateFormat, onDateFormat, fitting, firstDate, timeZone, disabled }: Props) {
  const ids = { delimiter: useId(), dateFormat: useId(), dateHint: useId() }
  // Worked out once per date, format and zone: parsing in a named zone and formatting build Intl
  // formatters, and the dialog re-renders at every step of a commit's progress (50–90 ms each).
  const readAt = useMemo(() => {
    const read = firstDate === null ? null : parseDateIn(firstDate, dateFormat, timeZone)
    return read === null ? null : activeTranslator().date(read, { dateStyle: 'long', timeStyle: 'short', timeZone: timeZone === 'utc' ? 'UTC' : timeZone })
  }, [firstDate, dateFormat, timeZone])
  // Two fields for the row the dialog puts them in, beside the time zone.
  return (
    <>
      <div className="form__field">
        <label htmlFor={ids.delimiter}>{t('import.delimiter')}</label>
        <select
          id={ids.delimiter}
          value={delimiter}
          disabled={disabled}
          onChange={(event) => {
            if (isCsvDelimiter(event.target.value)) onDelimiter(event.target.value)
          }}
        >
          {CSV_DELIMITERS.map((candidate) => (
            <option key={candidate} value={candidate}>
              {t(`import.delimiter.${DELIMITER_NAMES[candidate]}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="form__field">
        <label htmlFor={ids.dateFormat}>{t('import.dateFormat')}</label>
        <select
          id={ids.dateFormat}
          value={dateFormat}
          disabled={disabled}
          aria-describedby={ids.dateHint}
          onChange={(event) => {
            if (isImportDateFormat(event.target.value)) onDateFormat(event.target.value)
          }}
        >
          {IMPORT_DATE_FORMATS.map((format) => (
            <option key={format} value={format}>
              {fitting.includes(format) ? t('import.dateFormat.fits', { format: t(`import.dateFormat.${format}`) }) : t(`import.dateFormat.${format}`)}
            </option>
          ))}
        </select>
        <p id={ids.dateHint} className="import-dialog__hint">
          {firstDate !== null && readAt !== null ? (
            <>{t('import.dateFormat.example', { text: firstDate, at: readAt })} </>
          ) : firstDate !== null ? (
            <>{t('import.dateFormat.unread', { text: firstDate })} </>
          ) : null}
          {fitting.length === 0 ? t('import.dateFormat.none') : fitting.length > 1 ? t('import.dateFormat.ambiguous') : null}
        </p>
      </div>
    </>
  )
}
